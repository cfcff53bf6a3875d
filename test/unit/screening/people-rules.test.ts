import { afterEach, describe, expect, it } from 'vitest';
import { findingsOf, newRegister, type TestRegister } from './helpers.js';

let t: TestRegister;
afterEach(() => t?.close());

describe('R06 新纳入低保或特困', () => {
  it('flags 纳入低保时间/纳入特困时间 on or after 1 January of Y, only for 在册 members', async () => {
    t = newRegister();
    t.add({ hh: 'NEW', members: [{}, { name: '王芳', dibao: '农村低保', dibao_since: '2023-01-01' }] });
    t.add({ hh: 'OLD', members: [{ dibao: '农村低保', dibao_since: '2022-12-31' }] });
    t.add({ hh: 'TEKUN', members: [{ name: '李老汉', tekun: 1, tekun_since: '2024-02-15' }] });
    t.add({ hh: 'GONE', members: [{}, { dibao: '农村低保', dibao_since: '2023-06-01', status: '迁出' }] });
    t.add({ hh: 'NOSINCE', members: [{ name: '赵四', dibao: '城市低保' }] });
    const r = await t.screen({ rules: 'R06' });
    expect(findingsOf(r, 'NEW').evidence.R06).toBe(
      '2023 年 1 月 1 日以来新纳入低保或特困供养：王芳（2023-01-01 纳入农村低保）',
    );
    expect(findingsOf(r, 'OLD').flags).toEqual([]);
    expect(findingsOf(r, 'TEKUN').evidence.R06).toContain('李老汉（2024-02-15 纳入特困供养）');
    expect(findingsOf(r, 'GONE').flags).toEqual([]);
    expect(findingsOf(r, 'NOSINCE').missing).toEqual(['R06']);
    expect(findingsOf(r, 'NOSINCE').evidence['R06?']).toContain('赵四');
  });

  it('flags a 民政 alert of a new 低保/特困 case dated in Y or later, not an exit', async () => {
    t = newRegister();
    t.add({ hh: 'IN', alerts: [{ source_dept: '民政', alert_type: '新增农村低保', alert_date: '2023-07-01' }] });
    t.add({ hh: 'OUT', alerts: [{ source_dept: '民政', alert_type: '低保退出', alert_date: '2023-07-01' }] });
    t.add({ hh: 'EARLY', alerts: [{ source_dept: '民政', alert_type: '新增农村低保', alert_date: '2022-11-01' }] });
    const r = await t.screen({ rules: 'R06' });
    expect(findingsOf(r, 'IN').evidence.R06).toContain('民政预警「新增农村低保」（2023-07-01）');
    expect(findingsOf(r, 'OUT').flags).toEqual([]);
    expect(findingsOf(r, 'EARLY').flags).toEqual([]);
  });
});

describe('R07 残疾人家庭', () => {
  it('flags any disability and notes 重度 (一级、二级)', async () => {
    t = newRegister();
    t.add({
      hh: 'MILD',
      members: [{ name: '甲', health: '残疾', disability_type: '听力残疾', disability_grade: '四级' }],
    });
    t.add({
      hh: 'SEVERE',
      members: [{ name: '乙', health: '残疾,长期慢性病', disability_type: '肢体残疾', disability_grade: '一级' }],
    });
    t.add({ hh: 'GRADEONLY', members: [{ name: '丙', disability_grade: '三级' }] });
    t.add({ hh: 'DEAD', members: [{}, { health: '残疾', disability_grade: '二级', status: '死亡' }] });
    const r = await t.screen({ rules: 'R07' });
    expect(findingsOf(r, 'MILD').evidence.R07).toBe('有残疾成员 1 人：甲（四级听力残疾）');
    expect(findingsOf(r, 'SEVERE').evidence.R07).toBe(
      '有残疾成员 1 人：乙（一级肢体残疾），其中重度残疾（一级、二级）1 人',
    );
    expect(findingsOf(r, 'GRADEONLY').evidence.R07).toBe('有残疾成员 1 人：丙（三级残疾）');
    expect(findingsOf(r, 'DEAD').flags).toEqual([]);
  });
});

