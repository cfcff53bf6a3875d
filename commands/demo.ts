import path from 'node:path';
import { Flags } from '@oclif/core';
import { generateDemo } from '../src/services/demo-service.js';
import { FpjcCommand } from '../src/ui/base-command.js';
import { progressBar } from '../src/ui/progress.js';
import { renderTable } from '../src/ui/table.js';

const KIND_CN: Record<string, string> = {
  regions: '行政区划',
  households: '户信息',
  members: '家庭成员',
  incomes: '收支信息',
  measures: '帮扶措施',
  alerts: '部门预警',
};

export default class Demo extends FpjcCommand {
  static override summary = '生成一个虚构的演示县（导入格式的 Excel/CSV 文件），用于试用、培训和测试';
  static override description =
    '按导入格式生成行政区划、户信息、家庭成员、两个年度的收支信息、帮扶措施和部门预警（其中医保一份是 GBK 编码的 CSV），' +
    '包含各类监测对象和排查规则要找的典型情形。人员、证件号码和电话都是虚构的。同一 --seed 和 --households 生成的数据完全相同。' +
    '目标文件夹必须是新的或空的；重新生成同一个演示文件夹需要加 --force。';
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo --households 50000 --seed 7 --out D:\\演示县',
    '<%= config.bin %> demo --out ./演示县 --force --json',
  ];

  static override flags = {
    households: Flags.integer({ summary: '户数（100 到 1,000,000）', default: 2000 }),
    seed: Flags.integer({ summary: '随机种子：相同的种子生成相同的数据', default: 1 }),
    out: Flags.string({ summary: '输出文件夹', default: './演示县' }),
    force: Flags.boolean({ summary: '覆盖以前生成的演示文件夹（删除其中的演示文件、fpjc.db、备份和报表）' }),
    'county-code': Flags.string({ summary: '县级行政区划代码（6 位）', default: '140702' }),
    'county-name': Flags.string({ summary: '县（市、区、旗）名称', default: '榆次区' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Demo);
    const bar = progressBar('生成演示数据', { json: this.jsonMode, total: flags.households });
    let result: Awaited<ReturnType<typeof generateDemo>>;
    try {
      result = await generateDemo({
        households: flags.households,
        seed: flags.seed,
        outDir: flags.out,
        force: flags.force,
        countyCode: flags['county-code'],
        countyName: flags['county-name'],
        onProgress: (done, total) => bar.update(done, total),
      });
    } finally {
      bar.stop();
    }
    const r = result;
    this.output(r, () => {
      const table = renderTable(
        ['文件', '内容', '行数'],
        r.files.map((f) => [path.basename(f.file), KIND_CN[f.kind] ?? f.kind, f.rows]),
      );
      const db = path.join(r.outDir, 'fpjc.db');
      return [
        `已生成演示县「${flags['county-name']}」：${r.households.toLocaleString('en-US')} 户 ${r.members.toLocaleString('en-US')} 人 → ${r.outDir}`,
        '',
        table,
        '',
        '下一步：',
        `  fpjc init --db "${db}" --county-code ${flags['county-code']} --county-name ${flags['county-name']} --year 2024 --income-line 8300`,
        `  fpjc import "${r.outDir}" --db "${db}"`,
      ].join('\n');
    });
  }
}
