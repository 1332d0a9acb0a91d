import { startTestStack } from '@tradepilot/test-stack';
import { connectDatabase, nationalScope, tenantScope, trusted } from '@tradepilot/tenancy';
import { benchPassword } from './bench-stack';
import { until } from './bounded-poll';
import { mutate, query, signIn } from './gateway-calls';
import { ServiceDatabases } from './service-databases';
import { captureSupervisionTemplates, type SupervisionTemplates } from './volume-supervision-templates';

/** A stored document as the service wrote it (lean: dates are Dates). */
export type StoredDocument = Record<string, unknown> & { _id: string };

/**
 * Documents the real services wrote for one plan of Hainan (one government is pilot area and
 * province) that went through drafting, two submissions, a return and an approval, then one
 * reporting period and one key issue: the seeder copies them, so every seeded document has the
 * shape the code of the day writes.
 */
export interface VolumeTemplates {
  tenant: string;
  plan: StoredDocument;
  version: StoredDocument;
  /** one line per change of the plan, oldest first */
  audit: StoredDocument[];
  nationalRow: StoredDocument;
  /** the case of the second submission, awaiting the ministry */
  openCase: StoredDocument;
  openIndexEntry: StoredDocument;
  /** the cases as decided (read from `decided_cases`): returned, then approved */
  closedCases: StoredDocument[];
  closedIndexEntries: StoredDocument[];
  supervision: SupervisionTemplates;
}

const tenant = 'hainan';

const templateMeasure = 'M-3-02';
const templateCatalog = [
  'id,task_group,text_zh_cn,text_en,responsible_departments,pilot_areas,regulatory_adjustment,status,illustrative',
  `${templateMeasure},facilitation,推进服务贸易数字化,,,${tenant},false,active,false`,
].join('\n');

/** A task of a seeded plan, in the contract's shape (the template plan's one task names the one measure of its catalog). */
export const seededTask = (i: number, measureId: string) => ({
  id: `t${i}`,
  measureIds: [measureId],
  description: `任务 ${i}：推进服务贸易创新发展`,
  leadUnit: '省商务厅',
  supportingUnits: ['省发展改革委'],
  milestones: [{ title: '启动', due: '2026-06-30' }],
  kpis: [{ name: '服务贸易额', unit: '亿元', baseline: 100, target: 120, due: '2027-12-31' }],
  keyProgram: i === 1,
});

