import { formatCount } from '../../domain/normalize.js';
import type { EditFileResult } from '../../services/edit-file.js';
import type { EditChange, EditResult } from '../../services/edit-service.js';
import type { HistoryResult } from '../../services/history-service.js';
import type { UndoResult } from '../../services/undo-service.js';
import { localTime } from '../local-time.js';
import { renderTable } from '../table.js';

const WHAT = { member: '成员', household: '户', income: '收支' } as const;
/** Rows of an undo listed on a terminal (--json has up to 1,000). */
const UNDO_SHOWN = 20;

function changeTable(changes: readonly EditChange[]): string {
  return renderTable(
    ['类别', '记录', '字段', '原值', '新值'],
    changes.map((c) => [c.类别, c.记录, c.字段, c.原值 ?? '（空）', c.新值 ?? '（空）']),
    { align: ['left', 'left', 'left', 'left', 'left'] },
  );
}

export function renderEdit(r: EditResult): string {
  const who = `${WHAT[r.target.kind]} ${r.target.key}${r.target.年度 ? ` ${r.target.年度} 年度` : ''}`;
  if (r.changes.length === 0) return `${who}：新值与登记库现值相同，没有改动。`;
  const out = [
    r.dryRun
      ? `【试运行】${who}将改动 ${r.changes.length} 项（未保存）：`
      : `已更正${who}，共 ${r.changes.length} 项，修改记录号 ${r.changeSet}（可用 fpjc undo ${r.changeSet} 撤销）：`,
    changeTable(r.changes),
  ];
  if (r.idChange) {
    out.push(
      `证件号码 ${r.idChange.原证件号码} → ${r.idChange.新证件号码}：该人的监测历史、帮扶措施、预警和案件都保留在原户，随新号码查询。`,
    );
  }
  return out.join('\n');
}

export function renderEditFile(r: EditFileResult): string {
  if (r.dryRun) return `【试运行】更正清单 ${r.rows} 行全部通过检查，将改动 ${r.changes} 项（未保存）。`;
  const sets = r.changeSets;
  const contiguous = sets.length > 2 && sets.every((id, i) => i === 0 || id === sets[i - 1]! + 1);
  const list = contiguous
    ? `${sets[0]}–${sets[sets.length - 1]}`
    : `${sets.slice(0, 10).join('、')}${sets.length > 10 ? ` 等 ${sets.length} 个` : ''}`;
  return `更正清单 ${r.rows} 行已全部办理，改动 ${r.changes} 项；每行一个修改记录号：${list || '（无改动）'}（可逐行用 fpjc undo 撤销）。`;
}

export function renderHistory(r: HistoryResult): string {
  const who = r.subject.kind === 'member' ? `证件号码 ${r.subject.key} ` : `户编号 ${r.subject.key} `;
  if (r.sets.length === 0) return `${who}${r.since ? ` 自 ${r.since} 起` : ''}没有修改记录。`;
  const out = [`${who}的修改记录${r.since ? `（自 ${r.since} 起）` : ''}，共 ${r.sets.length} 次：`];
  const aliases = r.subject.证件号码历史;
  if (aliases && aliases.length > 1) out.push(`此人用过的证件号码：${aliases.join('、')}`);
  for (const s of r.sets) {
    const flags = [s.已撤销 ? `已由 ${s.已撤销} 撤销` : null, s.撤销了 ? `撤销了 ${s.撤销了}` : null].filter(Boolean);
    out.push('');
    out.push(
      `[${s.修改记录号}] ${localTime(s.时间)}  ${s.经办人}  ${s.命令}${s.原因 ? `  原因：${s.原因}` : ''}${flags.length ? `  （${flags.join('，')}）` : ''}`,
    );
    out.push(
      renderTable(
        ['类别', '记录', '操作', '字段', '原值', '新值'],
        s.changes.map((c) => [c.类别, c.记录, c.操作, c.字段, c.原值, c.新值]),
        { align: ['left', 'left', 'left', 'left', 'left', 'left'] },
      ),
    );
    if (s.changeCount > s.changes.length)
      out.push(`  …… 共 ${s.changeCount} 项，只列出前 ${s.changes.length} 项（--json 同）。`);
  }
  return out.join('\n');
}

export function renderUndo(r: UndoResult): string {
  const set = `修改记录 ${r.undone.修改记录号}（${localTime(r.undone.时间)} ${r.undone.经办人} ${r.undone.命令}${r.undone.原因 ? `，${r.undone.原因}` : ''}）`;
  const out = [
    r.dryRun
      ? `【试运行】撤销${set}将恢复 ${formatCount(r.count)} 项（未保存）：`
      : `已撤销${set}，恢复 ${formatCount(r.count)} 项；本次撤销的修改记录号 ${r.changeSet}。`,
  ];
  out.push(
    renderTable(
      ['类别', '记录', '操作', '字段', '撤销前', '撤销后'],
      r.reverted.slice(0, UNDO_SHOWN).map((c) => [c.类别, c.记录, c.操作, c.字段, c.撤销前, c.撤销后]),
      { align: ['left', 'left', 'left', 'left', 'left', 'left'] },
    ),
  );
  const shown = Math.min(r.count, UNDO_SHOWN);
  if (r.count > shown) out.push(`…… 共 ${r.count} 项，只列出前 ${shown} 项（--json 列出前 ${r.reverted.length} 项）。`);
  return out.join('\n');
}
