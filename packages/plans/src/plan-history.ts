import type { TenantScope } from '@tradepilot/tenancy';
import { toAuditView, type AuditEntryView } from './audit-entry';
import type { MeasureCatalog } from './measure-catalog';
import { planCoverage, type PlanCoverage } from './plan-coverage';
import { contentOf, diffPlans, type PlanDiff } from './plan-diff';
import { versionNotFound } from './plan-errors';
import type { PlanContent, PlanDocument } from './plan-model';
import type { PlanRepository } from './plan-repository';
import type { PlanVersionDocument } from './plan-version-model';

export interface PlanVersionView extends PlanContent {
  planId: string;
  submission: number;
  planVersion: number;
  frozenAt: string;
  signOffs: { parties: string[]; userId: string; role: string; signedAt: string }[];
  measureCoverage: PlanVersionDocument['measureCoverage'];
  outcome: string;
  reason: string | null;
}

const toVersionView = (plan: PlanDocument, v: PlanVersionDocument): PlanVersionView => {
  const record = plan.submissions.find((s) => s.submission === v.submission);
  return {
    planId: v.planId,
    submission: v.submission,
    planVersion: v.planVersion,
    frozenAt: v.frozenAt.toISOString(),
    ...contentOf(v),
    signOffs: v.signOffs.map((s) => ({
      parties: s.parties,
      userId: s.userId,
      role: s.role,
      signedAt: s.signedAt.toISOString(),
    })),
    measureCoverage: v.measureCoverage,
    outcome: record?.outcome ?? 'pending',
    reason: record?.reason ?? null,
  };
};

export async function planVersion(
  plans: PlanRepository,
  scope: TenantScope,
  plan: PlanDocument,
  submission: number,
): Promise<PlanVersionView> {
  const frozen = await plans.version(scope, plan._id, submission, plan.submission);
  if (!frozen) throw versionNotFound(plan._id, submission);
  return toVersionView(plan, frozen);
}

/** The difference between two submissions, or a submission and the working draft. */
export async function planDiff(
  plans: PlanRepository,
  scope: TenantScope,
  plan: PlanDocument,
  from: number | 'draft',
  to: number | 'draft',
): Promise<PlanDiff & { from: number | 'draft'; to: number | 'draft' }> {
  const content = async (ref: number | 'draft'): Promise<PlanContent> => {
    if (ref === 'draft') return contentOf(plan);
    const frozen = await plans.version(scope, plan._id, ref, plan.submission);
    if (!frozen) throw versionNotFound(plan._id, ref);
    return contentOf(frozen);
  };
  return { from, to, ...diffPlans(await content(from), await content(to)) };
}

/** The audit log, newest first. */
export async function planAudit(
  plans: PlanRepository,
  scope: TenantScope,
  plan: PlanDocument,
  offset: number,
  limit: number,
): Promise<{ total: number; entries: AuditEntryView[] }> {
  const { total, entries } = await plans.audit(scope, plan, offset, limit);
  return {
    total,
    entries: entries.map(({ _id: _line, planId: _plan, ...entry }) => toAuditView(entry)),
  };
}

export async function coverageOf(catalog: MeasureCatalog, plan: PlanDocument): Promise<PlanCoverage> {
  return planCoverage(await catalog.applicableTo(plan.pilotAreaId), plan.tasks, plan.coverageExplanations);
}