describe('R08 务工收入占比高且务工不稳定', () => {
  const worker = (months: number | null) => ({ name: '打工人', work_status: '省外务工', work_months: months });
  it('needs a wage share ≥ 60% and a worker with fewer than 6 months', async () => {
    t = newRegister();
    const high = { 2023: { wage: 6000, business: 4000 } }; // exactly 60%
    t.add({ hh: 'M5', members: [worker(5)], incomes: high });
    t.add({ hh: 'M6', members: [worker(6)], incomes: high });
    t.add({ hh: 'LOWSHARE', members: [worker(3)], incomes: { 2023: { wage: 5900, business: 4100 } } });
    t.add({ hh: 'NOTWORKING', members: [{ work_status: '未务工', work_months: 0 }], incomes: high });
    const r = await t.screen({ rules: 'R08' });
    expect(findingsOf(r, 'M5').evidence.R08).toBe(
      '2023 年工资性收入 6,000 元，占家庭收入 10,000 元的 60%（标准 60%），务工时间不足 6 个月：打工人 5 个月',
    );
    expect(findingsOf(r, 'M6').flags).toEqual([]);
    expect(findingsOf(r, 'LOWSHARE').flags).toEqual([]);
    expect(findingsOf(r, 'NOTWORKING').flags).toEqual([]);
  });

  it('flags a 人社 unemployment alert; 数据缺失 when the months or the income are missing', async () => {
    t = newRegister();
    t.add({ hh: 'ALERT', alerts: [{ source_dept: '人社', alert_type: '失业登记', alert_date: '2024-01-10' }] });
    t.add({ hh: 'NOMONTHS', members: [worker(null)], incomes: { 2023: { wage: 9000, business: 1000 } } });
    t.add({ hh: 'NOINCOME', members: [worker(2)], incomes: { 2023: null } });
    t.add({ hh: 'NOMONTHSLOW', members: [worker(null)], incomes: { 2023: { wage: 1000, business: 9000 } } });
    const r = await t.screen({ rules: 'R08' });
    expect(findingsOf(r, 'ALERT').evidence.R08).toBe('人社预警「失业登记」（2024-01-10）');
    expect(findingsOf(r, 'NOMONTHS').missing).toEqual(['R08']);
    expect(findingsOf(r, 'NOINCOME').missing).toEqual(['R08']);
    expect(findingsOf(r, 'NOMONTHSLOW')).toMatchObject({ flags: [], missing: [] });
  });

  it('follows the county wageShareHigh and unstableWorkMonths', async () => {
    t = newRegister();
    t.policy(2024, 'wageShareHigh', 0.5).policy(2024, 'unstableWorkMonths', 4);
    t.add({ hh: 'A', members: [worker(3)], incomes: { 2023: { wage: 5000, business: 5000 } } });
    t.add({ hh: 'B', members: [worker(4)], incomes: { 2023: { wage: 5000, business: 5000 } } });
    const r = await t.screen({ rules: 'R08' });
    expect(findingsOf(r, 'A').flags).toEqual(['R08']);
    expect(findingsOf(r, 'B').flags).toEqual([]);
  });
});

describe('R09 三保障和饮水安全', () => {
  it('flags a marked problem or a department alert of that kind', async () => {
    t = newRegister();
    t.add({ hh: 'HOUSE', household: { housing_unsafe: 1, water_unsafe: 1 } });
    t.add({ hh: 'ZJ', alerts: [{ source_dept: '住建', alert_type: 'C级危房', alert_date: '2024-02-01' }] });
    t.add({ hh: 'EDU', alerts: [{ source_dept: '教育', alert_type: '在外就读', alert_date: '2024-02-01' }] });
    t.add({ hh: 'DROP', alerts: [{ source_dept: '教育', alert_type: '疑似辍学', alert_date: '2024-02-01' }] });
    t.add({ hh: 'INS', alerts: [{ source_dept: '医保', alert_type: '未参保', alert_date: '2024-02-01' }] });
    t.add({ hh: 'FINE', household: { housing_unsafe: 0, school_dropout: 0, water_unsafe: 0, uninsured: 0 } });
    const r = await t.screen({ rules: 'R09' });
    expect(findingsOf(r, 'HOUSE').evidence.R09).toBe('住房出现安全问题；饮水出现安全问题');
    expect(findingsOf(r, 'ZJ').evidence.R09).toBe('住建预警「C级危房」（2024-02-01）');
    expect(findingsOf(r, 'EDU').flags).toEqual([]);
    expect(findingsOf(r, 'DROP').flags).toEqual(['R09']);
    expect(findingsOf(r, 'INS').flags).toEqual(['R09']);
    expect(findingsOf(r, 'FINE').flags).toEqual([]);
  });
});

