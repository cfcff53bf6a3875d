/**
 * Chinese personal and place names for the demo county: surnames weighted as in northern China
 * (Shanxi), given names by sex and birth cohort, township and village names. All characters are
 * common ones (inside GBK), so the GBK CSV round-trips.
 */
import { type Rng, WeightedPicker } from './prng.js';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 80],
  ['李', 70],
  ['张', 65],
  ['刘', 55],
  ['赵', 40],
  ['杨', 35],
  ['郭', 32],
  ['武', 25],
  ['高', 25],
  ['田', 20],
  ['闫', 18],
  ['贾', 18],
  ['任', 16],
  ['郝', 15],
  ['韩', 15],
  ['孟', 12],
  ['梁', 14],
  ['乔', 10],
  ['霍', 9],
  ['薛', 10],
  ['史', 10],
  ['段', 9],
  ['侯', 10],
  ['范', 10],
  ['陈', 20],
  ['吴', 10],
  ['周', 10],
  ['孙', 12],
  ['马', 14],
  ['胡', 10],
  ['朱', 8],
  ['程', 8],
  ['曹', 9],
  ['冯', 9],
  ['宋', 9],
  ['常', 9],
  ['温', 7],
  ['牛', 7],
  ['秦', 6],
  ['白', 8],
  ['许', 6],
  ['苏', 6],
  ['宁', 5],
  ['崔', 6],
  ['魏', 6],
  ['董', 7],
  ['申', 5],
  ['原', 4],
  ['裴', 4],
  ['冀', 4],
  ['岳', 4],
  ['石', 5],
  ['姚', 5],
  ['康', 5],
  ['卫', 4],
  ['安', 4],
  ['路', 3],
  ['樊', 4],
  ['渠', 2],
  ['阎', 3],
];

const surnamePicker = new WeightedPicker(SURNAMES);

/** Characters for given names by sex and cohort (old: born before 1970; mid: 1970–1999; young: 2000+). */
const GIVEN_TEXT: Record<'男' | '女', Record<'old' | 'mid' | 'young', { first: string; second: string }>> = {
  男: {
    old: {
      first: '建国福德贵全富永长玉保春有金宝来喜满成志忠明文',
      second: '国民生福贵才成林山海明华发旺喜财堂忠义德顺',
    },
    mid: { first: '建志军伟晓海红小永俊宏卫国文利向春建', second: '军伟强平刚勇杰涛斌磊峰明东波华兵亮飞鹏辉' },
    young: { first: '子浩宇梓俊家一博锦泽嘉晨天睿思雨皓', second: '轩然宇豪杰航博睿泽辰阳铭昊文成凯翔鑫' },
  },
  女: {
    old: { first: '秀桂玉翠淑凤金兰月素香春改美花存巧', second: '英兰芳珍花莲香梅兰凤娥娣仙琴枝荣叶云' },
    mid: { first: '丽晓红海艳小秀春美雪燕彩建亚素俊', second: '娟霞红玲萍燕梅敏静丹琴慧艳芳丽英华平' },
    young: { first: '欣梓雨子可思佳诗语一紫若依雅晨心', second: '怡涵萱彤琪悦妍琳瑶婷宁瑜菲冉媛璐茜' },
  },
};

type Pools = { first: readonly string[]; second: readonly string[] };
const toPools = (p: { first: string; second: string }): Pools => ({ first: [...p.first], second: [...p.second] });
const GIVEN: Record<'男' | '女', Record<'old' | 'mid' | 'young', Pools>> = {
  男: { old: toPools(GIVEN_TEXT.男.old), mid: toPools(GIVEN_TEXT.男.mid), young: toPools(GIVEN_TEXT.男.young) },
  女: { old: toPools(GIVEN_TEXT.女.old), mid: toPools(GIVEN_TEXT.女.mid), young: toPools(GIVEN_TEXT.女.young) },
};

function cohort(birthYear: number): 'old' | 'mid' | 'young' {
  if (birthYear < 1970) return 'old';
  if (birthYear < 2000) return 'mid';
  return 'young';
}

export function pickSurname(rng: Rng): string {
  return surnamePicker.pick(rng);
}

