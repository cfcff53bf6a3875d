import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { POLICY_PARAMS } from '../domain/policy.js';
import { QUALITY_RULES } from './rules/index.js';
import { FAMILIES, FAMILY_IDS } from './types.js';

/**
 * docs/quality.md, generated from the rule modules (`npm run docs:quality`); a test fails when
 * the committed file differs, so the documented readings are the ones the code applies.
 */

const INTRO = `# Data-quality check (\`fpjc check\`)

Generated from the rule modules in \`src/quality/rules/\` by \`npm run docs:quality\`; do not edit by
hand (\`test/unit/quality/docs.test.ts\` fails when this file and the modules differ).

\`fpjc check [--rules Q01,…|--family D] [--township] [--village] [--as-of] [--out 问题清单.xlsx] [--by]\`
runs numbered rules over the register and reports every finding with the household (户编号), the
member where it concerns one (证件号码, 姓名) and a message citing the values. \`--list\` prints every
rule. Read-only. \`--json\`: \`{byRule:{Q01:n,…}, findings:[{rule, severity, 户编号, 证件号码, message,
name, family, 乡镇, 村, 户主姓名, 姓名}], total, households, bySeverity, byFamily, byTownship, asOf,
rules, report}\`. Exit codes: 0 (findings are not an error), 2 for a bad flag (unknown rule or
family, bad date), 4 for a register problem; an unknown 乡镇/村 is \`NOT_FOUND\` (exit 1, as in
\`fpjc report\`).

## Readings every rule shares

- **Severity**: 错误 = the record contradicts itself or the national rules; 疑点 = worth a look
  (plausible, but usually a typing mistake).
- **Members** are the household's 在册 members, 户主 first, then by 证件号码. A household fact is
  judged once per household (a 低保 measure needs *some* member on 低保), never member by member.
- **Ages** are whole years on the check date (\`--as-of\`, default today). The compulsory-school age
  is read on 1 September of the school year the check date falls in: a child who was 6 then is
  due at school, until 16 on the check date; children whose 文化程度 is 初中 or higher have
  finished compulsory education.
- **Vocabulary** is the national system's (\`src/domain/vocab.ts\`): 在校生状况 小学一年级 … 硕士研究生及以上
  and the coarse 小学/初中/高中 alike; 劳动技能 普通劳动力/技能劳动力/弱劳动力或半劳动力/丧失劳动力/无劳动力;
  labour capacity = 普通, 技能, 弱或半; 健康 means 健康状况 exactly 健康. Risk types are all five
  致贫返贫风险 columns, not only the first.
- **Incomes**: the latest income year not after the check year (\`Q22\` the year before
  identification). Derived 家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出; 人均纯收入 =
  家庭纯收入 ÷ the income's 家庭人口数. Amounts agree within 1 元.
- **Measures**: every measure registered for the household with a start on or before the check
  date (the national export's measure columns hold the names per 类别). Measures are due a month
  after identification (\`Q67\`, \`Q71\`–\`Q73\`, \`Q75\`).
- **务工**: the 已外出务工信息 periods; *current* = not ended before the check month.
- **Completeness** (\`I1\`, \`Q92\`, \`Q76\`, \`Q85\`): a county's custom export holds the columns it
  ticked, so a field is judged only when the register holds it for at least one record; a column
  the county never exported does not report every household.
- **Phones**: a mobile is \`1[3-9]\` + 9 digits; a household phone may also be a landline with its
  area code. The same phone in two households (\`Q95\`) counts 户联系电话 and 家庭成员联系电话, not
  监测联系人电话 (one cadre follows many households).
- **Order**: 村 by 村 (region order), households by 户编号, rules by id, members as above; the same
  register gives the same findings in the same order.

## Compared with the public checker (Gzuwkj/fuping)

Its 267 checks are inventoried in \`../shared/reference/fuping-checks.md\`: 37 fire on the wrong people
and 37 can never fire. fpjc's rules cover every family that applies to what the register holds
and avoid those faults: national vocabulary values (因务工就业不稳, 无劳动力, 普通高中一年级, 小学三年级 —
never 务工就业不稳, 无劳动能力, 高中一年级, 小学), yes/no and numbers read as values (not text compared
with numbers), all five risk columns, household facts per household (低保/特困/雨露计划 measures,
因务工就业不稳 labour), the 16-year lower bound of working age (not 14), conditions the right way round
(饮水 problems, not safe water; 识别 → 消除 dates in order), the county's own name (not a hard-coded
one) for 县外务工, and \`≥ 3\` kinds of 公益性岗位 (not 2). Stubs and checks of columns the register
does not hold (乡村建设 toilets, 雨露计划 subsidies by person, 交通费补助 vs 就业帮扶 content) are left out.

## Planted problems in the demo county

\`fpjc demo\` plants one household per problem (\`src/demo/quality-plants.ts\`, scenarios \`Q_…\`); the
rest of the demo follows these readings, so \`fpjc check\` on the demo finds exactly
\`EXPECTED_FINDINGS\`: the planted problems and the screening scenarios that are data-quality
problems too (eliminated without 监测联系人, eliminated but 危房, 一兜了之, households with 三保障
problems not monitored, a typed 人均纯收入 that disagrees, the same phone in two households). The
leads the demo scatters at random for screening are findings as well (\`RANDOM_LEADS\`): a few
households with a 三保障/饮水 problem not yet monitored (Q122) and 监测对象 with labour but no 开发式
measure (Q75).
`;

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function qualityDoc(): string {
  const out: string[] = [INTRO];
  out.push(`## Rules (${QUALITY_RULES.length})`, '');
  for (const f of FAMILY_IDS) {
    const rules = QUALITY_RULES.filter((r) => r.family === f);
    if (rules.length === 0) continue;
    out.push(`### ${f} ${FAMILIES[f]}`, '');
    out.push('| 编号 | 性质 | 名称 | 判定口径 | 读取字段 | 阈值 |', '|---|---|---|---|---|---|');
    for (const r of rules) {
      const thresholds = Object.entries(r.thresholds ?? {}).map(([k, v]) => `${k} ${v}`);
      for (const p of r.params ?? []) thresholds.push(`${POLICY_PARAMS[p].label}（年度参数 ${p}）`);
      out.push(
        `| ${r.id} | ${r.severity} | ${cell(r.name)} | ${cell(r.reading)} | ${cell(r.reads.join('、'))} | ${cell(thresholds.join('；'))} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const file = path.join(root, 'docs', 'quality.md');
  fs.writeFileSync(file, qualityDoc());
  console.log(`已生成：${file}`);
}
