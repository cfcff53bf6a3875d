import { type PolicyKey, policyValueLabel } from '../../domain/policy.js';
import type { PolicySetResult, PolicyView } from '../../services/policy-service.js';
import { renderTable } from '../table.js';

const text = (v: unknown): string =>
  v === null || v === undefined
    ? '（未设置）'
    : typeof v === 'boolean'
      ? v
        ? '是'
        : '否'
      : typeof v === 'number'
        ? v.toLocaleString('en-US')
        : String(v);

const shown = (key: string, v: unknown): string => policyValueLabel(key as PolicyKey, v) ?? text(v);

export function renderPolicy(v: PolicyView): string {
  return [
    renderTable(
      ['参数', '值', '来源'],
      v.parameters.map((p) => [`${p.label}`, shown(p.key, p.value), p.isDefault ? `默认：${p.source}` : p.source]),
      { title: `${v.year} 年政策参数`, align: ['left', 'right', 'left'] },
    ),
    v.yearsWithSettings.length
      ? `本县设置过参数的年度：${v.yearsWithSettings.join('、')}`
      : '本县尚未设置任何参数（全部为默认值）。',
  ].join('\n');
}

export function renderPolicySet(r: PolicySetResult): string {
  const head = r.changed.length
    ? `${r.dryRun ? '（试运行，未保存）' : ''}已设置 ${r.year} 年：${r.changed.map((c) => `${c.label} = ${shown(c.key, c.value)}`).join('；')}`
    : '参数与原来相同，没有修改。';
  return `${head}\n\n${renderPolicy(r)}`;
}
