import { AppliedEvents, appliedEventModel } from '@tradepilot/messaging';
import { nationalScope, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import { timerModels } from '@tradepilot/timers';
import type { Model } from 'mongoose';
import { applicationModel, type ApplicationDocument } from './application-model';
import { approvalCaseModel, type ApprovalCaseDocument } from './approval-case-model';
import { caseIndexModel, type CaseIndexEntry } from './case-index-model';
import { closedCaseIndexModel } from './closed-case-index-model';
import { decidedCaseModel } from './decided-case-model';
import { delegationModel, type DelegationDocument } from './delegation-model';
import { holidayCalendarModel, type HolidayCalendarDocument } from './holiday-calendar-model';
import { matterTypeModel, type MatterTypeDocument } from './matter-type-model';
import {
  provinceSummaryModel,
  summaryRevisionModel,
  type ProvinceSummaryDocument,
  type SummaryRevisionDocument,
} from './national-summary-model';

/** The collections of the approvals service, each only for the scope it lives in. */
export class ApprovalsRepository {
  readonly appliedEvents: AppliedEvents;

  constructor(private readonly databases: TenantDatabases) {
    this.appliedEvents = new AppliedEvents(databases);
  }

  /** a province's current cases: open, or closed with events still to publish */
  cases(scope: TenantScope): Promise<Model<ApprovalCaseDocument>> {
    return this.databases.model(scope, approvalCaseModel);
  }

  /** a province's closed cases whose events are published (history: read by id or subject only) */
  decidedCases(scope: TenantScope): Promise<Model<ApprovalCaseDocument>> {
    return this.databases.model(scope, decidedCaseModel);
  }

  /** the national index of open cases */
  index(): Promise<Model<CaseIndexEntry>> {
    return this.databases.model(nationalScope, caseIndexModel);
  }

  /** the national index of closed cases */
  closedIndex(): Promise<Model<CaseIndexEntry>> {
    return this.databases.model(nationalScope, closedCaseIndexModel);
  }

  delegations(scope: TenantScope): Promise<Model<DelegationDocument>> {
    return this.databases.model(scope, delegationModel);
  }

  calendars(): Promise<Model<HolidayCalendarDocument>> {
    return this.databases.model(nationalScope, holidayCalendarModel);
  }

  matters(): Promise<Model<MatterTypeDocument>> {
    return this.databases.model(nationalScope, matterTypeModel);
  }

  applications(scope: TenantScope): Promise<Model<ApplicationDocument>> {
    return this.databases.model(scope, applicationModel);
  }

  summaries(): Promise<Model<ProvinceSummaryDocument>> {
    return this.databases.model(nationalScope, provinceSummaryModel);
  }

  summaryRevisions(): Promise<Model<SummaryRevisionDocument>> {
    return this.databases.model(nationalScope, summaryRevisionModel);
  }

  /**
   * A case wherever it is: current cases first (the usual lookup), then decided ones. A case is
   * copied to `decided_cases` before it leaves `cases`, so this order never misses one that moves.
   */
  async getCase(scope: TenantScope, caseId: string): Promise<ApprovalCaseDocument | null> {
    const current = await (await this.cases(scope)).findById(caseId).lean<ApprovalCaseDocument>();
    return current ?? (await this.decidedCases(scope)).findById(caseId).lean<ApprovalCaseDocument>();
  }

  /** A case's national entry: open cases first (the usual lookup), then closed ones. */
  async indexEntry(caseId: string): Promise<CaseIndexEntry | null> {
    const open = await (await this.index()).findById(caseId).lean<CaseIndexEntry>();
    return open ?? (await this.closedIndex()).findById(caseId).lean<CaseIndexEntry>();
  }

  /** Every province database this service has (the scheduler and relay sweep them). */
  async provinceScopes(listing: { maxAgeMs?: number } = {}): Promise<TenantScope[]> {
    return (await this.databases.existingScopes(listing)).filter((s) => s.kind === 'tenant');
  }
}

export const allModels = [
  approvalCaseModel,
  appliedEventModel,
  caseIndexModel,
  closedCaseIndexModel,
  decidedCaseModel,
  delegationModel,
  holidayCalendarModel,
  matterTypeModel,
  applicationModel,
  provinceSummaryModel,
  summaryRevisionModel,
  ...timerModels,
];
