#!/usr/bin/env node
/**
 * The print check (issue 12): every report of the demo county, converted to PDF by LibreOffice
 * as Excel would print it (Calibri drawn with Carlito, its metric twin; 宋体/黑体 with Noto CJK,
 * see fonts.conf), then checked on the text layer (pdftotext): page counts, no `###` (a number
 * too wide for its column), no `{{` left, no software words on paper (rule codes, 登记库, fpjc,
 * 种子). Survey forms: two pages per household, both naming the household, the signatures on the
 * second; never a page without a household. Casework forms (信息采集表, 承诺授权书, 回访表): one page a
 * household with its signature lines; 公示名单 also without ID or phone numbers; 风险消除审批表 with
 * its signature block on a page with cases.
 *
 *   npm run check:print                 (builds first)
 *   node test/print/check-print.mjs --keep DIR [--png]   keeps the files (and PNG pages) in DIR
 *
 * Needs soffice (libreoffice-calc), pdftotext and pdfinfo (poppler-utils), fonts-crosextra-carlito
 * and a CJK font (fonts-noto-cjk). Not part of `vitest run`: .ci/run runs it where soffice is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const work =
  keepAt >= 0 ? path.resolve(args[keepAt + 1] ?? 'print-check') : fs.mkdtempSync(path.join(os.tmpdir(), 'fpjc-print-'));
const png = args.includes('--png');
const AS_OF = '2024-05-01';

for (const tool of ['soffice', 'pdftotext', 'pdfinfo']) {
  if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).error) {
    console.error(`缺少 ${tool}：请安装 libreoffice-calc 和 poppler-utils。`);
    process.exit(1);
  }
}
const env = { ...process.env, FONTCONFIG_FILE: path.join(here, 'fonts.conf') };
const calibri = execFileSync('fc-match', ['Calibri'], { env, encoding: 'utf8' });
if (!/Carlito/i.test(calibri)) {
  console.error(`Calibri 没有对应到 Carlito（${calibri.trim()}）：请安装 fonts-crosextra-carlito。`);
  process.exit(1);
}

fs.mkdirSync(work, { recursive: true });
const db = path.join(work, 'fpjc.db');
const out = path.join(work, '报表');
const pdfDir = path.join(work, 'pdf');

function fpjc(argv) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), ...argv], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`fpjc ${argv.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

if (!fs.existsSync(db)) {
  const data = path.join(work, '演示县');
  fpjc(['demo', '--out', data, '--households', '600', '--seed', '7', '--force']);
  fpjc([
    'init',
    '--db',
    db,
    '--county-code',
    '140702',
    '--county-name',
    '榆次区',
    '--province',
    '山西省',
    '--year',
    '2024',
    '--income-line',
    '8300',
  ]);
  fpjc(['import', data, '--db', db]);
  fpjc(['screen', '--campaign', '2024Q2', '--name', '2024年第二季度集中排查', '--as-of', AS_OF, '--db', db]);
}
fs.rmSync(out, { recursive: true, force: true });
fs.rmSync(pdfDir, { recursive: true, force: true });

const sqlOne = (file, sql) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare(sql).get();
  } finally {
    sqlite.close();
  }
};
const placeArgs = (p) => ['--township', p.township, '--village', p.village];

// the village printed: the one with the most open department alerts (every form has rows there)
const VILLAGE = placeArgs(
  sqlOne(
    db,
    `SELECT t.name AS township, v.name AS village FROM alerts a JOIN households h ON h.hh_no = a.hh_no
     JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
     GROUP BY v.id ORDER BY count(*) DESC, v.id LIMIT 1`,
  ),
);

/**
 * Casework in three states, each its own copy of the register (as `npm run demo` does it): the
 * identification cases of the campaign in 公示 (信息采集表, 承诺授权书 and 公示名单 print cases
 * still open), then those decided and an elimination round in 公示 (公示名单 of 消除), then the
 * eliminations decided (认定台账, 风险消除审批表 with every stage filled, 回访表 of the visits due).
 */
