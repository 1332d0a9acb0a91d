import type { PlanTask } from '@tradepilot/contracts';
import { diffAsChanges, diffPlans } from './plan-diff';
import type { PlanContent } from './plan-model';

const task = (id: string, over: Partial<PlanTask> = {}): PlanTask => ({
  id,
  measureIds: ['M-1'],
  description: `任务 ${id}`,
  leadUnit: '商务局',
  supportingUnits: [],
  milestones: [],
  kpis: [{ name: '出口额', unit: '亿美元', baseline: 1, target: 2, due: '2026-12-31' }],
  keyProgram: false,
  ...over,
});
const plan = (tasks: PlanTask[], over: Partial<PlanContent> = {}): PlanContent => ({
  title: { 'zh-CN': '方案', en: 'Plan' },
  period: { start: '2026-01-01', end: '2028-12-31' },
  tasks,
  coverageExplanations: [],
  ...over,
});

describe('plan diff', () => {
  it('lists tasks added, removed and changed, with field-level before and after', () => {
    const before = plan([task('t1'), task('t2')]);
    const after = plan(
      [
        task('t1', { kpis: [{ name: '出口额', unit: '亿美元', baseline: 1, target: 3, due: '2026-12-31' }] }),
        task('t3'),
      ],
      { title: { 'zh-CN': '方案（修订）', en: 'Plan' } },
    );
    const diff = diffPlans(before, after);
    expect(diff.fields).toEqual([
      {
        field: 'title',
        before: { 'zh-CN': '方案', en: 'Plan' },
        after: { 'zh-CN': '方案（修订）', en: 'Plan' },
      },
    ]);
    expect(diff.tasksAdded.map((t) => t.id)).toEqual(['t3']);
    expect(diff.tasksRemoved.map((t) => t.id)).toEqual(['t2']);
    expect(diff.tasksChanged).toEqual([
      {
        taskId: 't1',
        changes: [{ field: 'kpis', before: before.tasks[0]?.kpis, after: after.tasks[0]?.kpis }],
      },
    ]);
    expect(diffAsChanges(diff).map((c) => c.field)).toEqual([
      'title',
      'tasks.t3',
      'tasks.t2',
      'tasks.t1.kpis',
    ]);
  });

  it('finds nothing between equal contents, whatever the key order', () => {
    const a = plan([task('t1')]);
    const reordered = JSON.parse(JSON.stringify({ ...a, tasks: [{ ...a.tasks[0], id: 't1' }] }));
    expect(diffAsChanges(diffPlans(a, reordered))).toEqual([]);
  });
});
