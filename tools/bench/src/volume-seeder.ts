import { NATIONAL } from '@tradepilot/contracts';
import {
  connectDatabase,
  nationalScope,
  tenantScope,
  type PilotArea,
  type TenantScope,
} from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { ServiceDatabases } from './service-databases';
import { at, dayMs, isoDay, random, retarget, yearMs } from './volume-retarget';
import {
  nationalSupervision,
  provinceSupervision,
  type AreaPlanOfRound,
  type SeededRound,
  type SupervisionTargets,
} from './volume-supervision-seeder';
import { seededTask, type StoredDocument, type VolumeTemplates } from './volume-templates';

/**
 * Three years of a round, once per scale unit: at N× the databases hold N rounds (the newest is
 * the current one, the others history). Current state stays the same size at every scale (28
 * plans in force or in drafting, the cases open now, the current period's reports and the key
 * issues the ministry holds); history grows with N (closed plans, their versions and audit lines,
 * decided cases, 12 past periods a round of reports and resolved key issues with their audit lines).
 * That is what three more years of use do to the data.
 */
export const volumePerRound = {
  cases: 5000,
  /** open now, all in the current round; every other case is decided */
  openCases: 250,
  tasks: { min: 20, max: 60 },
  /** saves of a plan between its creation and its first submission */
  saves: { min: 5, max: 15 },
  roundYears: 3,
} as const;

/** What the benchmark reads and changes in the seeded volume. */
export interface VolumeTargets {
  /** the province whose plan is edited and read (one government is pilot area and province) */
  tenant: string;
  /** its current plan: drafting again after a return, so `plan.save` is allowed */
  planId: string;
  planVersion: number;
  /** a past submission of that plan (history) */
  pastSubmission: number;
  /** a case open now that the ministry reads */
  readCaseId: string;
  /** open cases awaiting the ministry, for `case.decide`, spread over the provinces */
  decidable: { caseId: string; version: number }[];
  supervision: SupervisionTargets;
}

/** The pilot area whose current report and key issues the benchmark reads and changes (not a dual-role one). */
export const supervisedArea = { tenant: 'guangdong', pilotAreaId: 'guangzhou' } as const;

export interface SeededVolume {
  scale: number;
  counts: Record<string, number>;
  seconds: number;
  targets: VolumeTargets;
}

interface PlanHistory {
  plans: StoredDocument[];
  versions: StoredDocument[];
  audit: StoredDocument[];
  rows: StoredDocument[];
}

