import type { CountySettings } from '../../register/settings-repo.js';

export function renderInit(file: string, s: CountySettings): string {
  return [
    `已创建登记库：${file}`,
    `县：${s.province ? `${s.province} ` : ''}${s.countyName}（${s.countyCode}），当前年度 ${s.currentYear}`,
    '下一步：fpjc import <文件或文件夹> 导入户、成员、收入等数据。',
  ].join('\n');
}
