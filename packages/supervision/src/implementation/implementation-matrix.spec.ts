import { buildMatrix } from './implementation-matrix';
import type { ImplementationMatrixRow } from './implementation-matrix-model';

const row = (
  province: string,
  pilotAreaId: string,
  cells: [string, string, string[], 'implemented' | 'not_implemented' | 'not_planned'][],
): ImplementationMatrixRow => ({
  _id: `2020:Q1:${pilotAreaId}`,
  round: 2020,
  periodId: 'Q1',
  periodStart: '2026-01-01',
  province,
  pilotAreaId,
  applicable: cells.length,
  implemented: cells.filter((c) => c[3] === 'implemented').length,
  measures: cells.map(([measureId, taskGroupId, responsibleDepartments, status]) => ({
    measureId,
    taskGroupId,
    responsibleDepartments,
    status,
  })),
  reportSequence: 1,
  updatedAt: new Date(),
});

const rows = [
  row('zhejiang', 'hangzhou', [
    ['M-1-01', 'management', ['mofcom'], 'implemented'],
    ['M-2-01', 'opening-up', ['safe'], 'not_planned'],
  ]),
  row('guangdong', 'guangzhou', [
    ['M-1-01', 'management', ['mofcom'], 'not_implemented'],
    ['M-3-01', 'facilitation', ['mct', 'mofcom'], 'implemented'],
  ]),
];

describe('the area × measure status matrix', () => {
  it('has one row per area (by province), one column per measure, null where a measure does not apply', () => {
    const matrix = buildMatrix(rows, {});
    expect(matrix.measures.map((m) => m.measureId)).toEqual(['M-1-01', 'M-2-01', 'M-3-01']);
    expect(matrix.areas.map((a) => [a.pilotAreaId, a.rate, a.cells])).toEqual([
      ['guangzhou', 50, ['not_implemented', null, 'implemented']],
      ['hangzhou', 50, ['implemented', 'not_planned', null]],
    ]);
  });

  it('filters measures by task group and department, areas by province', () => {
    expect(buildMatrix(rows, { taskGroupId: 'management' }).measures.map((m) => m.measureId)).toEqual([
      'M-1-01',
    ]);
    expect(buildMatrix(rows, { departmentId: 'mofcom' }).measures.map((m) => m.measureId)).toEqual([
      'M-1-01',
      'M-3-01',
    ]);
    const zhejiang = buildMatrix(rows, { province: 'zhejiang' });
    expect(zhejiang.areas.map((a) => a.pilotAreaId)).toEqual(['hangzhou']);
  });

  it('keeps, for a status, the measures and areas with at least one cell of it', () => {
    const notPlanned = buildMatrix(rows, { status: 'not_planned' });
    expect(notPlanned.measures.map((m) => m.measureId)).toEqual(['M-2-01']);
    expect(notPlanned.areas.map((a) => [a.pilotAreaId, a.cells])).toEqual([['hangzhou', ['not_planned']]]);
  });
});