/** The plans of one pilot area in one round, from drafting to in force (closed when the round is past). */
function planOfRound(
  t: VolumeTemplates,
  area: PilotArea,
  round: number,
  start: Date,
  current: boolean,
  editable: boolean,
  rnd: () => number,
): PlanHistory & { planId: string; version: number; submissions: number } {
  const planId = randomUUID();
  const span = volumePerRound.roundYears * yearMs;
  const taskCount =
    volumePerRound.tasks.min + Math.floor(rnd() * (volumePerRound.tasks.max - volumePerRound.tasks.min + 1));
  const tasks = Array.from({ length: taskCount }, (_, i) => ({
    ...seededTask(i + 1, `M-${1 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}`),
    description: `${area.name['zh-CN']}任务 ${i + 1}：推进服务贸易创新发展，落实试点措施，形成可复制推广经验`,
    keyProgram: i < 3,
  }));
  const submissions = 1 + Math.floor(rnd() * 3);
  const saves =
    volumePerRound.saves.min + Math.floor(rnd() * (volumePerRound.saves.max - volumePerRound.saves.min + 1));
  // the audit lines of the template, by what they record: created, saved, signed, submitted, returned, approved
  const line = (action: string) => {
    const found = t.audit.find((a) => a['action'] === action);
    if (!found) throw new Error(`the template plan has no ${action} audit line`);
    return found;
  };
  const steps: { template: StoredDocument; action?: string }[] = [{ template: line('created') }];
  for (let i = 0; i < saves; i += 1) steps.push({ template: line('saved') });
  const records: StoredDocument[] = [];
  const templateSubmission = (t.plan['submissions'] as StoredDocument[])[0] as StoredDocument;
  const versions: StoredDocument[] = [];
  const dayOf = (step: number) => new Date(start.getTime() + step * dayMs * 3);
  for (let s = 1; s <= submissions; s += 1) {
    const last = s === submissions && !editable;
    steps.push({ template: line('signed') }, { template: line('submitted') });
    const submittedAt = dayOf(steps.length);
    versions.push({
      ...retarget(t.version, t.tenant, area.id, submittedAt.getTime() - at(t.version, 'frozenAt').getTime()),
      _id: `${planId}:${s}`,
      planId,
      pilotAreaId: area.id,
      submission: s,
      planVersion: steps.length - 1,
      tasks,
    });
    steps.push({ template: line(last ? 'approved' : 'returned') });
    records.push({
      ...retarget(templateSubmission, t.tenant, area.id, 0),
      submission: s,
      submittedAt,
      taskCount,
      outcome: last ? 'approved' : 'returned',
      reason: last ? null : '请补充任务',
      caseId: randomUUID(),
      decidedAt: dayOf(steps.length),
    } as StoredDocument);
    if (!last) for (let i = 0; i < 2; i += 1) steps.push({ template: line('saved') });
  }
  if (!editable) steps.push({ template: line('approved'), action: 'implementation-started' });
  if (!current) steps.push({ template: line('approved'), action: 'closed' });
  const version = steps.length;
  const updatedAt = dayOf(version);
  const audit = steps.map((step, i) => ({
    ...retarget(step.template, t.tenant, area.id, dayOf(i + 1).getTime() - at(step.template, 'at').getTime()),
    _id: `${planId}:${i + 1}`,
    planId,
    version: i + 1,
    ...(step.action ? { action: step.action } : {}),
  }));
  const status = editable ? 'returned' : current ? 'implementing' : 'closed';
  const approved = editable ? null : (records.at(-1)?.['decidedAt'] as Date);
  const base = retarget(t.plan, t.tenant, area.id, start.getTime() - at(t.plan, 'createdAt').getTime());
  const plan: StoredDocument = {
    ...base,
    _id: planId,
    round,
    pilotAreaId: area.id,
    title: {
      'zh-CN': `${area.name['zh-CN']}服务贸易创新发展试点实施方案（${round}）`,
      en: `${area.name.en} plan ${round}`,
    },
    period: { start: isoDay(start), end: isoDay(new Date(start.getTime() + span)) },
    status,
    submission: submissions,
    submissions: records,
    tasks,
    taskCount,
    coverageExplanations: [],
    signOffs: editable ? [] : base['signOffs'],
    inForce: approved ? { submission: submissions, approvedAt: approved } : null,
    amendment: null,
    returnReason: editable ? '请补充任务' : null,
    createdAt: start,
    updatedAt,
    submittedAt: records.at(-1)?.['submittedAt'] ?? null,
    approvedAt: approved,
    closedAt: current ? null : new Date(start.getTime() + span),
    version,
    lastSequence: version,
    outbox: [],
    relayLeaseUntil: null,
  };
  const row: StoredDocument = {
    ...t.nationalRow,
    _id: `${round}:${area.id}`,
    planId,
    round,
    province: area.province,
    pilotAreaId: area.id,
    status,
    amending: false,
    approvedVersion: approved ? submissions : null,
    submittedAt: plan['submittedAt'],
    approvedAt: approved,
    taskCount,
    measureCoverage: 0,
    lastSequence: version,
    updatedAt,
  };
  return { plans: [plan], versions, audit, rows: [row], planId, version, submissions };
}

/** One case of the province `area` belongs to, as the template was stored, opened at `openedAt`. */
function caseOf(
  template: StoredDocument,
  indexTemplate: StoredDocument,
  t: VolumeTemplates,
  area: PilotArea,
  openedAt: Date,
  n: number,
): { doc: StoredDocument; entry: StoredDocument } {
  const shift = openedAt.getTime() - at(template, 'openedAt').getTime();
  const caseId = randomUUID();
  const subject = { service: 'plans', type: 'plan', id: randomUUID(), version: 1 + (n % 3) };
  const title = { 'zh-CN': `${area.name['zh-CN']}审批事项 ${n}`, en: `${area.name.en} case ${n}` };
  const doc = {
    ...retarget(template, t.tenant, area.id, shift),
    _id: caseId,
    subject,
    title,
    originatorOrganisationId: area.id,
    previousCaseId: null,
    openedByEventId: randomUUID(),
    outbox: [],
    relayLeaseUntil: null,
  };
  const entry = {
    ...retarget(indexTemplate, t.tenant, area.id, shift),
    _id: caseId,
    tenant: area.province,
    subject,
    title,
    previousCaseId: null,
  };
  return { doc, entry };
}

