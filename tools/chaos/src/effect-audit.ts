import { createKafka, TopicNames } from '@tradepilot/messaging';
import type { TestStack } from '@tradepilot/test-stack';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import type { CommandLedger } from './command-ledger';

interface PlanRecord {
  _id: string;
  round: number;
  pilotAreaId: string;
  status: string;
  submission: number;
  submissions: { submission: number; outcome: string; caseId: string | null }[];
  inForce: { submission: number } | null;
}

interface CaseRecord {
  _id: string;
  status: string;
  subject: { id: string; version: number };
}

/** What the databases and the broker hold after the run, against what the gateway answered. */
export interface EffectAudit {
  plans: number;
  submissions: number;
  cases: number;
  /** answered 2xx, or committed, without its effect: each line says which and where */
  lost: string[];
  /** one command, two effects */
  doubled: string[];
  /**
   * effects not (yet) where they belong: a submission without its case, a decision its plan has
   * not heard of, a projection that differs from a recomputation from the tenant databases
   */
  pending: string[];
  deadLetters: Record<string, number>;
}

const decidedOutcome: Record<string, string> = {
  approved: 'approved',
  returned: 'returned',
  rejected: 'rejected',
};

/**
 * Recomputes every effect from the tenant databases: one plan per pilot area and round, one case
 * per submission, each decided case's outcome on its plan, and the projections (the plans
 * service's national rows, supervision's plan in force, the approvals index of open cases).
 */
export async function auditEffects(stack: TestStack, ledger: CommandLedger): Promise<EffectAudit> {
  const audit: EffectAudit = {
    plans: 0,
    submissions: 0,
    cases: 0,
    lost: [],
    doubled: [],
    pending: [],
    deadLetters: {},
  };
  const mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
  try {
    const db = (service: string, tenant: string) => mongo.db(`${stack.databasePrefix}${service}_${tenant}`);
    const tenants = [...new Set(ledger.answered.map((c) => c.tenant))];
    const national = await db('plans', 'national')
      .collection<{ _id: string; planId: string; status: string }>('national_plans')
      .find({})
      .toArray();
    const openIndex = new Set(
      (
        await db('approvals', 'national')
          .collection<{ _id: string; status: string }>('case_index')
          .find({ status: 'open' })
          .toArray()
      ).map((e) => e._id),
    );
    const allPlans = new Set<string>();
    const allCases: CaseRecord[] = [];
    for (const tenant of tenants) {
      const plans = await db('plans', tenant).collection<PlanRecord>('plans').find({}).toArray();
      // current cases, then decided ones (a case whose move was interrupted is in both: counted once)
      const cases: CaseRecord[] = [];
      for (const collection of ['cases', 'decided_cases'])
        for (const c of await db('approvals', tenant)
          .collection<CaseRecord>(collection)
          .find({ 'subject.type': 'plan' })
          .toArray())
          if (!cases.some((seen) => seen._id === c._id)) cases.push(c);
      const supervised = await db('supervision', tenant)
        .collection<{ planId: string; inForceSubmission: number }>('supervised_plans')
        .find({})
        .toArray();
      audit.plans += plans.length;
      audit.cases += cases.length;
      for (const plan of plans) allPlans.add(plan._id);
      allCases.push(...cases);
      const perArea = new Map<string, number>();
      for (const plan of plans)
        perArea.set(
          `${plan.round}:${plan.pilotAreaId}`,
          (perArea.get(`${plan.round}:${plan.pilotAreaId}`) ?? 0) + 1,
        );
      for (const [area, count] of perArea)
        if (count > 1) audit.doubled.push(`${tenant}: ${count} plans for ${area}`);

      for (const plan of plans) {
        audit.submissions += plan.submission;
        const ofPlan = cases.filter((c) => c.subject.id === plan._id);
        for (let n = 1; n <= plan.submission; n += 1) {
          const forSubmission = ofPlan.filter((c) => c.subject.version === n);
          if (forSubmission.length === 0) audit.pending.push(`${plan._id} submission ${n}: no case yet`);
          if (forSubmission.length > 1)
            audit.doubled.push(`${plan._id} submission ${n}: ${forSubmission.length} cases`);
          const record = plan.submissions.find((s) => s.submission === n);
          const decided = forSubmission.find((c) => decidedOutcome[c.status]);
          if (decided && record?.outcome !== decidedOutcome[decided.status])
            audit.pending.push(
              `${plan._id} submission ${n}: case ${decided._id} ${decided.status}, plan says ${record?.outcome}`,
            );
          const open = forSubmission.find((c) => c.status === 'open');
          if (open && !openIndex.has(open._id))
            audit.pending.push(`case ${open._id} open but not in the ministry's index`);
        }
        const row = national.find((r) => r._id === `${plan.round}:${plan.pilotAreaId}`);
        if (!row || row.planId !== plan._id || row.status !== plan.status)
          audit.pending.push(
            `national row of ${plan.pilotAreaId}: ${row?.status ?? 'none'}, plan ${plan.status}`,
          );
        const inForce = supervised.find((s) => s.planId === plan._id);
        if ((inForce?.inForceSubmission ?? null) !== (plan.inForce?.submission ?? null))
          audit.pending.push(
            `supervision of ${plan._id}: in force ${inForce?.inForceSubmission ?? 'none'}, plan ${plan.inForce?.submission ?? 'none'}`,
          );
      }
      for (const c of cases)
        if (c.status !== 'open' && openIndex.has(c._id))
          audit.pending.push(`case ${c._id} ${c.status} but open in the index`);
    }
    // every answer the gateway gave must have left its effect (read from what was loaded above)
    for (const command of ledger.answered) {
      if (command.kind === 'plan.create' && !allPlans.has(command.planId))
        audit.lost.push(`plan.create ${command.planId}: no plan`);
      if (
        command.kind === 'plan.submit' &&
        !allCases.some((c) => c.subject.id === command.planId && c.subject.version === command.submission)
      )
        audit.pending.push(`plan.submit ${command.planId}#${command.submission}: no case yet`);
      if (command.kind === 'case.decide') {
        const found = allCases.find((c) => c._id === command.caseId);
        const expected = command.decision === 'approve' ? 'approved' : 'returned';
        if (found?.status !== expected)
          audit.lost.push(
            `case.decide ${command.caseId} ${command.decision}: case ${found?.status ?? 'missing'}`,
          );
      }
    }
  } finally {
    await mongo.close();
  }
  audit.deadLetters = await deadLetterCounts(stack);
  return audit;
}

/** Messages in every dead-letter topic of this stack (an outage must leave none). */
async function deadLetterCounts(stack: TestStack): Promise<Record<string, number>> {
  const kafka = createKafka({
    brokers: stack.kafkaBrokers,
    clientId: 'chaos-audit',
    logger: pino({ level: 'silent' }),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = new TopicNames(stack.topicPrefix);
    const letters: Record<string, number> = {};
    for (const topic of (await admin.listTopics()).filter(
      (t) => t.startsWith(stack.topicPrefix) && t.endsWith('.dlq'),
    )) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const count = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      if (count > 0) letters[names.logical(topic)] = count;
    }
    return letters;
  } finally {
    await admin.disconnect();
  }
}