/** Runs the plan through the real apps on a stack of its own, reads what they stored, and removes the stack. */
export async function captureTemplates(log: (line: string) => void): Promise<VolumeTemplates> {
  const stack = await startTestStack({
    apps: ['plans', 'approvals', 'supervision', 'gateway'],
    env: { LOG_LEVEL: 'warn' },
    appEnv: {
      // the period opens at once
      supervision: { SCHEDULER_POLL_MS: '200' },
      gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' },
    },
  });
  const connection = await connectDatabase({ url: stack.mongoUrl });
  try {
    const plans = new ServiceDatabases(connection, 'plans', stack.databasePrefix);
    const approvals = new ServiceDatabases(connection, 'approvals', stack.databasePrefix);
    const supervision = new ServiceDatabases(connection, 'supervision', stack.databasePrefix);
    const task = seededTask(1, templateMeasure);
    const officer = await signIn(stack.gatewayUrl, `${tenant}-officer`, benchPassword);
    const ministry = await signIn(stack.gatewayUrl, 'mofcom-officer', benchPassword);
    // one measure for the template task: a catalog of one leaves no measure to explain
    await mutate(stack.gatewayUrl, 'measure.import', { format: 'csv', content: templateCatalog }, ministry);
    const created = await mutate<{ id: string; version: number }>(
      stack.gatewayUrl,
      'plan.create',
      {
        pilotAreaId: tenant,
        title: { 'zh-CN': '海南实施方案', en: 'Hainan plan' },
        period: { start: '2026-01-01', end: '2028-12-31' },
      },
      officer,
    );
    const planId = created.id;
    let version = (
      await mutate<{ version: number }>(
        stack.gatewayUrl,
        'plan.save',
        {
          planId,
          version: created.version,
          title: { 'zh-CN': '海南实施方案（修订）', en: 'Hainan plan, revised' },
          tasks: [task],
        },
        officer,
      )
    ).version;
    const caseIds: string[] = [];
    for (const decision of ['return', 'approve'] as const) {
      const signed = await mutate<{ version: number }>(
        stack.gatewayUrl,
        'plan.sign',
        { planId, version },
        officer,
      );
      await mutate(stack.gatewayUrl, 'plan.submit', { planId, version: signed.version }, officer);
      const submission = caseIds.length + 1;
      const opened = await until('the case opened', async () =>
        (
          await query<{ id: string; subject: { id: string; version: number } }[]>(
            stack.gatewayUrl,
            'case.listOpen',
            {},
            ministry,
          )
        ).find((c) => c.subject.id === planId && c.subject.version === submission),
      );
      caseIds.push(opened.id);
      if (decision === 'approve') break; // the second case stays open: the open template
      await mutate(
        stack.gatewayUrl,
        'case.decide',
        { caseId: opened.id, decision, reason: '请补充任务', version: 1 },
        ministry,
      );
      version = await until('the plan returned', async () => {
        const plan = await query<{ status: string; version: number }>(
          stack.gatewayUrl,
          'plan.get',
          { planId },
          officer,
        );
        return plan.status === 'returned' && plan.version;
      });
    }
    const scope = tenantScope(tenant);
    const lean = async (
      db: ServiceDatabases,
      modelName: string,
      filter: Record<string, unknown>,
      national = false,
    ): Promise<StoredDocument[]> => {
      const model = await db.databases.model(national ? nationalScope : scope, db.definition(modelName));
      return (await model
        .find(filter as never)
        .sort({ _id: 1 })
        .lean()) as StoredDocument[];
    };
    const [openCaseId, firstCaseId] = [caseIds[1] as string, caseIds[0] as string];
    const openCase = (await lean(approvals, 'ApprovalCase', { _id: openCaseId }))[0];
    const openIndexEntry = await until(
      'the open case in the national index',
      async () => (await lean(approvals, 'CaseIndexEntry', { _id: openCaseId }, true))[0],
    );
    // the approved template: the open case decided, read back before and after
    const caseVersion = openCase?.['version'] as number;
    await mutate(
      stack.gatewayUrl,
      'case.decide',
      { caseId: openCaseId, decision: 'approve', version: caseVersion },
      ministry,
    );
    await until('the plan approved', async () =>
      ['approved', 'implementing'].includes(
        (await query<{ status: string }>(stack.gatewayUrl, 'plan.get', { planId }, officer)).status,
      ),
    );
    // decided cases leave `cases` once their events are published
    const closedCases = await until('both decided cases in decided_cases', async () => {
      const decided = await lean(approvals, 'DecidedCase', {
        _id: trusted({ $in: [firstCaseId, openCaseId] }),
      });
      return decided.length === 2 && decided;
    });
    const closedIndexEntries = await until('both decided cases in the national closed index', async () => {
      const entries = await lean(
        approvals,
        'ClosedCaseIndexEntry',
        { _id: trusted({ $in: [firstCaseId, openCaseId] }), status: trusted({ $ne: 'open' }) },
        true,
      );
      return entries.length === 2 && entries;
    });
    const plan = (await lean(plans, 'Plan', { _id: planId }))[0];
    const nationalRow = await until(
      'the national row of the approved plan',
      async () =>
        (await lean(plans, 'NationalPlan', { planId, approvedVersion: trusted({ $ne: null }) }, true))[0],
    );
    const planVersion = (await lean(plans, 'PlanVersion', { planId, submission: 2 }))[0];
    const audit = (await lean(plans, 'PlanAudit', { planId })).sort(
      (a, b) => (a['version'] as number) - (b['version'] as number),
    );
    if (!plan || !planVersion || !openCase || audit.length === 0)
      throw new Error('the template plan or case was not stored as expected');
    const supervisionTemplates = await captureSupervisionTemplates({
      gatewayUrl: stack.gatewayUrl,
      supervision,
      tenant,
      round: plan['round'] as number,
      officer,
      ministry,
      task,
    });
    log(
      `templates: plan v${String(plan['version'])} with ${audit.length} audit lines, 2 cases, a report with ${supervisionTemplates.reportAudit.length} and a key issue with ${supervisionTemplates.issueAudit.length} audit lines`,
    );
    return {
      tenant,
      plan,
      version: planVersion,
      audit,
      nationalRow,
      openCase,
      openIndexEntry,
      closedCases,
      closedIndexEntries,
      supervision: supervisionTemplates,
    };
  } finally {
    await connection.close();
    await stack.close();
  }
}
