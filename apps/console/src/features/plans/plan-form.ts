import dayjs, { type Dayjs } from 'dayjs';
import type { Inputs, Outputs } from '../../api/app-router';

export type PlanView = Outputs['plan']['get'];
type Task = PlanView['tasks'][number];

/** The editor's shape of a plan: dates as dayjs, the rest as the API has it. */
export interface PlanFormValues {
  titleZh: string;
  titleEn: string;
  period: [Dayjs, Dayjs] | null;
  tasks: (Omit<Task, 'milestones' | 'kpis'> & {
    milestones: { title: string; due: Dayjs }[];
    kpis: { name: string; unit: string; baseline: number; target: number; due: Dayjs }[];
  })[];
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function toFormValues(plan: PlanView): PlanFormValues {
  return {
    titleZh: plan.title['zh-CN'],
    titleEn: plan.title.en,
    period: plan.period ? [dayjs(plan.period.start), dayjs(plan.period.end)] : null,
    tasks: plan.tasks.map((t) => ({
      ...t,
      milestones: t.milestones.map((m) => ({ title: m.title, due: dayjs(m.due) })),
      kpis: t.kpis.map((k) => ({ ...k, due: dayjs(k.due) })),
    })),
  };
}

export function toSaveInput(plan: PlanView, v: PlanFormValues): Inputs['plan']['save'] {
  return {
    planId: plan.id,
    version: plan.version,
    title: { 'zh-CN': v.titleZh.trim(), en: (v.titleEn ?? '').trim() },
    period: v.period ? { start: day(v.period[0]), end: day(v.period[1]) } : null,
    tasks: (v.tasks ?? []).map((t) => ({
      id: t.id.trim(),
      description: t.description.trim(),
      leadUnit: t.leadUnit.trim(),
      supportingUnits: t.supportingUnits ?? [],
      measureIds: t.measureIds ?? [],
      keyProgram: Boolean(t.keyProgram),
      milestones: (t.milestones ?? []).map((m) => ({ title: m.title.trim(), due: day(m.due) })),
      kpis: (t.kpis ?? []).map((k) => ({
        name: k.name.trim(),
        unit: k.unit.trim(),
        baseline: Number(k.baseline),
        target: Number(k.target),
        due: day(k.due),
      })),
    })),
  };
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Which parts of my unsaved edit differ from the newer version someone else saved. */
export function differingParts(mine: Inputs['plan']['save'], theirs: PlanView): string[] {
  const parts: string[] = [];
  const same = (a: unknown, b: unknown) => stable(a) === stable(b);
  if (!same(mine.title, theirs.title)) parts.push('title');
  if (!same(mine.period ?? null, theirs.period)) parts.push('period');
  const theirTasks = new Map(theirs.tasks.map((t) => [t.id, t]));
  for (const task of mine.tasks ?? []) {
    const other = theirTasks.get(task.id);
    if (!other) parts.push(`tasks.${task.id} +`);
    else if (!same(task, other)) parts.push(`tasks.${task.id}`);
    theirTasks.delete(task.id);
  }
  for (const id of theirTasks.keys()) parts.push(`tasks.${id} −`);
  return parts;
}