describe('R10 四个必到', () => {
  it('flags vulnerable members: 失能 elders from 60, not 59', async () => {
    t = newRegister();
    // as-of 2024-05-01: born 1964-05-01 is 60, born 1964-05-02 is 59
    t.add({ hh: 'E60', members: [{ name: '老甲', disabled_care: '失能', birth_date: '1964-05-01' }] });
    t.add({ hh: 'E59', members: [{ name: '老乙', disabled_care: '失能', birth_date: '1964-05-02' }] });
    t.add({ hh: 'CHRONIC', members: [{ name: '病丙', health: '长期慢性病' }] });
    t.add({ hh: 'ILL', members: [{ name: '病丁', health: '患有大病' }] });
    t.add({ hh: 'DIBAO', members: [{ name: '保戊', dibao: '农村低保', dibao_since: '2019-01-01' }] });
    t.add({ hh: 'PETITION', alerts: [{ source_dept: '信访', alert_type: '反映生活困难', alert_date: '2024-01-01' }] });
    t.add({ hh: 'MILD', members: [{ health: '残疾', disability_grade: '三级' }] });
    t.add({ hh: 'HEALTHY' });
    const r = await t.screen({ rules: 'R10' });
    expect(findingsOf(r, 'E60').evidence.R10).toBe('失能老年人：老甲（失能，60 岁）');
    expect(findingsOf(r, 'E59').flags).toEqual([]);
    expect(findingsOf(r, 'CHRONIC').evidence.R10).toBe('长期慢性病：病丙');
    expect(findingsOf(r, 'ILL').evidence.R10).toBe('患有大病：病丁');
    expect(findingsOf(r, 'DIBAO').evidence.R10).toBe('低保/特困：保戊（农村低保）');
    expect(findingsOf(r, 'PETITION').evidence.R10).toBe('舆情信访：信访预警「反映生活困难」（2024-01-01）');
    expect(findingsOf(r, 'MILD').flags).toEqual([]);
    expect(findingsOf(r, 'HEALTHY').flags).toEqual([]);
  });
});

describe('R11 部门预警未核实', () => {
  it('flags matched alerts that are not 已核实, whatever their date', async () => {
    t = newRegister();
    t.add({
      hh: 'OPEN',
      alerts: [
        { source_dept: '医保', alert_type: '大病', status: '已交办', alert_date: '2020-01-01' },
        { source_dept: '民政', alert_type: '新增低保', status: '未交办' },
      ],
    });
    t.add({
      hh: 'DONE',
      alerts: [{ source_dept: '医保', alert_type: '大病', status: '已核实', verify_result: '属实' }],
    });
    t.add({ hh: 'NONE' });
    t.db
      .prepare("INSERT INTO alerts (source_dept, id_no, alert_type, status) VALUES ('医保', 'X1', '大病', '未交办')")
      .run();
    const r = await t.screen({ rules: 'R11' });
    expect(findingsOf(r, 'OPEN').evidence.R11).toBe(
      '未核实的部门预警 2 条：医保「大病」（已交办）、民政「新增低保」（未交办）',
    );
    expect(findingsOf(r, 'DONE').flags).toEqual([]);
    expect(r.byRule.R11).toBe(1);
  });
});

describe('R12 整户无劳动能力且无兜底', () => {
  it('flags households where no 在册 member has labour capacity and none is on 低保/特困', async () => {
    t = newRegister();
    t.add({ hh: 'NONE', members: [{ labour_skill: '丧失劳动力' }, { labour_skill: '无劳动力' }] });
    t.add({ hh: 'HALF', members: [{ labour_skill: '无劳动力' }, { labour_skill: '弱劳动力或半劳动力' }] });
    t.add({ hh: 'COVERED', members: [{ labour_skill: '无劳动力', tekun: 1, tekun_since: '2015-01-01' }] });
    t.add({ hh: 'MOVEDOUT', members: [{ labour_skill: '无劳动力' }, { labour_skill: '普通劳动力', status: '迁出' }] });
    t.add({ hh: 'UNKNOWN', members: [{ labour_skill: '无劳动力' }, { labour_skill: null }] });
    t.add({ hh: 'EMPTY', members: [] });
    const r = await t.screen({ rules: 'R12' });
    expect(findingsOf(r, 'NONE').evidence.R12).toBe('全户 2 名在册成员均无劳动能力，且没有成员享受低保或特困供养');
    expect(findingsOf(r, 'HALF').flags).toEqual([]);
    expect(findingsOf(r, 'COVERED').flags).toEqual([]);
    expect(findingsOf(r, 'MOVEDOUT').flags).toEqual(['R12']);
    expect(findingsOf(r, 'UNKNOWN').missing).toEqual(['R12']);
    expect(findingsOf(r, 'EMPTY').missing).toEqual(['R12']);
  });
});
