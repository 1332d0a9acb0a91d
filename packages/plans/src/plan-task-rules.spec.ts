import type { PlanTask } from '@tradepilot/contracts';
import type { MeasureDocument } from './measure-model';
import { planContentIssues } from './plan-task-rules';

const measure = (id: string, over: Partial<MeasureDocument> = {}) =>
  ({ _id: id, status: 'active', pilotAreas: ['guangzhou'], ...over }) as MeasureDocument;
const catalog = new Map([
  ['M-1', measure('M-1')],
  ['M-2', measure('M-2', { status: 'retired' })],
  ['M-3', measure('M-3', { pilotAreas: ['beijing'] })],
]);
const task = (id: string, measureIds: string[]) => ({ id, measureIds }) as PlanTask;

describe('plan content against the catalog', () => {
  it('names each field that is wrong', () => {
    const issues = planContentIssues(
      'guangzhou',
      [task('t1', ['M-1', 'M-1', 'M-2']), task('t1', ['M-3', 'M-9']), task('t3', [])],
      [{ measureId: 'M-9', explanation: 'x' }],
      catalog,
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['tasks.0.measureIds.1', 'DUPLICATE_MEASURE'],
      ['tasks.0.measureIds.2', 'MEASURE_RETIRED'],
      ['tasks.1.id', 'DUPLICATE_TASK_ID'],
      ['tasks.1.measureIds.0', 'MEASURE_NOT_APPLICABLE'],
      ['tasks.1.measureIds.1', 'MEASURE_NOT_IN_CATALOG'],
      ['tasks.2.measureIds', 'TASK_WITHOUT_MEASURE'],
      ['coverageExplanations.0.measureId', 'MEASURE_NOT_IN_CATALOG'],
    ]);
  });

  it('accepts tasks on active, applicable measures', () => {
    expect(planContentIssues('guangzhou', [task('t1', ['M-1'])], [], catalog)).toEqual([]);
  });
});
