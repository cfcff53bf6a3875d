import { fpjcCommand } from '../../domain/command-hint.js';
import type { CountySettings } from '../../register/settings-repo.js';

export function renderInit(file: string, s: CountySettings): string {
  return [
    `已创建登记库：${file}`,
    `县：${s.province ? `${s.province} ` : ''}${s.countyName}（${s.countyCode}），当前年度 ${s.currentYear}`,
    s.clerk
      ? `数据管理员：${s.clerk}（不给 --operator 时作为经办人写入修改记录）`
      : '未设置数据管理员：修改记录的经办人取 --operator、环境变量 FPJC_OPERATOR 或系统用户名。',
    `下一步：${fpjcCommand('import <文件或文件夹>')} 导入全国系统导出的监测对象信息，或户、成员、收入等数据。`,
  ].join('\n');
}
