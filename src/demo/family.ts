/**
 * Families: household composition (户主, 配偶, 之子, 之女, 之儿媳, 之孙子, 之父, 之母 …) with
 * plausible ages, and each member's attributes consistent with age and health: school stage,
 * 文化程度, 健康状况, 残疾, 劳动技能, 务工, insurance, 政治面貌, 民族.
 */
import { AS_OF_DAY, DEMO_AS_OF, dayOf, isoOf } from './dates.js';
import { companyName, pickSurname } from './names.js';
import { type Rng, WeightedPicker } from './prng.js';

export type Sex = '男' | '女';

export type Stage =
  | 'none'
  | 'infant'
  | 'preschool'
  | 'primary'
  | 'junior'
  | 'senior'
  | 'vocational'
  | 'college'
  | 'postgrad'
  | 'dropout';

export interface Person {
  relation: string;
  sex: Sex;
  birth: string;
  age: number;
  surname: string;
  name: string;
  region: string;
  id: string;
  personNo: string;
  ethnicity: string;
  political: string | null;
  education: string | null;
  school: string;
  stage: Stage;
  health: string;
  ill: boolean;
  chronic: boolean;
  disabled: boolean;
  disabilityType: string | null;
  disabilityGrade: string | null;
  labour: string;
  work: string | null;
  workMonths: number | null;
  workPlace: string | null;
  company: string | null;
  medical: boolean;
  pension: boolean | null;
  dibao: string;
  dibaoSince: string | null;
  tekun: boolean;
  tekunSince: string | null;
  care: string;
  child: string | null;
  phone: string | null;
  publicPost: string | null;
  publicPostMonths: number | null;
  /** Receives 计划生育金 (奖励扶助). */
  familyPlanning: boolean;
}

export interface Draft {
  relation: string;
  sex: Sex;
  age: number;
  surname: string;
  /** Married into the family (birthplace more often elsewhere). */
  marriedIn: boolean;
  /** Forced birth date (boundary ages). */
  birth?: string;
}

export type Template =
  | 'singleElder'
  | 'singleMan'
  | 'elderCouple'
  | 'nuclear'
  | 'threeGenSon'
  | 'threeGenParents'
  | 'singleParent';

export const TEMPLATES = new WeightedPicker<Template>([
  ['singleElder', 9],
  ['singleMan', 3],
  ['elderCouple', 18],
  ['nuclear', 36],
  ['threeGenSon', 14],
  ['threeGenParents', 10],
  ['singleParent', 6],
]);

const CHILD_COUNT = new WeightedPicker<number>([
  [1, 36],
  [2, 46],
  [3, 14],
  [4, 4],
]);

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Children of a mother of `motherAge`: ages descending, each at least a year apart. */
function childAges(rng: Rng, motherAge: number, count: number): number[] {
  const ages: number[] = [];
  let age = motherAge - rng.int(21, 30);
  for (let i = 0; i < count && age >= 0; i++) {
    ages.push(age);
    age -= rng.int(1, 6);
  }
  return ages;
}

const kid = (sex: Sex, age: number, surname: string, son: string, daughter: string): Draft => ({
  relation: sex === '男' ? son : daughter,
  sex,
  age,
  surname,
  marriedIn: false,
});

const randomSex = (rng: Rng): Sex => (rng.chance(0.52) ? '男' : '女');

