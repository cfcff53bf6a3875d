import { describe, expect, it } from 'vitest';
import { rowTemplate } from '../../../src/domain/row-rules.js';
import { BatchEncoder, decodeBatch } from '../../../src/import/batch-codec.js';
import type { RowBatch } from '../../../src/import/row-source.js';

/** What the worker sent before the codec: the batch as JSON, read back. */
const viaJson = (b: RowBatch): RowBatch => JSON.parse(JSON.stringify(b)) as RowBatch;

describe('batch codec', () => {
  const batch: RowBatch = {
    rows: 4,
    notVisited: 1,
    end: false,
    lastRow: 1200,
    lastRowEstimated: true,
    items: [
      { problem: { line: 5, column: '证件号码', value: '1234', message: '证件号码应为 18 位' } },
      {
        result: {
          problems: [],
          records: [
            {
              target: 'member',
              data: { id_no: '140702199001011234', name: '张三', work_months: 6, phone: null },
              line: 6,
              scope: '',
            },
            // same target, other columns (a 残疾人证 row adds its card's facts)
            {
              target: 'member',
              data: {
                id_no: '14070219900101123X11',
                name: '李四',
                work_months: null,
                phone: '"引号"\n换行',
                disability_card_no: 'x',
              },
              line: 7,
              scope: '',
            },
            {
              target: 'member',
              data: { id_no: '140702199001015678', name: '王五', work_months: 0, phone: null },
              line: 8,
              scope: '',
            },
          ],
        },
      },
      {
        result: {
          problems: [{ line: 9, column: 'household.size', value: '3', message: '户级信息应一致' }],
          records: [
            { target: 'household', data: { hh_no: 'H1', size: 3 }, line: 9, scope: 'household.', lines: [9, 10] },
            {
              target: 'measure',
              data: { hh_no: 'H1', category: '产业帮扶', content: '养殖' },
              line: 9,
              scope: '',
              lines: [9, 10],
              sourceColumn: 'household.industry',
            },
            {
              target: 'income',
              data: { hh_no: 'H1', year: 2024, size: 4 },
              line: 9,
              scope: 'income.',
              lines: [],
              resize: true,
            },
            { target: 'member', data: {}, line: 11, scope: 'member.' },
          ],
        },
      },
    ],
  };

  it('reads back what JSON of the batch read back, keys in the same order', () => {
    const got = decodeBatch(new BatchEncoder().encode(batch));
    expect(got).toEqual(viaJson(batch));
    const members = got.items.flatMap((i) => ('result' in i ? i.result.records : []));
    expect(members.map((r) => Object.keys(r.data))).toEqual(
      viaJson(batch).items.flatMap((i) => ('result' in i ? i.result.records.map((r) => Object.keys(r.data)) : [])),
    );
  });

  it('leaves out a value that is undefined with its key, as JSON did', () => {
    const b: RowBatch = {
      rows: 1,
      notVisited: 0,
      end: true,
      items: [
        {
          result: {
            problems: [],
            records: [
              {
                target: 'member',
                data: { id_no: 'A', name: undefined as unknown as null, sex: '女' },
                line: 2,
                scope: '',
              },
            ],
          },
        },
      ],
    };
    const got = decodeBatch(new BatchEncoder().encode(b));
    expect(got).toEqual(viaJson(b));
    expect('name' in (got.items[0] as { result: { records: { data: object }[] } }).result.records[0]!.data).toBe(false);
    expect(got.lastRow).toBeUndefined();
    expect(got.end).toBe(true);
  });

  it('numbers shapes per batch: a second batch decodes on its own', () => {
    const enc = new BatchEncoder();
    enc.encode(batch);
    const second: RowBatch = {
      rows: 1,
      notVisited: 0,
      end: false,
      items: [
        {
          result: {
            problems: [],
            records: [{ target: 'member', data: { id_no: 'B', name: '赵六' }, line: 20, scope: '' }],
          },
        },
      ],
    };
    expect(decodeBatch(enc.encode(second))).toEqual(viaJson(second));
  });

  it('a row template gives fresh objects with its keys, all null, in order', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `member.c${i}`);
    const t = rowTemplate(keys);
    const a = { ...t };
    a['member.c3'] = 'x';
    expect(Object.keys(a)).toEqual(keys);
    expect(t['member.c3']).toBeNull();
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
  });
});
