/** How a command's arguments read in help and in messages (the code keeps English keys). */
const ARG_NAMES: Record<string, string> = {
  kindOrFile: '类型或文件',
  file: '文件',
  id: '报表',
  caseNo: '案件号',
  hhNo: '户编号或姓名',
  idNo: '证件号码',
  kind: '数据类型',
  text: '姓名或号码',
  target: '证件号码或户编号',
  changeSet: '修改记录编号',
  record: '证件号码或户编号',
};

export const argName = (key: string): string => ARG_NAMES[key] ?? key;
