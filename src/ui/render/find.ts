import { fpjcCommand } from '../../domain/command-hint.js';
import { formatCount } from '../../domain/normalize.js';
import type { FindResult } from '../../services/find-service.js';
import { renderTable } from '../table.js';

export function renderFind(r: FindResult): string {
  if (r.people.length === 0) return `没有找到「${r.text}」。姓名要写全；号码至少写 3 位。`;
  const households = new Set(r.people.map((p) => p.户编号)).size;
  return [
    renderTable(
      ['户编号', '乡镇', '村', '户主', '姓名', '与户主关系', '证件号码', '状态'],
      r.people.map((p) => [p.户编号, p.乡镇, p.村, p.户主, p.姓名, p.与户主关系, p.证件号码, p.状态]),
      {
        title: `按${r.matched}找到 ${formatCount(r.people.length)}${r.more ? ' 人以上（只列出前面的）' : ' 人'}，${formatCount(households)} 户`,
      },
    ),
    `查看一户：${fpjcCommand(`show household ${r.people[0]!.户编号}`)}`,
  ].join('\n');
}
