import path from 'node:path';
import { fpjcCommand } from '../../domain/command-hint.js';
import { type ImportKind, KIND_NAMES_CN } from '../../domain/fields.js';
import { formatCount } from '../../domain/normalize.js';
import type { StatusResult } from '../../services/status-service.js';
import { localTime } from '../local-time.js';
import { renderFields, renderTable } from '../table.js';

function lastImportText(i: NonNullable<StatusResult['lastImport']>): string {
  const kind = KIND_NAMES_CN[i.kind as ImportKind] ?? i.kind;
  const counts = `新增 ${formatCount(i.inserted)}，更新 ${formatCount(i.updated)}，未变 ${formatCount(i.unchanged)}`;
  return `${localTime(i.at)} ${kind}（${path.basename(i.file)}）：${counts}${i.undoneBy ? `（已由修改记录 ${i.undoneBy} 撤销）` : ''}`;
}

export function renderStatus(s: StatusResult): string {
  const out: string[] = [];
  out.push(
    `${s.county.province ? `${s.county.province} ` : ''}${s.county.countyName}（${s.county.countyCode}）登记库概况  截至 ${s.asOf}`,
  );
  out.push('');
  out.push(
    renderFields([
      ['乡镇 / 村', `${formatCount(s.townships)} 个乡镇，${formatCount(s.villages)} 个村`],
      ['户数', s.households],
      ['人数（在册）', s.members],
      ...Object.entries(s.householdsByType).map(([k, v]) => [`  其中${k}`, v] as [string, number]),
      ...Object.entries(s.membersByStatus)
        .filter(([k]) => k !== '在册')
        .map(([k, v]) => [`  ${k}人员`, v] as [string, number]),
    ]),
  );
  out.push('');
  if (s.monitored.total > 0) {
    out.push(
      renderTable(
        ['监测对象类别', '风险未消除', '风险已消除', '合计'],
        [
          ...s.monitored.byCategoryState.map((r) => [r.类别, r.风险未消除, r.风险已消除, r.风险未消除 + r.风险已消除]),
          ['合计', s.monitored.byState.风险未消除, s.monitored.byState.风险已消除, s.monitored.total],
        ],
      ),
    );
    const colours = Object.entries(s.monitored.byColour)
      .map(([k, v]) => `${k}色 ${formatCount(v)} 户`)
      .join('，');
    if (colours)
      out.push(
        `风险未消除户三色预警（${s.monitored.colorScheme === 'duration' ? '按风险持续时间' : '按人均纯收入'}）：${colours}`,
      );
  } else {
    out.push('监测对象：0 户');
  }
  out.push('');
  out.push(
    renderFields([
      [
        '办理中的案件',
        s.openCases === 0
          ? 0
          : `${formatCount(s.openCases)} 件（${Object.entries(s.openCasesByStage)
              .map(
                ([kind, stages]) =>
                  `${kind}：${Object.entries(stages)
                    .map(([stage, n]) => `待${stage} ${n}`)
                    .join('、')}`,
              )
              .join('；')}）`,
      ],
      [
        '本年风险消除',
        `${formatCount(s.elimination.eliminatedThisYear)} 户${s.elimination.rolledBackThisYear ? `，风险回退 ${formatCount(s.elimination.rolledBackThisYear)} 户` : ''}`,
      ],
      [
        '应回访',
        s.elimination.visitsDue > 0
          ? `${formatCount(s.elimination.visitsDue)} 户（消除满 ${s.elimination.visitAfterMonths} 个月未回访，见 ${fpjcCommand('eliminate visits')}）`
          : null,
      ],
      [
        '超过识别时限的案件',
        s.overdueCases > 0 ? `${formatCount(s.overdueCases)} 件（超过 ${s.identifyMaxDays} 天）` : null,
      ],
      ['未核实的部门预警', s.openAlerts],
      ['未匹配到人的预警', s.unmatchedAlerts],
      [
        '最近一次排查',
        s.lastCampaign ? `${s.lastCampaign.id}${s.lastCampaign.name ? ` ${s.lastCampaign.name}` : ''}` : '无',
      ],
      ['最近一次导入', s.lastImport ? lastImportText(s.lastImport) : '无'],
    ]),
  );
  return out.join('\n');
}
