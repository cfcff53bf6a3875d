import { formatCount } from '../../domain/normalize.js';
import type { CaseRecord } from '../../services/case-service.js';
import type { HouseholdView } from '../../services/show-service.js';
import { renderTable } from '../table.js';

type Rec = Record<string, string | number | null | undefined>;
const pick = (r: Rec, keys: string[]) => keys.map((k) => r[k] ?? null);

/** What a clerk sees before deciding a case: the household, its last two income years, and the leads. */
export function renderCaseSummary(c: CaseRecord, h: HouseholdView, index: number, total: number): string {
  const out: string[] = [
    '',
    `──── ${index}/${total}  案件 ${c.案件号}  ${c.乡镇}${c.村}  户编号 ${c.户编号}  户主 ${c.户主姓名 ?? ''}`,
    `${c.kind === '识别' ? `拟认定：${c.类别 ?? ''}，风险类型 ${c.风险类型 ?? ''}` : `拟${c.风险消除方式 ?? '消除'}`}；来源 ${c.source ?? ''}${c.sourceRef ? ` ${c.sourceRef}` : ''}；立案 ${c.opened}；待办「${c.stage}」${c.公示开始 ? `；公示 ${c.公示开始} 至 ${c.公示结束}` : ''}`,
  ];
  if (c.overdue) out.push(`注意：自 ${c.overdue.since} 起已 ${c.overdue.days} 天，超过 ${c.overdue.limit} 天时限。`);
  for (const d of c.decisions)
    out.push(`  ${d.date} ${d.stage} ${d.decision}：${d.opinion ?? ''}（${d.operator ?? ''}）`);
  const members = h.members.filter((m) => m.状态 === '在册');
  const mk = ['姓名', '与户主关系', '出生日期', '健康状况', '劳动技能', '在校生状况', '享受低保政策情况'];
  out.push(
    renderTable(
      mk,
      members.map((m) => pick(m, mk)),
      { title: `家庭成员 ${formatCount(members.length)} 人` },
    ),
  );
  const incomes = h.incomes.slice(-2);
  if (incomes.length) {
    out.push(
      renderTable(
        ['年度', '人口', '工资性', '经营性', '转移性', '纯收入', '人均纯收入', '合规自付'],
        incomes.map((i) =>
          pick({ ...i, 年度: String(i.年度 ?? '') }, [
            '年度',
            '家庭人口数',
            '工资性收入',
            '生产经营性收入',
            '转移性收入',
            '家庭纯收入(计算)',
            '人均纯收入(计算)',
            '合规自付支出',
          ]),
        ),
        { title: '近两年收支（元）' },
      ),
    );
  }
  const flags = h.flags.map((f) => `  ${f.批次} ${f.规则} ${f.依据}`);
  if (flags.length) out.push('排查预警：', ...flags.slice(0, 8));
  const alerts = h.alerts.map(
    (a) => `  ${a.来源部门}「${a.预警类型}」${a.预警日期 ?? ''} ${a.状态 ?? ''}${a.核实结果 ? ` ${a.核实结果}` : ''}`,
  );
  if (alerts.length) out.push('部门预警：', ...alerts.slice(0, 8));
  return out.join('\n');
}
