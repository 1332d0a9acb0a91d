import type { PlanTask } from '@tradepilot/contracts';
import type { MeasureDocument } from './measure-model';
import { planCoverage } from './plan-coverage';

const m = (id: string) =>
  ({ _id: id, taskGroupId: 'policy', text: { 'zh-CN': id, en: id } }) as MeasureDocument;
const task = (id: string, measureIds: string[]) => ({ id, measureIds }) as PlanTask;

describe('plan coverage', () => {
  it('names the applicable measures no task covers, and which of them are explained', () => {
    const coverage = planCoverage(
      [m('M-1'), m('M-2'), m('M-3'), m('M-4')],
      [task('t1', ['M-1']), task('t2', ['M-1', 'M-3'])],
      [{ measureId: 'M-2', explanation: '本地区不具备条件' }],
    );
    expect(coverage).toMatchObject({ applicable: 4, covered: 2, percent: 50, unexplained: ['M-4'] });
    expect(coverage.measures.find((l) => l.measureId === 'M-1')?.taskIds).toEqual(['t1', 't2']);
    expect(coverage.measures.find((l) => l.measureId === 'M-2')).toMatchObject({
      covered: false,
      explanation: '本地区不具备条件',
    });
  });

  it('rounds to one decimal and counts an area with nothing applicable as fully covered', () => {
    expect(planCoverage([m('a'), m('b'), m('c')], [task('t', ['a'])], []).percent).toBe(33.3);
    expect(planCoverage([], [], [])).toMatchObject({ applicable: 0, percent: 100, unexplained: [] });
  });
});
