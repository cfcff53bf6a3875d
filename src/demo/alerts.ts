/**
 * 部门预警线索 of 2024: 医保 (self-pay amounts, uninsured), 民政 (new 低保/特困), 残联 (重度残疾),
 * 人社 (unemployment), 住建 (unsafe housing), 教育 (dropout), 水利 (water), 应急 (disasters). Most
 * are about members of the register; about 5% about people not in it (应纳尽纳).
 */
import { dayOf, isoOf } from './dates.js';
import { isSevere, isWorker, type Person } from './family.js';
import type { Alert, Household } from './model.js';
import type { Rng } from './prng.js';

const FIRST = dayOf('2024-01-02');
const LAST = dayOf('2024-04-28');

export function alertDate(rng: Rng, notBefore?: string): string {
  const from = notBefore && notBefore > '2024-01-02' ? Math.min(dayOf(notBefore), LAST) : FIRST;
  return isoOf(rng.int(from, LAST));
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function medicalAlert(amount: number, date: string): { type: string; value: number; detail: string } {
  const month = Number(date.slice(5, 7));
  return {
    type: '医疗费用自付较高',
    value: amount,
    detail: `2024年1—${month}月住院及门诊慢特病合规医疗费用个人自付 ${fmt(amount)} 元`,
  };
}

export interface AlertForce {
  medicalAmount?: number;
  dibao?: boolean;
  tekun?: boolean;
  disability?: boolean;
  unemployment?: boolean;
  disaster?: boolean;
}

export function householdAlerts(rng: Rng, h: Household, force: AlertForce = {}): Alert[] {
  const out: Alert[] = [];
  const base = { township: h.village.township, village: h.village.name, hhNo: h.hhNo };
  const add = (p: Person, dept: string, type: string, value: number | null, date: string, detail: string): void => {
    if (out.some((a) => a.idNo === p.id && a.dept === dept && a.type === type)) return;
    out.push({ dept, idNo: p.id, name: p.name, type, value, date, detail, ...base });
  };
  const head = h.members[0]!;
  for (const p of h.members) {
    // 医保
    if (force.medicalAmount !== undefined && p.ill) {
      const date = alertDate(rng);
      const a = medicalAlert(force.medicalAmount, date);
      add(p, '医保', a.type, a.value, date, a.detail);
      force = { ...force, medicalAmount: undefined };
    } else if ((p.ill && rng.chance(0.55)) || (p.chronic && rng.chance(0.03))) {
      const amount = p.ill ? Math.round(Math.min(120000, rng.logNormal(8500, 0.75))) : rng.int(800, 5000);
      const date = alertDate(rng);
      const a = medicalAlert(amount, date);
      add(p, '医保', a.type, a.value, date, a.detail);
    }
    if (!p.medical) add(p, '医保', '未参加基本医疗保险', null, alertDate(rng), '2024年度城乡居民基本医疗保险未参保');
    // 民政
    if (p.dibao !== '未享受' && p.dibaoSince && p.dibaoSince >= '2023-01-01' && (force.dibao || rng.chance(0.85))) {
      const first = h.members.find((x) => x.dibao !== '未享受' && x.dibaoSince === p.dibaoSince);
      if (first === p) {
        add(
          p,
          '民政',
          '新纳入低保',
          null,
          alertDate(rng, p.dibaoSince),
          `${p.dibaoSince.slice(0, 4)}年${Number(p.dibaoSince.slice(5, 7))}月新纳入${p.dibao}`,
        );
      }
    }
    if (p.tekun && p.tekunSince && p.tekunSince >= '2023-01-01' && (force.tekun || rng.chance(0.85))) {
      add(
        p,
        '民政',
        '新纳入特困供养',
        null,
        alertDate(rng, p.tekunSince),
        `${p.tekunSince.slice(0, 4)}年${Number(p.tekunSince.slice(5, 7))}月新纳入特困供养`,
      );
    }
    // 残联
    if (isSevere(p) && (force.disability || rng.chance(0.25))) {
      add(
        p,
        '残联',
        '新增重度残疾',
        null,
        alertDate(rng),
        `新办（换领）残疾人证：${p.disabilityType}${p.disabilityGrade}`,
      );
    }
    // 人社
    if (isWorker(p) && (p.workMonths ?? 12) < 6 && (force.unemployment || rng.chance(0.12))) {
      const date = alertDate(rng);
      add(p, '人社', '失业登记', null, date, `${Number(date.slice(5, 7))}月办理失业登记，务工中断`);
    }
    // 教育
    if (p.stage === 'dropout') {
      add(p, '教育', '义务教育阶段失学辍学', null, alertDate(rng), `${p.age}岁，未按规定入学（控辍保学线索）`);
    }
  }
  if (h.housing)
    add(head, '住建', '住房安全隐患', null, alertDate(rng), `房屋经鉴定为${rng.chance(0.6) ? 'C' : 'D'}级危房`);
  if (h.water)
    add(
      head,
      '水利',
      '饮水安全问题',
      null,
      alertDate(rng),
      rng.pick(['季节性缺水，供水不稳定', '水质检测不达标', '供水管网损坏']),
    );
  const disaster = h.monitoring?.risks.includes('因自然灾害') && h.monitoring.identified >= '2023-06';
  if (force.disaster || disaster || rng.chance(0.0015)) {
    const loss = rng.int(30, 300) * 100;
    add(
      head,
      '应急',
      '自然灾害受灾',
      loss,
      alertDate(rng),
      `${rng.pick(['暴雨洪涝', '冰雹', '干旱', '低温冻害'])}致农作物和房屋受损，估算损失 ${fmt(loss)} 元`,
    );
  }
  return out;
}