/** The members of a new household (户主 first), by template. */
export function familyDrafts(rng: Rng, template: Template): Draft[] {
  const S = pickSurname(rng);
  const head = (sex: Sex, age: number): Draft => ({ relation: '户主', sex, age, surname: S, marriedIn: false });
  const spouseOf = (h: Draft): Draft => ({
    relation: '配偶',
    sex: h.sex === '男' ? '女' : '男',
    age: clamp(h.sex === '男' ? h.age - rng.int(-2, 6) : h.age + rng.int(-2, 6), 20, 96),
    surname: pickSurname(rng),
    marriedIn: h.sex === '男',
  });
  switch (template) {
    case 'singleElder':
      return [head(rng.chance(0.55) ? '女' : '男', rng.int(60, 92))];
    case 'singleMan':
      return [head('男', rng.int(35, 66))];
    case 'elderCouple': {
      const h = head('男', rng.int(60, 88));
      return [h, spouseOf(h)];
    }
    case 'nuclear': {
      const h = head('男', rng.int(26, 59));
      const w = spouseOf(h);
      const out = [h, w];
      for (const age of childAges(rng, w.age, CHILD_COUNT.pick(rng))) {
        if (age > 27 && rng.chance(0.6)) continue; // grown-up children who married out
        out.push(kid(randomSex(rng), age, S, '之子', '之女'));
      }
      return out;
    }
    case 'threeGenSon': {
      const h = head('男', rng.int(50, 78));
      const w = spouseOf(h);
      const out = [h, w];
      const childAge = Math.max(20, w.age - rng.int(22, 32));
      const grandKids = rng.weighted([
        [1, 45],
        [2, 45],
        [3, 10],
      ] as const);
      if (rng.chance(0.12)) {
        // daughter and son-in-law living with her parents
        const G = pickSurname(rng);
        const d = kid('女', childAge, S, '之子', '之女');
        const sil: Draft = {
          relation: '之女婿',
          sex: '男',
          age: clamp(childAge + rng.int(-1, 5), 20, 70),
          surname: G,
          marriedIn: true,
        };
        out.push(d, sil);
        for (const age of childAges(rng, d.age, grandKids))
          out.push(kid(randomSex(rng), age, G, '之外孙子', '之外孙女'));
      } else {
        const son = kid('男', childAge, S, '之子', '之女');
        const dil: Draft = {
          relation: '之儿媳',
          sex: '女',
          age: clamp(childAge - rng.int(-2, 4), 19, 70),
          surname: pickSurname(rng),
          marriedIn: true,
        };
        out.push(son, dil);
        for (const age of childAges(rng, dil.age, grandKids)) out.push(kid(randomSex(rng), age, S, '之孙子', '之孙女'));
      }
      if (rng.chance(0.15)) {
        const age = childAge - rng.int(2, 8);
        if (age >= 14) out.push(kid(randomSex(rng), age, S, '之子', '之女'));
      }
      return out;
    }
    case 'threeGenParents': {
      const h = head('男', rng.int(28, 55));
      const w = spouseOf(h);
      const out = [h, w];
      const fatherAge = h.age + rng.int(22, 32);
      const motherAge = fatherAge - rng.int(0, 4);
      const withFather = fatherAge <= 92 && rng.chance(0.55);
      const withMother = motherAge <= 95 && (rng.chance(0.85) || !withFather);
      if (withFather) out.push({ relation: '之父', sex: '男', age: fatherAge, surname: S, marriedIn: false });
      if (withMother) {
        out.push({
          relation: '之母',
          sex: '女',
          age: Math.min(motherAge, 95),
          surname: pickSurname(rng),
          marriedIn: true,
        });
      }
      for (const age of childAges(rng, w.age, CHILD_COUNT.pick(rng))) {
        if (age > 25 && rng.chance(0.7)) continue;
        out.push(kid(randomSex(rng), age, S, '之子', '之女'));
      }
      return out;
    }
    case 'singleParent': {
      const sex: Sex = rng.chance(0.65) ? '女' : '男';
      const h = head(sex, rng.int(30, 62));
      const kidSurname = sex === '男' ? S : pickSurname(rng);
      const out = [h];
      const motherAge = sex === '女' ? h.age : h.age - rng.int(0, 5);
      for (const age of childAges(rng, motherAge, rng.int(1, 2))) {
        out.push(kid(randomSex(rng), age, kidSurname, '之子', '之女'));
      }
      return out;
    }
  }
}

/** A birth date giving exactly `age` whole years on the as-of date. */
export function birthForAge(rng: Rng, age: number): string {
  const from = dayOf(`${2023 - age}-05-02`);
  const to = dayOf(`${2024 - age}-05-01`);
  const day = from + rng.int(0, to - from);
  return isoOf(Math.min(day, AS_OF_DAY));
}

// ---------------------------------------------------------------------------------------------
// Member attributes

const ELSEWHERE_SHANXI = [
  '140105',
  '140106',
  '140107',
  '140110',
  '140402',
  '140721',
  '140722',
  '140723',
  '140724',
  '140725',
  '140727',
  '140728',
  '140729',
  '140781',
  '141002',
  '141102',
];
const ELSEWHERE_PROVINCES = [
  '130102',
  '130203',
  '130602',
  '150102',
  '150203',
  '230103',
  '370102',
  '410102',
  '410303',
  '510104',
  '610102',
  '610302',
  '620102',
  '640104',
];
/** Codes in use before the county's current one (older people's numbers keep them). */
const OLD_CODES: Record<string, readonly string[]> = { '140702': ['142401'] };

