import { AppliedEvents, appliedEventModel } from '@tradepilot/messaging';
import { nationalScope, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import { timerModels } from '@tradepilot/timers';
import type { Model } from 'mongoose';
import { applicationModel, type ApplicationDocument } from './application-model';
import { approvalCaseModel, type ApprovalCaseDocument } from './approval-case-model';
import { caseIndexModel, type CaseIndexEntry } from './case-index-model';
import { closedCaseIndexModel } from './closed-case-index-model';
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

  cases(scope: TenantScope): Promise<Model<ApprovalCaseDocument>> {
    return this.databases.model(scope, approvalCaseModel);
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

  async getCase(scope: TenantScope, caseId: string): Promise<ApprovalCaseDocument | null> {
    return (await this.cases(scope)).findById(caseId).lean<ApprovalCaseDocument>();
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
  delegationModel,
  holidayCalendarModel,
  matterTypeModel,
  applicationModel,
  provinceSummaryModel,
  summaryRevisionModel,
  ...timerModels,
];
