/**
 * 帮扶措施 of monitored households: 开发式 ones (产业/就业/金融/公益岗位) for most households
 * with labour, measures matching each risk type (因病 → 健康帮扶, 因学 → 教育帮扶, 因安全住房 →
 * 住房安全保障 …), 综合保障 for households without labour. Some households are left with
 * only 综合保障 (一兜了之) or without any 开发式 measure after six months: the rules look for them.
 */
import { addMonths, DEMO_AS_OF, dayOf, isoOf, monthsBetween } from './dates.js';
import { hasLabour, inSchool, isSevere, isWorker, type Person } from './family.js';
import type { Household, Measure } from './model.js';
import type { Rng } from './prng.js';

export type MeasureMode = 'normal' | 'noDevelopmental' | 'onlyWelfare';

const LATEST_START = '2024-04-28';

function startDate(rng: Rng, identified: string, maxDelayMonths = 2): string {
  const month = addMonths(identified, rng.int(0, maxDelayMonths));
  const date = `${month}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  return date > LATEST_START ? LATEST_START : date;
}

const endOfYear = (date: string): string => `${date.slice(0, 4)}-12-31`;

function pickMember(rng: Rng, members: Person[]): Person | null {
  return members.length ? rng.pick(members) : null;
}

export function householdMeasures(rng: Rng, h: Household, mode: MeasureMode = 'normal'): Measure[] {
  const m = h.monitoring;
  if (!m) return [];
  const out: Measure[] = [];
  const seen = new Set<string>();
  const add = (
    category: string,
    content: string,
    amount: number | null,
    member: Person | null,
    start: string,
    end: string | null,
  ): void => {
    if (seen.has(category)) return;
    seen.add(category);
    out.push({ memberId: member?.id ?? null, category, content, amount, start, end: end && end < start ? start : end });
  };
  const start = (): string => startDate(rng, m.identified);
  const labourers = h.members.filter(hasLabour);
  const workers = h.members.filter(isWorker);
  const ill = h.members.filter((p) => p.ill || p.chronic);
  const students = h.members.filter(inSchool);
  const disabled = h.members.filter((p) => p.disabled);
  const welfare = (): void => {
    const s = start();
    if (h.members.some((p) => p.tekun)) add('综合保障', '纳入特困供养', null, null, s, null);
    else if (h.members.some((p) => p.dibao !== '未享受')) add('综合保障', '纳入农村低保', null, null, s, null);
    else add('综合保障', '发放临时救助金', rng.int(10, 50) * 100, null, s, s);
  };

  if (mode === 'onlyWelfare') {
    const d = disabled[0] ?? null;
    add(
      '综合保障',
      d ? '发放困难残疾人生活补贴和重度残疾人护理补贴' : '发放临时救助金',
      rng.int(10, 30) * 100,
      d,
      start(),
      null,
    );
    return out;
  }
  if (mode === 'noDevelopmental') {
    const p = ill[0] ?? null;
    add('健康帮扶', '落实基本医保、大病保险、医疗救助三重保障', rng.int(20, 150) * 100, p, start(), null);
    return out;
  }

  // just identified: measures may not be entered yet
  if (monthsBetween(m.identified, DEMO_AS_OF.slice(0, 7)) < 2 && rng.chance(0.5)) return out;

  for (const risk of m.risks) {
    switch (risk) {
      case '因病':
        add(
          '健康帮扶',
          rng.pick(['落实基本医保、大病保险、医疗救助三重保障', '家庭医生签约服务', '大病专项救治']),
          rng.chance(0.6) ? rng.int(10, 200) * 100 : null,
          pickMember(rng, ill),
          start(),
          null,
        );
        break;
      case '因残': {
        const d = pickMember(rng, disabled);
        if (rng.chance(0.6))
          add('综合保障', '发放困难残疾人生活补贴和重度残疾人护理补贴', rng.int(10, 24) * 100, d, start(), null);
        else add('社会帮扶', '残联爱心助残物资', rng.int(5, 20) * 100, d, start(), null);
        break;
      }
      case '因学': {
        const s = pickMember(rng, students);
        const compulsory = s !== null && (s.stage === 'primary' || s.stage === 'junior');
        if (compulsory)
          add('义务教育保障', '义务教育阶段家庭经济困难学生生活补助', rng.int(5, 13) * 100, s, start(), null);
        else
          add(
            '教育帮扶',
            rng.pick(['雨露计划职业教育补助', '国家助学金', '生源地助学贷款']),
            rng.pick([1500, 2000, 3000, 3300]),
            s,
            start(),
            null,
          );
        break;
      }
      case '因安全住房':
        add('住房安全保障', '农村危房改造补助', rng.int(15, 40) * 1000, null, start(), null);
        break;
      case '因安全饮水':
        add('饮水安全保障', '维修供水管网，解决季节性缺水', rng.int(0, 20) * 100 || null, null, start(), null);
        break;
      case '缺劳动力':
        welfare();
        break;
      case '因自然灾害':
      case '因意外事故':
        add('综合保障', '发放临时救助金', rng.int(10, 50) * 100, null, start(), null);
        break;
      case '其他':
        add('扶志扶智', '开展扶志扶智宣讲，树立自主脱贫意识', null, null, start(), null);
        break;
      default:
        break;
    }
  }
  if (labourers.length > 0) {
    const wanted = rng.weighted([
      [0, 8],
      [1, 55],
      [2, 37],
    ] as const);
    const dev: (() => void)[] = [
      () => {
        const s = start();
        add(
          '产业帮扶',
          rng.pick([
            `发放产业奖补资金（种植玉米${rng.int(3, 15)}亩）`,
            `养殖补贴（养羊${rng.int(5, 30)}只）`,
            '庭院经济奖补',
            '发放种苗化肥',
          ]),
          rng.int(10, 50) * 100,
          null,
          s,
          rng.chance(0.3) ? endOfYear(s) : null,
        );
      },
      () => {
        const w = pickMember(rng, workers.length ? workers : labourers);
        add(
          '就业帮扶',
          rng.pick(['推荐就业，稳岗务工', '参加电焊技能培训', '参加家政服务技能培训', '发放外出务工一次性交通补贴']),
          rng.chance(0.5) ? rng.int(3, 15) * 100 : null,
          w,
          start(),
          null,
        );
      },
      () => {
        const s = start();
        add('金融帮扶', '发放脱贫人口小额信贷', rng.pick([30000, 50000]), null, s, isoOf(dayOf(s) + 3 * 365));
      },
      () => {
        // 公益性岗位 for members of 16–69 (younger or older ones are a finding, Q44)
        const able = labourers.filter((x) => x.age < 70);
        const weak = able.filter((x) => x.labour === '弱劳动力或半劳动力' && !isWorker(x));
        const p = pickMember(rng, weak.length ? weak : able.filter((x) => !isWorker(x)));
        if (!p) return;
        const s = start();
        const post = rng.pick(['村级保洁员', '护林员', '乡村道路养护员', '村级防疫员']);
        add('公益岗位帮扶', `安排${post}公益性岗位`, 500 * 12, p, s, endOfYear(s));
        p.publicPost = post;
        p.publicPostMonths = Math.min(12, 12 - Number(s.slice(5, 7)) + 1);
      },
    ];
    if (m.risks.includes('因务工就业不稳')) dev[1]!();
    if (m.risks.includes('因产业项目失败')) dev[0]!();
    const order = rng.shuffle([0, 1, 2, 3]);
    for (let i = 0; out.filter((x) => isDev(x.category)).length < wanted && i < order.length; i++) dev[order[i]!]!();
  } else if (!seen.has('综合保障')) {
    welfare();
  }
  if (out.length === 0) welfare();
  // benefits the members have are registered as the household's measures (no draws: the rest of the
  // county stays as it was)
  const since = `${m.identified}-15`;
  const welfareText = out
    .filter((x) => x.category === '综合保障')
    .map((x) => x.content)
    .join(',');
  const benefit = (content: string, member: Person | null): void => {
    out.push({ memberId: member?.id ?? null, category: '综合保障', content, amount: null, start: since, end: null });
  };
  if (!m.eliminated) {
    if (h.members.some((p) => p.tekun) && !welfareText.includes('特困')) benefit('纳入特困供养', null);
    if (h.members.some((p) => p.dibao !== '未享受') && !welfareText.includes('低保')) benefit('纳入农村低保', null);
    const severeOne = h.members.find(isSevere);
    if (severeOne && !welfareText.includes('残疾人')) benefit('发放困难残疾人生活补贴和重度残疾人护理补贴', severeOne);
  }
  // eliminated households: most measures ended around the elimination
  if (m.eliminated) {
    for (const x of out) {
      if (x.end === null && rng.chance(0.6)) {
        const end = `${m.eliminated.month}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        x.end = end < x.start ? x.start : end;
      }
    }
  }
  return out;
}

const DEV = new Set(['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶']);
export const isDev = (category: string): boolean => DEV.has(category);