/** A given name of one or two characters, plausible for the sex and birth year. */
export function pickGivenName(rng: Rng, sex: '男' | '女', birthYear: number): string {
  const pools = GIVEN[sex][cohort(birthYear)];
  const second = rng.pick(pools.second);
  if (rng.chance(0.18)) return second;
  let first = rng.pick(pools.first);
  if (first === second) first = rng.pick(pools.first);
  return first + second;
}

export function fullName(rng: Rng, surname: string, sex: '男' | '女', birthYear: number): string {
  return surname + pickGivenName(rng, sex, birthYear);
}

// ---------------------------------------------------------------------------------------------
// Places

const TOWNSHIP_STEMS = [
  '东阳',
  '长凝',
  '北田',
  '修文',
  '什贴',
  '乌金山',
  '张庆',
  '庄子',
  '东赵',
  '郭家堡',
  '黄采',
  '鸣谦',
  '西阳',
  '龙田',
  '永康',
  '峪口',
  '来远',
  '安宁',
  '白塔',
  '石门',
  '清凉',
  '平安',
  '丰润',
  '金山',
  '南河',
  '大川',
  '新华',
  '高城',
  '马坊',
  '河西',
];

const DIRECTIONS = [...'东西南北前后上下大小中新'];
const PLACE_NOUNS = [...'庄堡沟坡峪岭坪寨河湾营窑垴店坊头园滩泉屯城'];
const GOOD_FIRST = [...'长永新安太和平兴福丰宁乐庆富康明光红建顺'];
const GOOD_SECOND = [...'乐安宁兴丰和平泉峰阳泰宝源旺华盛义信德昌'];
const VILLAGE_SURNAMES = [...'王李张刘赵杨郭武高田闫贾任郝韩孟梁乔霍薛史段侯范陈吴周孙马胡朱程曹冯宋常温牛秦白'];

/** Township names (ending 镇 or 乡), unique. */
export function townshipNames(rng: Rng, count: number): string[] {
  const stems = rng.shuffle([...TOWNSHIP_STEMS]);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const stem = stems[i % stems.length]! + (i >= stems.length ? String(Math.floor(i / stems.length) + 1) : '');
    out.push(stem + (rng.chance(0.7) ? '镇' : '乡'));
  }
  return out;
}

/** One candidate village name (ending 村). */
function villageCandidate(rng: Rng): string {
  const r = rng.next();
  if (r < 0.35) return `${rng.pick(VILLAGE_SURNAMES)}家${rng.pick(PLACE_NOUNS)}村`;
  if (r < 0.6) return `${rng.pick(DIRECTIONS)}${rng.pick(PLACE_NOUNS)}村`;
  if (r < 0.8) return `${rng.pick(GOOD_FIRST)}${rng.pick(GOOD_SECOND)}村`;
  if (r < 0.92) return `${rng.pick(DIRECTIONS)}${rng.pick(VILLAGE_SURNAMES)}${rng.pick(PLACE_NOUNS)}村`;
  return `${rng.pick(VILLAGE_SURNAMES)}${rng.pick(PLACE_NOUNS)}村`;
}

/** A village name not in `taken` (the set is updated). */
export function villageName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = villageCandidate(rng);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  for (let k = 2; ; k++) {
    const name = `${villageCandidate(rng).slice(0, -1)}${k}村`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const COMPANY_HEADS = [...'晋通华荣鑫泰恒达宏远安航金鼎德润永盛新源'];
const COMPANY_TRADES = [
  '建筑工程有限公司',
  '物流有限公司',
  '食品有限公司',
  '电子科技有限公司',
  '服装有限公司',
  '物业管理有限公司',
  '机械制造有限公司',
  '餐饮管理有限公司',
  '农业开发有限公司',
  '汽车服务有限公司',
];

export function companyName(rng: Rng): string {
  const a = rng.pick(COMPANY_HEADS);
  let b = rng.pick(COMPANY_HEADS);
  if (b === a) b = COMPANY_HEADS[(COMPANY_HEADS.indexOf(a) + 1) % COMPANY_HEADS.length]!;
  return a + b + rng.pick(COMPANY_TRADES);
}