const stage = (name, from, steps) => {
  const file = path.join(work, `${name}.db`);
  if (!fs.existsSync(file)) {
    fs.copyFileSync(from, `${file}.part`);
    for (const step of steps) fpjc([...step, '--db', `${file}.part`]);
    fs.renameSync(`${file}.part`, file);
  }
  return file;
};
const decideAll = (cmd, stageName, date, more = []) => [
  cmd,
  'decide',
  '--all',
  '--stage',
  stageName,
  '--decision',
  '通过',
  '--date',
  date,
  ...more,
];
const identifying = stage('识别公示中', db, [
  ['demo', 'visits', '--campaign', '2024Q2', '--out', path.join(work, '2024Q2入户排查结果.xlsx')],
  ['import', 'visits', path.join(work, '2024Q2入户排查结果.xlsx'), '--campaign', '2024Q2'],
  ['review', 'add', '--from-campaign', '2024Q2'],
  decideAll('review', '村提名', '2024-05-06', [
    '--verified',
    '2024-05-02',
    '--authorized',
    '2024-05-02',
    '--deliberated',
    '2024-05-06',
  ]),
  ['review', 'publicize', '--all', '--start', '2024-05-07'],
]);
const eliminating = stage('消除公示中', identifying, [
  decideAll('review', '公示', '2024-05-12', ['--opinion', '公示无异议']),
  decideAll('review', '乡镇审核', '2024-05-13', ['--opinion', '情况属实']),
  decideAll('review', '县级审定', '2024-05-15', ['--opinion', '同意认定']),
  ['eliminate', 'propose', '--all-eligible', '--method', '帮扶消除', '--date', '2024-11-01'],
  decideAll('eliminate', '村级初审', '2024-11-04', ['--verified', '2024-11-02', '--deliberated', '2024-11-04']),
  ['eliminate', 'publicize', '--all', '--start', '2024-11-05'],
]);
const eliminated = stage('消除完成', eliminating, [
  decideAll('eliminate', '公示', '2024-11-12', ['--opinion', '公示无异议']),
  decideAll('eliminate', '乡镇审核', '2024-11-13', ['--opinion', '情况属实']),
  decideAll('eliminate', '县级审定', '2024-11-15', ['--opinion', '同意消除']),
]);

/** The village (or township) with the most cases matching `where` in that register. */
const busiest = (file, where, level = 'village') =>
  sqlOne(
    file,
    `SELECT t.name AS township, v.name AS village FROM cases c JOIN households h ON h.hh_no = c.hh_no
     JOIN villages v ON v.id = h.village_id JOIN townships t ON t.id = v.township_id
     WHERE ${where} GROUP BY ${level === 'village' ? 'v.id' : 't.id'} ORDER BY count(*) DESC, v.id LIMIT 1`,
  );
const OPEN_CASES = placeArgs(busiest(identifying, "c.kind = '识别' AND c.status = '办理中'"));
const ELIM_PUBLICITY = placeArgs(busiest(eliminating, "c.kind = '消除' AND c.stage = '公示'"));
const ELIM_TOWNSHIP = ['--township', busiest(eliminated, "c.kind = '消除'", 'township').township];
const REVIEW_TOWNSHIP = ['--township', busiest(eliminated, "c.kind = '识别'", 'township').township];

const report = (id, extra, dir, file = db) =>
  JSON.parse(fpjc(['report', id, '--db', file, '--out', path.join(out, dir), '--json', ...extra])).result.files;

/** Text per page (pdftotext separates pages with form feeds). */
function pagesOf(pdf) {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

function toPdf(files) {
  fs.mkdirSync(pdfDir, { recursive: true });
  const profile = `file://${path.join(work, 'lo-profile')}`;
  execFileSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...files],
    {
      env,
      stdio: 'ignore',
    },
  );
  return files.map((f) => path.join(pdfDir, `${path.basename(f, '.xlsx')}.pdf`));
}