export function birthRegion(rng: Rng, county: string, draft: Draft, birth: string): string {
  const r = rng.next();
  const away = draft.marriedIn ? 0.25 : 0.03;
  if (r < away * 0.6) return rng.pick(ELSEWHERE_SHANXI);
  if (r < away) return rng.pick(ELSEWHERE_PROVINCES);
  const old = OLD_CODES[county];
  if (old && birth < '1997-01-01' && rng.chance(0.3)) return rng.pick(old);
  return county;
}

export function otherProvinceRegion(rng: Rng): string {
  return rng.pick(ELSEWHERE_PROVINCES);
}

const CN = ['一', '二', '三', '四', '五', '六'] as const;

/** School grade in the 2023/24 school year (1 = 小学一年级); ≤ 0 before school. */
export function schoolGrade(birth: string): number {
  const y = Number(birth.slice(0, 4));
  const entry = y + 6 + (birth.slice(5) >= '09-01' ? 1 : 0);
  return 2023 - entry + 1;
}

/** 在校生状况 and stage from age and grade. */
export function schoolOf(rng: Rng, birth: string, age: number): { school: string; stage: Stage } {
  const g = schoolGrade(birth);
  if (g <= 0) {
    if (age < 3) return { school: '学龄前儿童', stage: 'infant' };
    return rng.chance(0.85) ? { school: '学前教育', stage: 'preschool' } : { school: '学龄前儿童', stage: 'infant' };
  }
  if (g <= 6) return { school: `小学${CN[g - 1]}年级`, stage: 'primary' };
  if (g <= 9) return { school: ['七年级', '八年级', '九年级'][g - 7]!, stage: 'junior' };
  if (g <= 12) {
    const r = rng.next();
    const n = CN[g - 10]!;
    if (r < 0.72) return { school: `普通高中${n}年级`, stage: 'senior' };
    if (r < 0.93) return { school: `中职${n}年级`, stage: 'vocational' };
    return { school: '非在校生', stage: 'none' };
  }
  if (g <= 16) {
    const r = rng.next();
    if (r < 0.22) return { school: '本科', stage: 'college' };
    if (r < 0.42 && g <= 15) return { school: '高职高专', stage: 'college' };
    return { school: '非在校生', stage: 'none' };
  }
  if (g <= 19 && rng.chance(0.02)) return { school: '硕士研究生及以上', stage: 'postgrad' };
  return { school: '非在校生', stage: 'none' };
}

const EDU_BY_COHORT: readonly { before: number; picker: WeightedPicker<string> }[] = [
  {
    before: 1950,
    picker: new WeightedPicker([
      ['文盲或半文盲', 40],
      ['小学', 45],
      ['初中', 15],
    ]),
  },
  {
    before: 1965,
    picker: new WeightedPicker([
      ['文盲或半文盲', 15],
      ['小学', 45],
      ['初中', 35],
      ['高中', 5],
    ]),
  },
  {
    before: 1980,
    picker: new WeightedPicker([
      ['文盲或半文盲', 3],
      ['小学', 25],
      ['初中', 55],
      ['高中', 12],
      ['中专', 5],
    ]),
  },
  {
    before: 1995,
    picker: new WeightedPicker([
      ['小学', 8],
      ['初中', 55],
      ['高中', 17],
      ['中专', 10],
      ['大专及以上', 10],
    ]),
  },
  {
    before: 9999,
    picker: new WeightedPicker([
      ['初中', 40],
      ['高中', 20],
      ['中专', 15],
      ['大专及以上', 25],
    ]),
  },
];

function educationOf(rng: Rng, p: Pick<Person, 'stage' | 'birth' | 'age'>): string | null {
  switch (p.stage) {
    case 'infant':
    case 'preschool':
      return null;
    // in school: the national system takes 在校生状况 instead of 文化程度
    case 'primary':
    case 'junior':
    case 'senior':
    case 'vocational':
    case 'college':
    case 'postgrad':
      return null;
    case 'dropout':
      return '小学';
    case 'none': {
      if (p.age < 18) return '初中';
      const y = Number(p.birth.slice(0, 4));
      for (const c of EDU_BY_COHORT) if (y < c.before) return c.picker.pick(rng);
      return '初中';
    }
  }
}

const DISABILITY_TYPES = new WeightedPicker([
  ['肢体残疾', 45],
  ['视力残疾', 12],
  ['听力残疾', 12],
  ['言语残疾', 3],
  ['智力残疾', 8],
  ['精神残疾', 10],
  ['多重残疾', 10],
]);
const DISABILITY_GRADES = new WeightedPicker([
  ['一级', 12],
  ['二级', 22],
  ['三级', 30],
  ['四级', 36],
]);

