import type { PlanTask } from '@tradepilot/contracts';
import { isDeepStrictEqual } from 'node:util';
import { plain, type FieldChange } from './audit-entry';
import type { PlanContent } from './plan-model';

export interface TaskChange {
  taskId: string;
  changes: FieldChange[];
}

export interface PlanDiff {
  /** plan-level fields: title, period, coverageExplanations */
  fields: FieldChange[];
  tasksAdded: PlanTask[];
  tasksRemoved: PlanTask[];
  tasksChanged: TaskChange[];
}

const planFields = ['title', 'period', 'coverageExplanations'] as const;
const taskFields: (keyof PlanTask)[] = [
  'measureIds',
  'description',
  'leadUnit',
  'supportingUnits',
  'milestones',
  'kpis',
  'keyProgram',
];

const same = (a: unknown, b: unknown) => isDeepStrictEqual(plain(a), plain(b));

/** What changed from one version of a plan to another; tasks are matched by their id. */
export function diffPlans(before: PlanContent, after: PlanContent): PlanDiff {
  const fields = planFields
    .filter((f) => !same(before[f], after[f]))
    .map((f) => ({ field: f, before: plain(before[f]), after: plain(after[f]) }));
  const beforeTasks = new Map(before.tasks.map((t) => [t.id, t]));
  const afterTasks = new Map(after.tasks.map((t) => [t.id, t]));
  const tasksChanged: TaskChange[] = [];
  for (const [id, task] of afterTasks) {
    const was = beforeTasks.get(id);
    if (!was) continue;
    const changes = taskFields
      .filter((f) => !same(was[f], task[f]))
      .map((f) => ({ field: f, before: plain(was[f]), after: plain(task[f]) }));
    if (changes.length > 0) tasksChanged.push({ taskId: id, changes });
  }
  return {
    fields,
    tasksAdded: after.tasks.filter((t) => !beforeTasks.has(t.id)).map((t) => plain(t) as PlanTask),
    tasksRemoved: before.tasks.filter((t) => !afterTasks.has(t.id)).map((t) => plain(t) as PlanTask),
    tasksChanged,
  };
}

/** The same difference as audit lines (`tasks.t1.kpis`, `tasks.t3` added or removed). */
export function diffAsChanges(diff: PlanDiff): FieldChange[] {
  return [
    ...diff.fields,
    ...diff.tasksAdded.map((t) => ({ field: `tasks.${t.id}`, before: null, after: t })),
    ...diff.tasksRemoved.map((t) => ({ field: `tasks.${t.id}`, before: t, after: null })),
    ...diff.tasksChanged.flatMap((c) =>
      c.changes.map((ch) => ({ ...ch, field: `tasks.${c.taskId}.${ch.field}` })),
    ),
  ];
}

export const contentOf = (p: PlanContent): PlanContent => ({
  title: p.title,
  period: p.period ?? null,
  tasks: p.tasks,
  coverageExplanations: p.coverageExplanations ?? [],
});