const SOFTWARE = [
  [/###/, '数字列太窄（###）'],
  [/\{\{|\}\}/, '占位符没有替换'],
  [/\bR\d{2}\b|\bV01\b|\bQ\d{2,3}\b/, '规则编号'],
  [/登记库/, '「登记库」'],
  [/fpjc/i, '命令'],
  [/种子/, '「种子」'],
];

let passed = 0;
let failed = 0;
const rows = [];
function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  rows.push(`${ok ? '通过' : '失败'}  ${name}${detail ? `：${detail}` : ''}`);
}

/** 户编号 printed on a page of a survey form (the header of both pages). */
const hhNoOf = (page) => /户编号[:：]\s*(\d{10,})/.exec(page)?.[1];

const plans = [
  { id: 'summary', extra: ['--as-of', AS_OF], pages: (_f, n) => n === 3 },
  // 台账: a row a household, taller with each 帮扶措施 (the demo's have up to five): six or more a page
  { id: 'ledger', extra: ['--as-of', AS_OF], pages: (f, n) => n >= 1 && n <= Math.ceil(f.rows / 6) + 1 },
  {
    id: 'survey-form',
    extra: ['--as-of', AS_OF, ...VILLAGE],
    survey: true,
  },
  {
    id: 'survey-form',
    dir: 'campaign-survey',
    extra: ['--as-of', AS_OF, '--campaign', '2024Q2', ...VILLAGE],
    survey: true,
  },
  {
    id: 'alerts',
    extra: ['--as-of', AS_OF, ...VILLAGE],
    pages: (f, n) => n >= 1 && n <= Math.ceil(f.rows / 6) + 1,
  },
  {
    id: 'roster',
    extra: ['--as-of', AS_OF, ...VILLAGE],
    // the members format has 46 columns: four strips across, about 25 people a page
    pages: (f, n) => n >= 1 && n <= 4 * Math.ceil(f.rows / 25) + 1,
  },
  {
    id: 'screening-list',
    extra: ['--campaign', '2024Q2', ...VILLAGE],
    pages: (f, n) => n >= 1 && n <= Math.ceil(f.rows / 4) + 1,
  },
  { id: 'campaign', extra: ['--campaign', '2024Q2'], pages: (_f, n) => n >= 3 && n <= 6 },
  // 问题清单: about ten findings a page, and the count sheet
  { id: 'quality', extra: ['--as-of', AS_OF], pages: (f, n) => n >= 2 && n <= Math.ceil(f.rows / 6) + 3 },
  // casework: one page a case (its signatures on it), lists with a row per case
  { id: 'collection-form', db: identifying, extra: OPEN_CASES, perCase: /农户（签字/ },
  { id: 'authorization', db: identifying, extra: OPEN_CASES, perCase: /承诺人（户主）签字/ },
  { id: 'publicity', db: identifying, extra: OPEN_CASES, pages: (f, n) => n === Math.ceil(f.rows / 25), public: true },
  {
    id: 'publicity',
    dir: 'publicity-elimination',
    db: eliminating,
    extra: ['--as-of', '2024-11-06', ...ELIM_PUBLICITY],
    pages: (f, n) => n === Math.ceil(f.rows / 25),
    public: true,
  },
  {
    id: 'review-ledger',
    db: eliminated,
    extra: ['--as-of', '2024-11-15', ...REVIEW_TOWNSHIP],
    pages: (f, n) => n >= 1 && n <= Math.ceil(f.rows / 8) + 1,
  },
  {
    id: 'elimination',
    db: eliminated,
    extra: ['--year', '2024', '--as-of', '2024-11-15', ...ELIM_TOWNSHIP],
    pages: (f, n) => n >= 1 && n <= Math.ceil(f.rows / 6) + 1,
    signedWithRows: /负责人（签字）/,
  },
  { id: 'visit-form', db: eliminated, extra: ['--as-of', '2024-11-15', '--by', 'county'], perCase: /回访人（签字）/ },
];

