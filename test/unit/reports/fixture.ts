import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { makeIdNumber, sexFromId } from '../../../src/domain/id-number.js';
import { openRegister, type Register } from '../../../src/register/connection.js';
import { initRegister } from '../../../src/services/init-service.js';

/**
 * A small county built straight through the schema (no importer needed): 2 townships, 4
 * villages (two of them both called 西沟村), 80 households of every kind and state, members,
 * two income years, measures, alerts (matched, unmatched with a village name, already
 * verified), a rollback event and a campaign with flags.
 */
export interface Fixture {
  dir: string;
  db: string;
  register: Register;
}

export const tempDir = (label = '报表'): string => fs.mkdtempSync(path.join(os.tmpdir(), `fpjc ${label}-`));

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['建国', '秀英', '福', '桂兰', '强', '小梅', '国华', '玉兰', '志刚', '红霞', '子涵', '浩然'];
const CATEGORIES = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'];
const RISKS = ['因病', '因残', '因学', '因自然灾害', '因意外事故', '因务工就业不稳', '缺劳动力', '其他'];
const MEASURES = ['产业帮扶', '就业帮扶', '健康帮扶', '综合保障', '公益岗位帮扶', '教育帮扶'];
const DEV = new Set(['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶']);

export function buildFixture(label = '报表'): Fixture {
  const dir = tempDir(label);
  const db = path.join(dir, '登记库.db');
  const register = openRegister(db, { create: true });
  initRegister(register, {
    countyCode: '140702',
    countyName: '榆次区',
    province: '山西省',
    year: 2024,
    incomeLine: '8300',
    operator: '测试员',
  });
  const d = register.db;
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  register.write(() => {
    d.prepare(
      "INSERT INTO townships (id, name, code) VALUES (1, '东阳镇', '140702101'), (2, '北田镇', '140702102')",
    ).run();
    d.prepare(
      "INSERT INTO villages (id, township_id, name, code) VALUES (1, 1, '西沟村', '140702101001'), (2, 1, '东沟村', '140702101002'), (3, 2, '南庄村', '140702102001'), (4, 2, '西沟村', '140702102002')",
    ).run();
    const hh =
      d.prepare(`INSERT INTO households (hh_no, village_id, hh_type, head_name, head_id_no, size_declared, phone, relocated, whole_no_labour,
      dev_measure_status, housing_unsafe, school_dropout, water_unsafe, uninsured, arable_land, mon_category, risk1, risk2, disaster_sub,
      identified_month, risk_eliminated, elimination_method, eliminated_month, contact_person, contact_phone)
      VALUES (@hh_no, @village_id, @hh_type, @head_name, @head_id_no, @size, @phone, 0, @whole_no_labour, @dev, @housing, 0, @water, 0, @arable,
      @cat, @risk1, @risk2, @sub, @ident, @elim, @method, @elim_month, @contact, @contact_phone)`);
    const mem =
      d.prepare(`INSERT INTO members (id_no, id_type, hh_no, name, sex, birth_date, ethnicity, relation, education, school_status, health,
      disability_type, disability_grade, labour_skill, work_status, work_months, medical_insured, pension_insured, dibao, tekun, phone, status)
      VALUES (@id_no, '居民身份证', @hh_no, @name, @sex, @birth, '汉族', @relation, @education, @school, @health, @dtype, @dgrade, @labour, @work,
      @months, 1, @pension, @dibao, @tekun, @phone, @status)`);
    const inc =
      d.prepare(`INSERT INTO incomes (hh_no, year, size, wage, business, property, transfer, dibao_money, pension_money, business_cost, self_pay, other_rigid)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const ms = d.prepare(
      `INSERT INTO measures (hh_no, category, developmental, content, amount, start_date) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let seq = 0;
    for (let i = 0; i < 80; i++) {
      const village = (i % 4) + 1;
      const hhNo = `14070210${village}00${String(1000 + i)}`;
      const monitored = i % 3 === 0;
      const lifted = i % 2 === 0;
      const eliminated = monitored && i % 9 === 0;
      const size = 1 + Math.floor(rand() * 5);
      const headBirth = `19${50 + Math.floor(rand() * 40)}0${1 + Math.floor(rand() * 9)}1${Math.floor(rand() * 9)}`;
      const headId = makeIdNumber('140702', headBirth, String(seq++ % 1000).padStart(3, '0'));
      const headName = `${pick(SURNAMES)}${pick(GIVEN)}`;
      const ident = monitored ? `20${21 + (i % 4)}-0${1 + (i % 9)}` : null;
      hh.run({
        hh_no: hhNo,
        village_id: village,
        hh_type: lifted ? '脱贫户' : '一般农户',
        head_name: headName,
        head_id_no: headId,
        size,
        phone: `139${String(10000000 + i * 7919).slice(0, 8)}`,
        whole_no_labour: i % 17 === 0 ? 1 : 0,
        dev: monitored ? (i % 2 ? '已实施' : '尚未实施') : null,
        housing: i % 11 === 0 ? 1 : 0,
        water: i % 13 === 0 ? 1 : 0,
        arable: Math.round(rand() * 100) / 10,
        cat: monitored ? CATEGORIES[Math.floor(i / 3) % 3]! : null,
        risk1: monitored ? pick(RISKS) : null,
        risk2: monitored && i % 2 ? '因自然灾害' : null,
        sub: monitored && i % 2 ? '洪涝' : null,
        ident,
        elim: monitored ? (eliminated ? 1 : 0) : null,
        method: eliminated ? '帮扶消除' : null,
        elim_month: eliminated ? `202${3 + (i % 2)}-0${1 + (i % 8)}` : null,
        contact: monitored ? `干部${i}` : null,
        contact_phone: monitored ? `1380000${String(1000 + i)}` : null,
      });
      for (let k = 0; k < size; k++) {
        const head = k === 0;
        const birth = head
          ? headBirth
          : `${1950 + Math.floor(rand() * 70)}0${1 + Math.floor(rand() * 9)}2${Math.floor(rand() * 8)}`;
        const idNo = head ? headId : makeIdNumber('140702', birth, String(seq++ % 1000).padStart(3, '0'));
        const sex = sexFromId(idNo);
        const age = 2024 - Number(birth.slice(0, 4));
        mem.run({
          id_no: idNo,
          hh_no: hhNo,
          name: head ? headName : `${pick(SURNAMES)}${pick(GIVEN)}`,
          sex,
          birth: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          relation: head ? '户主' : pick(['配偶', '之子', '之女', '之父', '之母']),
          education: pick(['小学', '初中', '高中', '文盲或半文盲']),
          school: age < 18 && age > 6 ? '小学四年级' : '非在校生',
          health: k === 1 && i % 5 === 0 ? '残疾' : pick(['健康', '健康', '长期慢性病', '患有大病']),
          dtype: k === 1 && i % 5 === 0 ? '肢体残疾' : null,
          dgrade: k === 1 && i % 5 === 0 ? '二级' : null,
          labour: age >= 16 && age <= 60 ? '普通劳动力' : '无劳动力',
          work: age >= 18 && age <= 55 ? '省外务工' : null,
          months: age >= 18 && age <= 55 ? 1 + Math.floor(rand() * 11) : null,
          pension: rand() < 0.8 ? 1 : 0,
          dibao: i % 7 === 0 ? '农村低保' : '未享受',
          tekun: i % 23 === 0 && head ? 1 : 0,
          phone: head ? `139${String(10000000 + i * 7919).slice(0, 8)}` : null,
          status: k === 2 && i % 10 === 0 ? '死亡' : '在册',
        });
      }
      for (const year of [2022, 2023]) {
        const wage = Math.round(rand() * 30000);
        inc.run(
          hhNo,
          year,
          size,
          wage,
          Math.round(rand() * 10000),
          Math.round(rand() * 500),
          3000 + Math.round(rand() * 2000),
          i % 7 === 0 ? 2400 : 0,
          1200,
          Math.round(rand() * 3000),
          Math.round(rand() * 12000),
          500,
        );
      }
      if (monitored) {
        const n = 1 + (i % 3);
        for (let k = 0; k < n; k++) {
          const cat = MEASURES[(i + k) % MEASURES.length]!;
          ms.run(hhNo, cat, DEV.has(cat) ? 1 : 0, `${cat}措施${k + 1}`, 1000 * (k + 1), `2023-0${1 + k}-01`);
        }
      }
    }
    // a household identified, eliminated and rolled back in 2024 (回退)
    d.prepare(
      "INSERT INTO monitoring_events (hh_no, event, month, source) VALUES ('140702101001000', '回退', '2024-03', '测试')",
    ).run();
    d.prepare(
      "INSERT INTO monitoring_events (hh_no, event, month, source) VALUES ('140702103001010', '回退', '2023-03', '测试')",
    ).run();
    // alerts: matched open, matched verified, unmatched with a village name, unmatched nowhere
    const first = d.prepare("SELECT id_no, hh_no, name FROM members WHERE hh_no = '140702101001000' LIMIT 1").get() as {
      id_no: string;
      hh_no: string;
      name: string;
    };
    const al =
      d.prepare(`INSERT INTO alerts (source_dept, id_no, name, alert_type, value, alert_date, detail, township_text, village_text, member_id_no, hh_no, status, verify_result)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    al.run(
      '医保',
      first.id_no,
      first.name,
      '大额医疗自付',
      23000,
      '2024-04-02',
      '住院自付2.3万元',
      null,
      null,
      first.id_no,
      first.hh_no,
      '未交办',
      null,
    );
    al.run(
      '民政',
      first.id_no,
      first.name,
      '新增低保',
      null,
      '2024-03-01',
      null,
      null,
      null,
      first.id_no,
      first.hh_no,
      '已核实',
      '属实',
    );
    al.run(
      '残联',
      makeIdNumber('140702', '19800101', '901'),
      '外来人',
      '新增残疾',
      null,
      '2024-02-01',
      '新办残疾证',
      '东阳镇',
      '东沟村',
      null,
      null,
      '未交办',
      null,
    );
    al.run(
      '人社',
      makeIdNumber('140702', '19800101', '903'),
      '无名氏',
      '失业登记',
      null,
      '2024-02-05',
      null,
      null,
      null,
      null,
      null,
      '未交办',
      null,
    );
    // a campaign with flags
    d.prepare(
      "INSERT INTO campaigns (id, name, as_of, income_year, created_at) VALUES ('2024Q2', '2024年第二季度集中排查', '2024-05-01', 2023, '2024-05-01T00:00:00Z')",
    ).run();
    d.prepare(
      "INSERT INTO campaign_flags (campaign_id, hh_no, rule_id, category, evidence) VALUES ('2024Q2', '140702101001004', 'R02', '必查', '人均纯收入较上年减少'), ('2024Q2', '140702101001008', 'R07', '必查', '有残疾人')",
    ).run();
  });
  return { dir, db, register };
}

/** The raw XML of worksheet n of an .xlsx (for what exceljs does not read back, e.g. page breaks). */
export const sheetXml = (file: string, n: number): Promise<string> => zipEntry(file, `xl/worksheets/sheet${n}.xml`);

/** The text of one entry of a zip (an .xlsx part). */
export function zipEntry(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.replace(/^\//, '') !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not found`)));
      zip.readEntry();
    });
  });
}

/** Data validations of a sheet read by exceljs (not in its type definitions). */
export const validationsOf = (ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation | undefined> =>
  (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations
    .model;
