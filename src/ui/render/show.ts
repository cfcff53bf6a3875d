import { formatCount } from '../../domain/normalize.js';
import type { HouseholdView, MemberView } from '../../services/show-service.js';
import { renderFields, renderTable } from '../table.js';

type Rec = Record<string, string | number | null | undefined>;

const pick = (r: Rec, keys: string[]): (string | number | null)[] => keys.map((k) => r[k] ?? null);

export function renderHousehold(v: HouseholdView): string {
  const h = v.household;
  const out: string[] = [];
  out.push(
    `户编号 ${h.户编号}  ${h.乡镇 ?? ''}${h.村 ?? ''}${h.网格 ? ` ${h.网格}` : ''}  ${h.户类型 ?? ''}  户主 ${h.户主姓名 ?? ''}`,
  );
  out.push(
    renderFields(
      Object.entries(h).filter(
        ([k]) => !['户编号', '乡镇', '村', '网格', '户类型', '户主姓名'].includes(k) && !k.startsWith('致贫返贫风险'),
      ),
    ),
  );
  out.push('');
  const m = v.monitoring;
  out.push(
    m.是否监测对象
      ? `监测对象：${m.监测对象类别}，风险类型 ${m.风险类型.join('、') || '（未填）'}，识别监测时间 ${m.识别监测时间 ?? '（未填）'}，${m.风险是否已消除 === '是' ? `风险已消除（${m.风险消除方式 ?? ''} ${m.风险消除时间 ?? ''}）` : `风险未消除${m.三色预警 ? `，${m.三色预警}预警` : ''}`}`
      : '不是监测对象',
  );
  if (m.history.length) {
    out.push(
      renderTable(
        ['事项', '月份', '类别', '风险类型', '来源', '经办人'],
        m.history.map((e) => pick(e, ['事项', '月份', '类别', '风险类型', '来源', '经办人'])),
      ),
    );
  }
  out.push('');
  const mk = [
    '姓名',
    '与户主关系',
    '性别',
    '出生日期',
    '证件号码',
    '健康状况',
    '劳动技能',
    '在校生状况',
    '享受低保政策情况',
    '状态',
  ];
  out.push(
    renderTable(
      mk,
      v.members.map((r) => pick(r, mk)),
      { title: `家庭成员（${formatCount(v.members.length)} 人）` },
    ),
  );
  if (v.incomes.length) {
    out.push('');
    const ik = [
      '年度',
      '家庭人口数',
      '工资性收入',
      '生产经营性收入',
      '财产性收入',
      '转移性收入',
      '生产经营性支出',
      '家庭纯收入(计算)',
      '人均纯收入(计算)',
      '合规自付支出',
    ];
    out.push(
      renderTable(
        ['年度', '人口', '工资性', '经营性', '财产性', '转移性', '经营支出', '纯收入', '人均纯收入', '合规自付'],
        v.incomes.map((r) => pick({ ...r, 年度: String(r.年度 ?? '') }, ik)),
        { title: '收支情况（元）' },
      ),
    );
  }
  if (v.measures.length) {
    out.push('');
    const k = ['帮扶措施类别', '措施内容', '金额', '开始时间', '结束时间', '开发式'];
    out.push(
      renderTable(
        k,
        v.measures.map((r) => pick(r, k)),
        { title: '帮扶措施' },
      ),
    );
  }
  const work = v.members.flatMap((r) =>
    (((r as Record<string, unknown>).务工记录 as Rec[] | undefined) ?? []).map((w) => ({ 姓名: r.姓名, ...w })),
  );
  if (work.length) {
    out.push('');
    const k = ['姓名', '是否已务工', '务工所在县', '务工企业名称', '务工月收入', '开始时间', '结束时间'];
    out.push(
      renderTable(
        k,
        work.map((r) => pick(r, k)),
        { title: '务工记录' },
      ),
    );
  }
  if (v.eliminationSnapshots.length) {
    out.push('');
    const k = [
      '风险消除时间',
      '风险消除后家庭人均纯收入',
      '风险消除后家庭纯收入',
      '风险消除后是否住房损毁',
      '风险消除后是否饮水设施损毁',
    ];
    out.push(
      renderTable(
        ['风险消除时间', '人均纯收入', '家庭纯收入', '住房损毁', '饮水设施损毁'],
        v.eliminationSnapshots.map((r) => pick(r, k)),
        { title: '风险消除后指标' },
      ),
    );
  }
  if (v.cases.length) {
    out.push('');
    out.push(
      renderTable(
        ['案件号', '类型', '环节', '状态', '立案', '办结', '研判结果'],
        v.cases.map(
          (c) =>
            [c.案件号 ?? c.id, c.kind, c.stage, c.status, c.opened, c.closed, c.研判结果] as (
              | string
              | number
              | null
              | undefined
            )[],
        ),
        { title: '案件' },
      ),
    );
  }
  if (v.alerts.length) {
    out.push('');
    const k = ['来源部门', '姓名', '预警类型', '指标值', '预警日期', '状态', '核实结果'];
    out.push(
      renderTable(
        k,
        v.alerts.map((r) => pick(r, k)),
        { title: '部门预警' },
      ),
    );
  }
  if (v.flags.length) {
    out.push('');
    out.push(
      renderTable(
        ['批次', '规则', '类别', '依据', '数据状态'],
        v.flags.map(
          (r) => [r.批次, r.规则名称 ?? r.规则, r.类别, r.依据, r.数据状态 ?? ''] as (string | number | null)[],
        ),
        { title: '排查预警' },
      ),
    );
  }
  if (v.visits.length) {
    out.push('');
    const k = ['类型', '批次', '排查日期', '排查人', '研判结果', '说明'];
    out.push(
      renderTable(
        k,
        v.visits.map((r) => pick(r, k)),
        { title: '入户排查/回访' },
      ),
    );
  }
  return out.join('\n');
}

export function renderMember(v: MemberView): string {
  const plain = Object.entries(v.member).filter(([, x]) => typeof x !== 'object' || x === null);
  return [renderFields(plain), '', '所在户：', renderHousehold(v.household)].join('\n');
}