/** [chronic, 大病, 残疾] probabilities by age. */
function healthOdds(age: number): [number, number, number] {
  if (age < 16) return [0.005, 0.003, 0.01];
  if (age < 45) return [0.025, 0.008, 0.025];
  if (age < 60) return [0.08, 0.02, 0.04];
  if (age < 75) return [0.18, 0.035, 0.06];
  return [0.26, 0.05, 0.08];
}

/** Joins health parts in the vocabulary's canonical order. */
export function healthText(p: Pick<Person, 'ill' | 'chronic' | 'disabled'>): string {
  const parts: string[] = [];
  if (p.chronic) parts.push('长期慢性病');
  if (p.ill) parts.push('患有大病');
  if (p.disabled) parts.push('残疾');
  return parts.length ? parts.join(',') : '健康';
}

export function setHealth(
  p: Person,
  h: { ill?: boolean; chronic?: boolean; disabled?: boolean; type?: string; grade?: string },
): void {
  if (h.ill !== undefined) p.ill = h.ill;
  if (h.chronic !== undefined) p.chronic = h.chronic;
  if (h.disabled !== undefined) {
    p.disabled = h.disabled;
    p.disabilityType = h.disabled ? (h.type ?? p.disabilityType ?? '肢体残疾') : null;
    p.disabilityGrade = h.disabled ? (h.grade ?? p.disabilityGrade ?? '三级') : null;
  }
  p.health = healthText(p);
}

const severe = (p: Person): boolean => p.disabled && (p.disabilityGrade === '一级' || p.disabilityGrade === '二级');
export const isSevere = severe;

export const inSchool = (p: Person): boolean => p.stage !== 'none' && p.stage !== 'infant' && p.stage !== 'dropout';

/**
 * 劳动技能 from age, schooling and health: healthy 16–59 year-olds are never 弱劳动力, members of 60
 * or more never 普通/技能劳动力 (the readings of `fpjc check`, docs/quality.md).
 */
export function labourOf(rng: Rng, p: Person): string {
  if (p.age < 16 || inSchool(p)) return '无劳动力';
  if (severe(p)) return '丧失劳动力';
  if (p.age < 60) {
    if (p.ill) return rng.chance(0.5) ? '丧失劳动力' : '弱劳动力或半劳动力';
    if (p.disabled || p.chronic) return rng.chance(0.6) ? '弱劳动力或半劳动力' : '普通劳动力';
    return rng.chance(0.18) ? '技能劳动力' : '普通劳动力';
  }
  if (p.ill || p.disabled) return p.age < 70 ? '弱劳动力或半劳动力' : '丧失劳动力';
  if (p.age < 65) return '弱劳动力或半劳动力';
  if (p.age < 75) return rng.chance(p.chronic ? 0.5 : 0.85) ? '弱劳动力或半劳动力' : '无劳动力';
  if (p.age < 80) return rng.chance(p.chronic ? 0.15 : 0.4) ? '弱劳动力或半劳动力' : '无劳动力';
  return '无劳动力';
}

export const LABOUR_SKILLS = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'];
export const hasLabour = (p: Person): boolean => LABOUR_SKILLS.includes(p.labour);
export const isWorker = (p: Person): boolean => p.work !== null && p.work !== '未务工';
/** Works away from home for most of the year (parents of 留守儿童). */
export const isAway = (p: Person): boolean =>
  (p.work === '省外务工' || p.work === '县外省内务工' || p.work === '境外务工') && (p.workMonths ?? 0) >= 6;

const WORK_STATUS = new WeightedPicker([
  ['省外务工', 25],
  ['县外省内务工', 33],
  ['乡（镇）外县内务工', 27],
  ['乡（镇）内务工', 15],
  ['境外务工', 0.3],
]);
const WORK_MONTHS = new WeightedPicker([
  [12, 30],
  [11, 10],
  [10, 12],
  [9, 10],
  [8, 10],
  [7, 8],
  [6, 5],
  [5, 4],
  [4, 4],
  [3, 3],
  [2, 2],
  [1, 2],
]);
const OUT_OF_PROVINCE = [
  '北京市',
  '天津市',
  '河北省石家庄市',
  '内蒙古自治区鄂尔多斯市',
  '陕西省西安市',
  '江苏省苏州市',
  '浙江省杭州市',
  '广东省深圳市',
  '河南省郑州市',
];
const IN_PROVINCE = [
  '山西省太原市',
  '山西省晋中市介休市',
  '山西省大同市',
  '山西省长治市',
  '山西省吕梁市',
  '山西省朔州市',
];

