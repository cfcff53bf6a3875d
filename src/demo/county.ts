/**
 * The demo county's structure: 乡镇 (5–12) and 村 with codes, household counts, 网格 of at most
 * 100 households, 网格员 and the village's 监测联系人 (cadres who follow monitored households).
 * The number of villages grows with the households (about 150 households a village, so a
 * 300,000-household county has about 2,000 villages).
 */
import type { PhoneAllocator } from './ids.js';
import { fullName, pickSurname, townshipNames, villageName } from './names.js';
import { Rng } from './prng.js';

export interface Grid {
  name: string;
  keeper: string;
  /** First household serial (0-based, within the village) and count. */
  start: number;
  count: number;
}

export interface Contact {
  name: string;
  phone: string;
}

export interface Village {
  /** 0-based over the county. */
  index: number;
  townshipIndex: number;
  township: string;
  townshipCode: string;
  name: string;
  /** 12-digit village code (township code + 3 digits). */
  code: string;
  households: number;
  /** Global index of the village's first household. */
  firstHousehold: number;
  grids: Grid[];
  /** Share of 脱贫户 among the village's households. */
  povertyShare: number;
  /** The V01 edge: ≥ 10 脱贫户 and no 监测对象 ever. */
  noMonitoring: boolean;
  contacts: Contact[];
}

export interface Township {
  name: string;
  code: string;
  villages: Village[];
}

export interface County {
  code: string;
  name: string;
  seed: number;
  households: number;
  townships: Township[];
  villages: Village[];
  /** Index of the V01 village. */
  noMonitoringVillage: number;
}

/** Splits `total` into integer parts proportional to `weights`, each at least `min`. */
export function splitInt(total: number, weights: readonly number[], min: number): number[] {
  const n = weights.length;
  const free = total - min * n;
  if (free < 0) throw new Error(`splitInt: ${total} is less than ${n} × ${min}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (free * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let rest = free - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i]! += 1;
    rest -= 1;
  }
  return parts.map((p) => p + min);
}

export function townshipCount(households: number): number {
  const t = Math.round(5 + (7 * Math.log10(Math.max(1, households / 2000))) / Math.log10(150));
  return Math.min(12, Math.max(5, t));
}

export function villageCount(households: number): number {
  const t = townshipCount(households);
  return Math.max(t, Math.round(households / 150), Math.min(t * 10, Math.floor(households / 20)));
}

export function buildCounty(opts: {
  seed: number;
  households: number;
  code: string;
  name: string;
  phones: PhoneAllocator;
}): County {
  const rng = new Rng(opts.seed, 'county');
  const n = opts.households;
  const tCount = townshipCount(n);
  const vCount = villageCount(n);
  const perTownship = splitInt(
    vCount,
    Array.from({ length: tCount }, () => rng.range(0.6, 1.4)),
    1,
  );
  const minPerVillage = Math.min(8, Math.floor(n / vCount));
  const perVillage = splitInt(
    n,
    Array.from({ length: vCount }, () => rng.logNormal(1, 0.35)),
    minPerVillage,
  );
  const names = townshipNames(rng, tCount);
  const taken = new Set<string>();
  const townships: Township[] = [];
  const villages: Village[] = [];
  let zhen = 0;
  let xiang = 0;
  let first = 0;
  for (let t = 0; t < tCount; t++) {
    const name = names[t]!;
    const code = opts.code + String(name.endsWith('镇') ? 100 + zhen++ : 200 + xiang++);
    const township: Township = { name, code, villages: [] };
    townships.push(township);
    for (let j = 0; j < perTownship[t]!; j++) {
      const index = villages.length;
      const households = perVillage[index]!;
      const gridCount = Math.ceil(households / 100);
      const gridSizes = splitInt(
        households,
        Array.from({ length: gridCount }, () => 1),
        0,
      );
      const grids: Grid[] = [];
      let start = 0;
      for (let g = 0; g < gridCount; g++) {
        const keeperSex = rng.chance(0.5) ? '男' : '女';
        grids.push({
          name: `第${g + 1}网格`,
          keeper: fullName(rng, pickSurname(rng), keeperSex, rng.int(1965, 1995)),
          start,
          count: gridSizes[g]!,
        });
        start += gridSizes[g]!;
      }
      const contacts: Contact[] = [];
      for (let c = 0; c < 1 + Math.ceil(households / 80); c++) {
        const sex = rng.chance(0.6) ? '男' : '女';
        contacts.push({ name: fullName(rng, pickSurname(rng), sex, rng.int(1968, 1998)), phone: opts.phones.next() });
      }
      const village: Village = {
        index,
        townshipIndex: t,
        township: name,
        townshipCode: code,
        name: villageName(rng, taken),
        code: code + String(200 + j).padStart(3, '0'),
        households,
        firstHousehold: first,
        grids,
        povertyShare: rng.range(0.22, 0.38),
        noMonitoring: false,
        contacts,
      };
      first += households;
      township.villages.push(village);
      villages.push(village);
    }
  }
  // V01 edge: the biggest of the first villages gets ≥ 10 脱贫户 and never a 监测对象.
  let v01 = 0;
  for (let i = 1; i < Math.min(villages.length, 8); i++) {
    if (villages[i]!.households > villages[v01]!.households) v01 = i;
  }
  const edge = villages[v01]!;
  edge.noMonitoring = true;
  edge.povertyShare = Math.max(0.45, Math.min(1, 11 / edge.households));
  return {
    code: opts.code,
    name: opts.name,
    seed: opts.seed,
    households: n,
    townships,
    villages,
    noMonitoringVillage: v01,
  };
}