/** On paper posted in the village: no ID numbers (full or masked) and no phone numbers. */
const PRIVATE = [
  [/证件号码|身份证/, '证件号码栏'],
  [/(?<![\d*])\d{6}[\d*]{8,11}[\dXx](?![\d*])/, '证件号码'],
  [/(?<!\d)1[3-9][\d*]{9}(?!\d)/, '手机号'],
];
const CASE_NO = /[A-Z]{2}\d{4}-\d{4}/;

const measured = [];
for (const plan of plans) {
  const files = report(plan.id, plan.extra, plan.dir ?? plan.id, plan.db);
  const pdfs = toPdf(files.map((f) => f.file));
  files.forEach((f, i) => {
    const pdf = pdfs[i];
    const label = `${plan.id} ${path.basename(f.file)}`;
    if (!fs.existsSync(pdf)) {
      check(label, false, '没有生成 PDF');
      return;
    }
    const pages = pagesOf(pdf);
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? pages.length);
    measured.push(`${label}：${f.rows} 条，${n} 页`);
    for (const [re, what] of SOFTWARE) {
      const bad = pages.findIndex((p) => re.test(p));
      check(`${label} 没有${what}`, bad < 0, bad >= 0 ? `第 ${bad + 1} 页：${(re.exec(pages[bad]) ?? [''])[0]}` : '');
    }
    if (plan.survey) {
      check(`${label} 每户两页（${f.rows} 户）`, n === 2 * f.rows, `${n} 页`);
      const lonely = pages.findIndex((p) => !hhNoOf(p));
      check(`${label} 每页都有户编号（没有只剩签字的页）`, lonely < 0, lonely >= 0 ? `第 ${lonely + 1} 页` : '');
      let pairs = true;
      for (let k = 0; k + 1 < pages.length; k += 2) {
        const a = pages[k];
        const b = pages[k + 1];
        if (hhNoOf(a) !== hhNoOf(b) || !/摸底排查表/.test(a) || !/农户（签字/.test(b) || /农户（签字/.test(a))
          pairs = false;
      }
      check(`${label} 第二页与第一页同一户，签字在第二页`, pairs);
    } else if (plan.perCase) {
      check(`${label} 每户一页（${f.rows} 户）`, n === f.rows && n > 0, `${n} 页`);
      const bad = pages.findIndex((p) => !hhNoOf(p) || !plan.perCase.test(p));
      check(`${label} 每页都有户编号和签字栏`, bad < 0, bad >= 0 ? `第 ${bad + 1} 页` : '');
    } else {
      check(`${label} 页数合理`, f.rows > 0 && plan.pages(f, n), `${f.rows} 条，${n} 页`);
    }
    if (plan.public) {
      for (const [re, what] of PRIVATE) {
        const bad = pages.findIndex((p) => re.test(p));
        check(`${label} 没有${what}`, bad < 0, bad >= 0 ? `第 ${bad + 1} 页：${(re.exec(pages[bad]) ?? [''])[0]}` : '');
      }
    }
    if (plan.signedWithRows) {
      const at = pages.findIndex((p) => plan.signedWithRows.test(p));
      check(
        `${label} 签字栏与案件在同一页`,
        at >= 0 && CASE_NO.test(pages[at]),
        at < 0 ? '没有签字栏' : `第 ${at + 1} 页`,
      );
    }
    if (png) {
      const stem = path.join(work, 'png', `${plan.dir ?? plan.id}-${path.basename(pdf, '.pdf')}`);
      fs.mkdirSync(path.dirname(stem), { recursive: true });
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '4', pdf, stem]);
    }
  });
}

console.log(`打印检查（${work}）`);
for (const m of measured) console.log(`  ${m}`);
for (const r of rows) if (r.startsWith('失败') || args.includes('--verbose')) console.log(`  ${r}`);
if (keepAt < 0) fs.rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