/** Counts of a province's open cases by day opened and of their awaiting steps by due day (its summary). */
function summaryOf(tenant: string, open: StoredDocument[], now: Date): StoredDocument {
  const tally = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts];
  };
  return {
    _id: tenant,
    revision: 1,
    computedAt: now,
    openCases: tally(open.map((c) => `${String(c['caseType'])}|${String(c['openedOn'])}`)).map(
      ([k, count]) => {
        const [caseType, openedOn] = k.split('|');
        return { caseType, openedOn, count };
      },
    ),
    openSteps: tally(
      open.flatMap((c) => (c['activeDueOns'] as string[]).map((d) => `${String(c['caseType'])}|${d}`)),
    ).map(([k, count]) => {
      const [caseType, dueOn] = k.split('|');
      return { caseType, dueOn, count };
    }),
    matters: [],
  };
}

export interface SeedOptions {
  mongoUrl: string;
  /** the stack's database prefix: the seeded databases are the ones its apps use */
  databasePrefix: string;
  scale: number;
  templates: VolumeTemplates;
  log: (line: string) => void;
  /** documents per insertMany */
  batch?: number;
}

/**
 * Writes `scale` rounds of the program into a stack's databases with the services' own models, in
 * bulk, as the services would have left them: versions counted, outboxes empty (published long
 * ago), decided cases in `decided_cases`, the national projections and the case index filled, each
 * province's summary computed; supervision's schedules, periods, reports, key issues and their
 * national rows.
 */
