import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoGenerator } from '../../../src/demo/generator.js';
import { QUALITY_SCENARIOS } from '../../../src/demo/quality-plants.js';
import type { Scenario } from '../../../src/demo/scenarios.js';
import type { KindDef } from '../../../src/domain/fields.js';
import { readCsvRows } from '../../../src/io/csv-reader.js';
import type { RawCell, RawRow } from '../../../src/io/raw-row.js';
import { readXlsxAllSheets } from '../../../src/io/xlsx-reader.js';
import { type DemoResult, generateDemo } from '../../../src/services/demo-service.js';

const created: string[] = [];

export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fpjc-demo-${label}-`));
  created.push(dir);
  return dir;
}

/** Removes the folders made by tempDir (call in afterAll). */
export function removeTempDirs(): void {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export async function makeDemo(households: number, seed: number, label = 'x'): Promise<DemoResult> {
  const dir = path.join(tempDir(label), '演示县');
  return generateDemo({ households, seed, outDir: dir, force: false });
}

export async function rawRows(file: string): Promise<RawRow[]> {
  const out: RawRow[] = [];
  const rows = file.endsWith('.csv') ? readCsvRows(file, { encoding: 'gbk' }) : readXlsxAllSheets(file);
  for await (const r of rows) out.push(r);
  return out;
}

export type Rec = Record<string, RawCell>;

/** Data rows keyed by header, for every sheet; the header row is the first row whose first cell is the kind's first header. */
export async function records(
  file: string,
  kind: KindDef,
): Promise<{ header: RawCell[]; headerRow: number; rows: Rec[] }> {
  const raw = await rawRows(file);
  const first = kind.fields[0]!.header;
  const out: Rec[] = [];
  let header: RawCell[] = [];
  let headerRow = 0;
  let sheet = '';
  for (const r of raw) {
    if (r.sheet !== sheet) {
      sheet = r.sheet;
      header = [];
    }
    if (header.length === 0) {
      if (r.cells[0] === first) {
        header = r.cells;
        if (headerRow === 0) headerRow = r.row;
      }
      continue;
    }
    const rec: Rec = {};
    header.forEach((h, i) => {
      rec[String(h)] = r.cells[i] ?? null;
    });
    out.push(rec);
  }
  return { header, headerRow, rows: out };
}

/** 户编号 → scenario of the demo county's planted households (the generator run again: it is deterministic). */
export function scenarioHouseholds(households: number, seed: number): Map<string, Scenario> {
  const g = new DemoGenerator({ households, seed, countyCode: '140702', countyName: '榆次区' });
  const out = new Map<string, Scenario>();
  for (const b of g.villages()) for (const h of b.households) if (h.scenario) out.set(h.hhNo, h.scenario);
  return out;
}

/** Households with a planted data-quality problem (src/demo/quality-plants.ts). */
export function qualityPlanted(households: number, seed: number): Set<string> {
  const q = new Set<string>(QUALITY_SCENARIOS);
  return new Set([...scenarioHouseholds(households, seed)].filter(([, s]) => q.has(s)).map(([h]) => h));
}
