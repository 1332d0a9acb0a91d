import type { ApplicableMeasure } from '@tradepilot/contracts';
import { measureStatuses, taskStatusesOf, unknownTaskGroup } from './measure-status';

const applicable = (measureId: string, explanation: string | null = null): ApplicableMeasure => ({
  measureId,
  taskGroupId: measureId.startsWith('M-1') ? 'management' : 'opening-up',
  responsibleDepartments: ['mofcom'],
  explanation,
});

const tasks = [
  { id: 't1', measureIds: ['M-1-01'] },
  { id: 't2', measureIds: ['M-1-01', 'M-2-01'] },
  { id: 't3', measureIds: ['M-2-02'] },
];

describe('a measure is implemented when every task mapped to it is', () => {
  it('needs all of its tasks implemented; a measure no task maps to is not planned, with its explanation', () => {
    const lines = measureStatuses(
      [
        applicable('M-1-01'),
        applicable('M-2-01'),
        applicable('M-2-02'),
        applicable('M-3-01', '本地不具备条件'),
      ],
      tasks,
      [
        { taskId: 't1', status: 'implemented' },
        { taskId: 't2', status: 'in_progress' },
        { taskId: 't3', status: 'implemented' },
      ],
    );
    expect(lines.map((l) => [l.measureId, l.status, l.taskIds])).toEqual([
      ['M-1-01', 'not_implemented', ['t1', 't2']],
      ['M-2-01', 'not_implemented', ['t2']],
      ['M-2-02', 'implemented', ['t3']],
      ['M-3-01', 'not_planned', []],
    ]);
    expect(lines[3]).toMatchObject({ explanation: '本地不具备条件', taskGroupId: 'opening-up' });
    expect(lines[0]?.explanation).toBeNull();
  });

  it('turns implemented once the last task is', () => {
    const lines = measureStatuses([applicable('M-1-01')], tasks, [
      { taskId: 't1', status: 'implemented' },
      { taskId: 't2', status: 'implemented' },
    ]);
    expect(lines[0]?.status).toBe('implemented');
  });

  it('counts, for a version approved before the event listed applicable measures, the measures its tasks map to', () => {
    const lines = measureStatuses(null, tasks, [{ taskId: 't3', status: 'implemented' }]);
    expect(lines.map((l) => [l.measureId, l.status, l.taskGroupId])).toEqual([
      ['M-1-01', 'not_implemented', unknownTaskGroup],
      ['M-2-01', 'not_implemented', unknownTaskGroup],
      ['M-2-02', 'implemented', unknownTaskGroup],
    ]);
  });
});

describe('task statuses of a period', () => {
  it('takes the reported status, and for "nothing to report" where the task stood the period before', () => {
    const statuses = taskStatusesOf(
      ['t1', 't2', 't3', 't4'],
      [
        { taskId: 't1', nothingToReport: false, status: 'implemented' },
        { taskId: 't2', nothingToReport: true, status: null },
        { taskId: 't3', nothingToReport: true, status: null },
      ],
      [
        { taskId: 't2', status: 'implemented' },
        { taskId: 't1', status: 'blocked' },
      ],
    );
    expect(statuses).toEqual([
      { taskId: 't1', status: 'implemented' },
      { taskId: 't2', status: 'implemented' },
      { taskId: 't3', status: null },
      { taskId: 't4', status: null },
    ]);
  });
});
