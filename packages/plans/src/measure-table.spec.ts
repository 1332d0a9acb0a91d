import { TenantRegistry } from '@tradepilot/tenancy';
import { readCsv, utf8Bom, writeCsv } from './measure-csv';
import type { MeasureDocument } from './measure-model';
import { measureColumns, measureTable, readMeasureTable } from './measure-table';
import { readXlsx, writeXlsx } from './measure-xlsx';

const registry = TenantRegistry.fromSeed();
const header = measureColumns.join(',');

const measure = (id: string, over: Partial<MeasureDocument> = {}): MeasureDocument => ({
  _id: id,
  taskGroupId: 'facilitation',
  text: { 'zh-CN': '便利跨境结算，含“引号”, 逗号', en: 'Ease settlement, "quoted"' },
  responsibleDepartments: ['safe', 'pbc'],
  pilotAreas: ['guangzhou', 'shenzhen'],
  regulatoryAdjustment: true,
  status: 'active',
  illustrative: false,
  version: 1,
  createdAt: new Date(0),
  createdBy: 'x',
  updatedAt: new Date(0),
  updatedBy: 'x',
  history: [],
  ...over,
});

describe('measure import table', () => {
  it('reads a good CSV, with or without BOM', () => {
    const csv = `${header}\nM-1,opening-up,放宽限制,Ease limits,mct;mofcom,beijing;shanghai,true,active,false\n`;
    for (const text of [csv, utf8Bom + csv]) {
      const { measures, problems } = readMeasureTable(readCsv(text), registry);
      expect(problems).toEqual([]);
      expect(measures).toEqual([
        {
          id: 'M-1',
          row: 2,
          taskGroupId: 'opening-up',
          text: { 'zh-CN': '放宽限制', en: 'Ease limits' },
          responsibleDepartments: ['mct', 'mofcom'],
          pilotAreas: ['beijing', 'shanghai'],
          regulatoryAdjustment: true,
          status: 'active',
          illustrative: false,
        },
      ]);
    }
  });

  it('reports every problem by row and column, in both languages, and keeps no measure of a bad row', () => {
    const csv = [
      header,
      'M-1,opening-up,放宽限制,,mct,*,false,active,false',
      'M-1,nowhere,,,atlantis-dept,guangzhou;guangzhou,maybe,gone,false',
      'bad id!,policy,文本,,,atlantis,false,active,false',
    ].join('\n');
    const { measures, problems } = readMeasureTable(readCsv(csv), registry);
    expect(measures.map((m) => m.id)).toEqual(['M-1']);
    expect(measures[0]?.pilotAreas).toHaveLength(28);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'id', 'DUPLICATE_MEASURE_ID'],
      [3, 'text_zh_cn', 'EMPTY_VALUE'],
      [3, 'status', 'UNKNOWN_STATUS'],
      [3, 'regulatory_adjustment', 'NOT_A_BOOLEAN'],
      [3, 'task_group', 'UNKNOWN_TASK_GROUP'],
      [3, 'responsible_departments', 'UNKNOWN_DEPARTMENT'],
      [3, 'pilot_areas', 'DUPLICATE_VALUE'],
      [4, 'id', 'INVALID_MEASURE_ID'],
      [4, 'pilot_areas', 'UNKNOWN_PILOT_AREA'],
    ]);
    for (const p of problems) {
      expect(p.messages['zh-CN']).toMatch(/[\u4e00-\u9fa5]/);
      expect(p.messages.en).toMatch(/[a-z]/);
    }
  });

  it('refuses a header that is not exactly the export columns', () => {
    const { problems } = readMeasureTable(readCsv('id,text\nM-1,x'), registry);
    expect(problems).toEqual([expect.objectContaining({ row: 1, column: null, code: 'WRONG_COLUMNS' })]);
  });

  it('exports CSV with a BOM that reads back to the same measures', () => {
    const measures = [
      measure('M-3-01'),
      measure('M-3-02', { responsibleDepartments: [], illustrative: true }),
    ];
    const csv = writeCsv(measureTable(measures));
    expect(csv.startsWith(utf8Bom)).toBe(true);
    const { measures: read, problems } = readMeasureTable(readCsv(csv), registry);
    expect(problems).toEqual([]);
    expect(read.map(({ row: _row, id, ...fields }) => ({ _id: id, ...fields }))).toEqual(
      measures.map(
        ({ version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, history: _h, ...m }) =>
          m,
      ),
    );
  });

  it('exports XLSX that reads back to the same rows', async () => {
    const rows = measureTable([measure('M-3-01')]);
    const read = await readXlsx(await writeXlsx(rows, 'measures'));
    expect(read.map((r) => r.cells)).toEqual(rows);
    expect(read.map((r) => r.row)).toEqual([1, 2]);
  });
});