export async function seedVolume(options: SeedOptions): Promise<SeededVolume> {
  const { scale, templates: t, log } = options;
  const started = Date.now();
  const batch = options.batch ?? 500;
  const connection = await connectDatabase({ url: options.mongoUrl, serverSelectionTimeoutMS: 30_000 });
  const counts: Record<string, number> = {};
  try {
    const plans = new ServiceDatabases(connection, 'plans', options.databasePrefix);
    const approvals = new ServiceDatabases(connection, 'approvals', options.databasePrefix);
    const supervision = new ServiceDatabases(connection, 'supervision', options.databasePrefix);
    const registry = plans.registry;
    const insert = async (
      db: ServiceDatabases,
      scope: TenantScope,
      modelName: string,
      docs: StoredDocument[],
    ) => {
      if (docs.length === 0) return;
      const model = await db.databases.model(scope, db.definition(modelName));
      for (let i = 0; i < docs.length; i += batch)
        await model.insertMany(docs.slice(i, i + batch), { ordered: false });
      const key = `${db.service}.${model.collection.collectionName}`;
      counts[key] = (counts[key] ?? 0) + docs.length;
    };
    const now = new Date();
    const span = volumePerRound.roundYears * yearMs;
    const areas = registry.provinces().flatMap((p) => registry.pilotAreasOf(p.id));
    const rnd = random(20_260_101 + scale);
    let targets: Omit<VolumeTargets, 'readCaseId' | 'decidable' | 'supervision'> | undefined;
    let supervisionTargets: SupervisionTargets | undefined;
    const rounds = new Map<number, SeededRound>();
    const timeliness: StoredDocument[] = [];
    const issueIndex: StoredDocument[] = [];
    const openIssueIndex: StoredDocument[] = [];
    const decidable: VolumeTargets['decidable'] = [];
    const rows: StoredDocument[] = [];
    const index: StoredDocument[] = [];
    const closedEntries: StoredDocument[] = [];
    const summaries: StoredDocument[] = [];
    const caseVersion = (c: StoredDocument) => c['version'] as number;

    for (const province of registry.provinces()) {
      const scope = tenantScope(province.id);
      const own = areas.filter((a) => a.province === province.id);
      const history: PlanHistory = { plans: [], versions: [], audit: [], rows: [] };
      const cases: StoredDocument[] = [];
      const decidedCases: StoredDocument[] = [];
      const supervised: AreaPlanOfRound[] = [];
      for (let r = 0; r < scale; r += 1) {
        const roundStart = new Date(now.getTime() - (r + 1) * span);
        for (const area of own) {
          const newest = Math.max(...area.rounds);
          const editable = r === 0 && area.id === t.tenant;
          const roundNumber = newest - r * volumePerRound.roundYears;
          const planned = planOfRound(t, area, roundNumber, roundStart, r === 0, editable, rnd);
          const round = rounds.get(roundNumber) ?? {
            round: roundNumber,
            start: roundStart,
            current: r === 0,
          };
          rounds.set(roundNumber, round);
          supervised.push({ area, round, plan: planned.plans[0] as StoredDocument });
          history.plans.push(...planned.plans);
          history.versions.push(...planned.versions);
          history.audit.push(...planned.audit);
          history.rows.push(...planned.rows);
          if (editable)
            targets = {
              tenant: province.id,
              planId: planned.planId,
              planVersion: planned.version,
              pastSubmission: 1,
            };
        }
        // the province's share of the round's cases, by its number of pilot areas
        const share = Math.round((volumePerRound.cases * own.length) / areas.length);
        const openShare = r === 0 ? Math.round((volumePerRound.openCases * own.length) / areas.length) : 0;
        for (let n = 0; n < share; n += 1) {
          const area = own[n % own.length] as PilotArea;
          const open = n < openShare;
          const openedAt = open
            ? new Date(now.getTime() - rnd() * 3 * dayMs)
            : new Date(roundStart.getTime() + rnd() * (span - 30 * dayMs));
          const closedIndex = n % t.closedCases.length;
          const made = open
            ? caseOf(t.openCase, t.openIndexEntry, t, area, openedAt, n)
            : caseOf(
                t.closedCases[closedIndex] as StoredDocument,
                t.closedIndexEntries.find((e) => e._id === t.closedCases[closedIndex]?._id) as StoredDocument,
                t,
                area,
                openedAt,
                n,
              );
          (open ? cases : decidedCases).push(made.doc);
          (open ? index : closedEntries).push(made.entry);
          if (open) decidable.push({ caseId: made.doc._id, version: caseVersion(made.doc) });
        }
      }
      // a closed plan is where the service moves it once its closing is published (closed_plans)
      await insert(
        plans,
        scope,
        'Plan',
        history.plans.filter((p) => p['status'] !== 'closed'),
      );
      await insert(
        plans,
        scope,
        'ClosedPlan',
        history.plans.filter((p) => p['status'] === 'closed'),
      );
      await insert(plans, scope, 'PlanVersion', history.versions);
      await insert(plans, scope, 'PlanAudit', history.audit);
      // open cases are current state; decided ones (their events long published) are history
      await insert(approvals, scope, 'ApprovalCase', cases);
      await insert(approvals, scope, 'DecidedCase', decidedCases);
      rows.push(...history.rows);
      summaries.push(summaryOf(province.id, cases, now));
      const watched = provinceSupervision(t.supervision, province.id, supervised, span);
      for (const [modelName, docs] of Object.entries(watched.tenant))
        await insert(supervision, scope, modelName, docs);
      timeliness.push(...watched.national.ReportTimeliness);
      issueIndex.push(...watched.national.KeyIssueIndex);
      openIssueIndex.push(...watched.national.OpenKeyIssueIndex);
      const target = watched.current.find((c) => c.pilotAreaId === supervisedArea.pilotAreaId);
      if (target) supervisionTargets = { tenant: province.id, ...target };
      log(
        `  ${scale}× ${province.id}: ${history.plans.length} plans, ${history.audit.length} audit lines, ${cases.length} open and ${decidedCases.length} decided cases, ${watched.tenant.ProgressReport.length + watched.tenant.PastProgressReport.length} reports, ${watched.tenant.KeyIssue.length + watched.tenant.ResolvedKeyIssue.length} key issues`,
      );
    }
    await insert(plans, nationalScope, 'NationalPlan', rows);
    await insert(approvals, nationalScope, 'CaseIndexEntry', index);
    await insert(approvals, nationalScope, 'ClosedCaseIndexEntry', closedEntries);
    await insert(approvals, nationalScope, 'ProvinceSummary', summaries);
    await insert(
      approvals,
      nationalScope,
      'SummaryRevision',
      summaries.map((s) => ({ _id: s._id, revision: 1 })),
    );
    const national = nationalSupervision(t.supervision, [...rounds.values()], span);
    await insert(supervision, nationalScope, 'ReportingSchedule', national.schedules);
    await insert(supervision, nationalScope, 'ReportingPeriod', national.periods);
    await insert(supervision, nationalScope, 'ReportTimeliness', timeliness);
    await insert(supervision, nationalScope, 'KeyIssueIndex', issueIndex);
    await insert(supervision, nationalScope, 'OpenKeyIssueIndex', openIssueIndex);
    if (!targets) throw new Error(`no pilot area ${t.tenant} in the registry`);
    if (!supervisionTargets)
      throw new Error(`no current report of ${supervisedArea.pilotAreaId} seeded (its plan is not in force)`);
    // read one open case, decide the others (spread over the provinces by their order above)
    const [read, ...rest] = decidable;
    if (!read) throw new Error('no open case seeded');
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    log(`  ${scale}× seeded in ${seconds} s (${NATIONAL} projections included)`);
    return {
      scale,
      counts,
      seconds,
      targets: {
        ...targets,
        readCaseId: read.caseId,
        decidable: shuffle(rest, rnd),
        supervision: supervisionTargets,
      },
    };
  } finally {
    await connection.close();
  }
}

function shuffle<T>(list: T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
