import { Flags } from '@oclif/core';

/** Flags every `fpjc edit <kind>` shares. */
export const editFlags = {
  set: Flags.string({
    summary: '要改的字段和新值，写成 字段=值（字段用导入表的列名，可多次）',
    multiple: true,
  }),
  reason: Flags.string({ summary: '更正原因（写入修改记录；在终端中不给会提问）' }),
  'dry-run': Flags.boolean({ summary: '只检查、显示将要改动的内容，不保存' }),
};
