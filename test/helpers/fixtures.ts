import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeIdNumber } from '../../src/domain/id-number.js';

export type Cell = string | number | boolean | null;

/** An .xlsx with optional title rows above the header, like the national system's exports. */
export async function writeXlsx(
  file: string,
  sheets: { name: string; titleRows?: string[]; header: string[]; rows: Cell[][] }[],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const t of s.titleRows ?? []) ws.addRow([t]);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

export function writeCsv(
  file: string,
  header: string[],
  rows: Cell[][],
  encoding: 'utf8' | 'utf8bom' | 'gbk' = 'utf8',
): string {
  const esc = (c: Cell): string => {
    if (c === null) return '';
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') fs.writeFileSync(file, iconv.encode(text, 'gbk'));
  else fs.writeFileSync(file, (encoding === 'utf8bom' ? '\uFEFF' : '') + text, 'utf8');
  return file;
}

/** A valid 居民身份证 number of the county (140702) for a birth date and serial. */
export const idOf = (birth: string, seq: number, sex: '男' | '女' = '男'): string => {
  const base = seq * 2 + (sex === '男' ? 1 : 0);
  return makeIdNumber('140702', birth, String(base % 1000).padStart(3, '0'));
};

export const HOUSEHOLD_HEADER = [
  '户编号',
  '乡镇',
  '村',
  '户类型',
  '户主姓名',
  '户主证件号码',
  '家庭人口数',
  '联系电话',
  '监测对象类别',
  '识别监测时间',
  '致贫返贫风险1',
  '风险是否已消除',
];
export const MEMBER_HEADER = [
  '户编号',
  '证件号码',
  '姓名',
  '性别',
  '出生日期',
  '与户主关系',
  '健康状况',
  '劳动技能',
  '在校生状况',
  '享受低保政策情况',
];
export const INCOME_HEADER = [
  '户编号',
  '年度',
  '家庭人口数',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '转移性收入',
  '生产经营性支出',
  '合规自付支出',
];

/** A small county: 3 households in two villages, 7 members, incomes for 2023. */
export function smallCounty() {
  const a1 = idOf('19700315', 1, '男');
  const a2 = idOf('19720610', 2, '女');
  const a3 = idOf('20120901', 3, '女');
  const b1 = idOf('19550101', 4, '男');
  const b2 = idOf('19580707', 5, '女');
  const c1 = idOf('19850220', 6, '男');
  const c2 = idOf('20180505', 7, '男');
  return {
    ids: { a1, a2, a3, b1, b2, c1, c2 },
    households: [
      [
        '1407020010010001',
        '东阳镇',
        '西沟村',
        '脱贫户',
        '张建国',
        a1,
        3,
        '13812345678',
        '脱贫不稳定户',
        '202303',
        '因病',
        '否',
      ],
      ['1407020010010002', '东阳镇', '西沟村', '一般农户', '李福', b1, 2, '13912345678', null, null, null, null],
      [
        '1407020020010001',
        '北田镇',
        '南庄村',
        '一般农户',
        '王强',
        c1,
        2,
        null,
        '边缘易致贫户',
        '2024年1月',
        '因务工就业不稳',
        '是',
      ],
    ] as Cell[][],
    members: [
      ['1407020010010001', a1, '张建国', '男', '1970-03-15', '户主', '长期慢性病', '普通劳动力', '非在校生', '未享受'],
      ['1407020010010001', a2, '刘秀英', '女', '1972-06-10', '配偶', '健康', '普通劳动力', '非在校生', '未享受'],
      ['1407020010010001', a3, '张小梅', '女', '2012-09-01', '之女', '健康', '无劳动力', '七年级', '未享受'],
      [
        '1407020010010002',
        b1,
        '李福',
        '男',
        '1955-01-01',
        '户主',
        '患有大病',
        '弱劳动力或半劳动力',
        '非在校生',
        '农村低保',
      ],
      ['1407020010010002', b2, '赵桂兰', '女', '1958-07-07', '配偶', '健康', '丧失劳动力', '非在校生', '农村低保'],
      ['1407020020010001', c1, '王强', '男', '1985-02-20', '户主', '健康', '普通劳动力', '非在校生', '未享受'],
      ['1407020020010001', c2, '王小虎', '男', '2018-05-05', '之子', '健康', '无劳动力', '学前教育', '未享受'],
    ] as Cell[][],
    incomes: [
      ['1407020010010001', 2023, 3, 12000, 8000, 500, 3000, 2000, 6000],
      ['1407020010010002', 2023, 2, 0, 3000, 0, 9000, 500, 15000],
      ['1407020020010001', 2023, 2, 30000, 0, 0, 1000, 0, 0],
    ] as Cell[][],
  };
}

export async function writeSmallCounty(
  dir: string,
): Promise<{ households: string; members: string; incomes: string; ids: ReturnType<typeof smallCounty>['ids'] }> {
  const c = smallCounty();
  const households = await writeXlsx(path.join(dir, '户信息.xlsx'), [
    {
      name: '户信息',
      titleRows: ['（乡村建设）户信息', '导出时间：2024-05-01'],
      header: HOUSEHOLD_HEADER,
      rows: c.households,
    },
  ]);
  const members = writeCsv(path.join(dir, '家庭成员.csv'), MEMBER_HEADER, c.members, 'gbk');
  const incomes = await writeXlsx(path.join(dir, '收支信息.xlsx'), [
    { name: '收支', header: INCOME_HEADER, rows: c.incomes },
  ]);
  return { households, members, incomes, ids: c.ids };
}
