import type { IssueHolder, IssueLevel } from '@tradepilot/contracts';
import { addCalendarDays, localDate, startOfLocalDay, type WorkingCalendar } from '@tradepilot/timers';
import routingSeed from './key-issue-routing.json';

type HolderSource =
  | { kind: 'area-province' }
  | { kind: 'fixed'; id: string }
  | { kind: 'measure-departments' };

export interface RoutingLevel {
  level: Exclude<IssueLevel, 'pilot-area'>;
  holder: HolderSource;
  slaWorkingDays: number;
  /** `skip`: passed over where one government is both pilot area and province */
  inDualRoleGovernment?: 'skip';
}

export interface KeyIssueRouting {
  levels: RoutingLevel[];
  finalEscalation: { level: Exclude<IssueLevel, 'pilot-area'>; holder: HolderSource };
}

/** The routing of key issues as data (`key-issue-routing.json`). */
export const keyIssueRouting = (): KeyIssueRouting => {
  const { levels, finalEscalation } = routingSeed as KeyIssueRouting & { _comment: string };
  return { levels, finalEscalation };
};

/** What the chain of one issue depends on: its area's government and its departments. */
export interface IssueRoute {
  province: string;
  dualRoleGovernment: boolean;
  /** the central departments responsible for the linked measures */
  departmentIds: string[];
}

/** One hop of an issue's chain: who holds it at that level and for how long. */
export interface ChainHop {
  holder: IssueHolder;
  slaWorkingDays: number;
}

const holderOf = (source: HolderSource, route: IssueRoute): string[] => {
  switch (source.kind) {
    case 'area-province':
      return [route.province];
    case 'fixed':
      return [source.id];
    case 'measure-departments':
      return [...route.departmentIds];
  }
};

/**
 * The holders above the pilot area, in order, for this issue: levels the data skips in a dual-role
 * government, and levels without a holder (no responsible department known), are passed over.
 */
export function issueChain(routing: KeyIssueRouting, route: IssueRoute): ChainHop[] {
  return routing.levels.flatMap((l) => {
    if (route.dualRoleGovernment && l.inDualRoleGovernment === 'skip') return [];
    const organisationIds = holderOf(l.holder, route);
    return organisationIds.length === 0
      ? []
      : [{ holder: { level: l.level, organisationIds }, slaWorkingDays: l.slaWorkingDays }];
  });
}

const order: IssueLevel[] = ['pilot-area', 'province', 'ministry', 'department'];

/** The first hop above `level` (where an issue raised or held at `level` goes), or null at the top. */
export function hopAbove(chain: ChainHop[], level: IssueLevel): ChainHop | null {
  return chain.find((h) => order.indexOf(h.holder.level) > order.indexOf(level)) ?? null;
}

/** The hop of a level in the chain (to restart its SLA on a reopen). */
export const hopAt = (chain: ChainHop[], level: IssueLevel): ChainHop | null =>
  chain.find((h) => h.holder.level === level) ?? null;

/** Who is told when the last level's SLA passes. */
export const finalEscalationHolder = (routing: KeyIssueRouting, route: IssueRoute): IssueHolder => ({
  level: routing.finalEscalation.level,
  organisationIds: holderOf(routing.finalEscalation.holder, route),
});

/**
 * When a hop's SLA passes: at the end of its N-th working day after the day it arrived (China
 * time), i.e. the start of the next calendar day there. A hop arriving on a holiday starts counting
 * from the next working day like any other.
 */
export function slaDueAt(calendar: WorkingCalendar, arrivedAt: Date, workingDays: number): Date {
  const dueDay = calendar.addWorkingDays(localDate(arrivedAt), workingDays);
  return startOfLocalDay(addCalendarDays(dueDay, 1));
}

/** Whole calendar days since `from` (China time), for the age of an issue. */
export const ageInDays = (from: Date, now: Date): number =>
  Math.max(0, Math.round((Date.parse(localDate(now)) - Date.parse(localDate(from))) / (24 * 60 * 60 * 1000)));

export const ageBuckets = ['0-7', '8-30', '31-90', '91+'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

export const ageBucketOf = (days: number): AgeBucket =>
  days <= 7 ? '0-7' : days <= 30 ? '8-30' : days <= 90 ? '31-90' : '91+';