/** Sets 务工状况, months, place and company for a member (or 未务工 / blank). */
export function setWork(
  rng: Rng,
  p: Person,
  ctx: { countyName: string; township: string },
  force?: { status: string; months: number },
): void {
  p.work = null;
  p.workMonths = null;
  p.workPlace = null;
  p.company = null;
  if (p.age < 16) return;
  let works = false;
  if (force) works = true;
  else if (!inSchool(p) && p.age <= 64) {
    if (p.labour === '普通劳动力' || p.labour === '技能劳动力') {
      works = rng.chance(p.age >= 18 && p.age <= 55 ? 0.62 : 0.3);
    } else if (p.labour === '弱劳动力或半劳动力') {
      works = rng.chance(0.12);
    }
  }
  if (!works) {
    p.work = inSchool(p) ? null : '未务工';
    return;
  }
  const status = force?.status ?? (p.labour === '弱劳动力或半劳动力' ? '乡（镇）内务工' : WORK_STATUS.pick(rng));
  p.work = status;
  p.workMonths = force?.months ?? WORK_MONTHS.pick(rng);
  switch (status) {
    case '省外务工':
      p.workPlace = rng.pick(OUT_OF_PROVINCE);
      break;
    case '境外务工':
      p.workPlace = rng.pick(['新加坡', '日本', '阿联酋']);
      break;
    case '县外省内务工':
      p.workPlace = rng.pick(IN_PROVINCE);
      break;
    case '乡（镇）外县内务工':
      p.workPlace = `${ctx.countyName}城区`;
      break;
    default:
      p.workPlace = ctx.township;
  }
  if (rng.chance(status === '乡（镇）内务工' ? 0.4 : 0.75)) p.company = companyName(rng);
}

const ETHNICITY = new WeightedPicker([
  ['汉族', 975],
  ['回族', 10],
  ['蒙古族', 5],
  ['满族', 5],
  ['壮族', 1],
  ['土家族', 1],
  ['苗族', 1],
  ['藏族', 1],
  ['朝鲜族', 1],
]);

export function pickEthnicity(rng: Rng): string {
  return ETHNICITY.pick(rng);
}

function politicalOf(rng: Rng, age: number): string | null {
  if (age >= 14 && age <= 28 && rng.chance(0.3)) return '共青团员';
  if (age >= 18 && rng.chance(0.06)) return rng.chance(0.97) ? '中共党员' : '中共预备党员';
  if (age >= 16) return '群众';
  return null;
}

/** A member with every attribute derived from the draft (name, ID and phone are set by the caller). */
export function personFrom(
  rng: Rng,
  d: Draft,
  birth: string,
  ctx: { countyName: string; township: string; ethnicity: string },
): Person {
  const age = ageFromBirth(birth);
  const { school, stage } = schoolOf(rng, birth, age);
  const [pc, pi, pd] = healthOdds(age);
  const disabled = rng.chance(pd);
  const p: Person = {
    relation: d.relation,
    sex: d.sex,
    birth,
    age,
    surname: d.surname,
    name: '',
    region: '',
    id: '',
    personNo: '',
    ethnicity: ctx.ethnicity,
    political: politicalOf(rng, age),
    education: null,
    school,
    stage,
    health: '健康',
    ill: rng.chance(pi),
    chronic: rng.chance(pc),
    disabled,
    disabilityType: disabled ? DISABILITY_TYPES.pick(rng) : null,
    disabilityGrade: disabled ? DISABILITY_GRADES.pick(rng) : null,
    labour: '',
    work: null,
    workMonths: null,
    workPlace: null,
    company: null,
    medical: true,
    pension: age >= 16 && (stage === 'none' || stage === 'dropout') ? age >= 60 || rng.chance(0.93) : null,
    dibao: '未享受',
    dibaoSince: null,
    tekun: false,
    tekunSince: null,
    care: '否',
    child: null,
    phone: null,
    publicPost: null,
    publicPostMonths: null,
    familyPlanning: age >= 60 && rng.chance(0.08),
  };
  if (p.disabled && p.chronic && rng.chance(0.7)) p.chronic = false;
  p.health = healthText(p);
  p.education = educationOf(rng, p);
  p.labour = labourOf(rng, p);
  setWork(rng, p, ctx);
  return p;
}

export function ageFromBirth(birth: string): number {
  let age = 2024 - Number(birth.slice(0, 4));
  if (DEMO_AS_OF.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

/** Re-derives school, education and labour after a forced change of birth date or health. */
export function rederive(rng: Rng, p: Person, ctx: { countyName: string; township: string }): void {
  p.age = ageFromBirth(p.birth);
  p.labour = labourOf(rng, p);
  setWork(rng, p, ctx);
}
