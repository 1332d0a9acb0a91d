import { sampleHolidayCalendar2026, WorkingCalendar } from '@tradepilot/timers';
import { planTask } from '../test/supervision-harness';
import { entryProblems, mergeEntries, missingTasks, timelinessOf } from './report-entries';
import type { ReportEntry } from './report-model';

const calendar = new WorkingCalendar([sampleHolidayCalendar2026]);
const entry = (taskId: string): ReportEntry => ({
  taskId,
  nothingToReport: false,
  status: 'in_progress',
  narrative: '',
  kpiActuals: [],
  milestonesDone: [],
  evidence: [],
  reason: '',
});

describe('report entries', () => {
  it('is on time through the due day (China time) and late by working days after it', () => {
    expect(timelinessOf('2026-04-15', new Date('2026-04-15T15:59:00Z'), calendar)).toEqual({
      status: 'on_time',
      daysLate: 0,
    });
    // 16:00 UTC is midnight in Beijing: the 16th, one working day late
    expect(timelinessOf('2026-04-15', new Date('2026-04-15T16:00:00Z'), calendar)).toEqual({
      status: 'late',
      daysLate: 1,
    });
    // Friday the 17th, then the weekend: Monday the 20th is three working days late
    expect(timelinessOf('2026-04-15', new Date('2026-04-20T02:00:00Z'), calendar).daysLate).toBe(3);
  });

  it('names every problem of an entry against its task', () => {
    const task = planTask('t1', ['M-1-01']);
    const path = (f: string) => `entries.0.${f}`;
    expect(entryProblems(task, { taskId: 't1' }, path).map((p) => p.path)).toEqual(['entries.0.status']);
    expect(
      entryProblems(
        task,
        {
          taskId: 't1',
          status: 'implemented',
          kpiActuals: [
            { name: '服务贸易额', actual: 1 },
            { name: '服务贸易额', actual: 2 },
          ],
          milestonesDone: ['不存在'],
        },
        path,
      ).map((p) => p.messages.en),
    ).toEqual([
      'task t1: KPI "服务贸易额" is given twice',
      'task t1 has no milestone "不存在" (its milestones: 启动)',
    ]);
    expect(entryProblems(task, { taskId: 't1', nothingToReport: { reason: '无' } }, path)).toEqual([]);
    expect(entryProblems(undefined, { taskId: 'tx' }, path)[0]?.messages['zh-CN']).toContain('tx');
  });

  it('merges a save into the plan order and lists what is missing', () => {
    const merged = mergeEntries(['t1', 't2', 't3'], [entry('t3')], [entry('t1')]);
    expect(merged.map((e) => e.taskId)).toEqual(['t1', 't3']);
    expect(missingTasks(['t1', 't2', 't3'], merged)).toEqual(['t2']);
  });
});
