import { nationalScope, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import { approvalCaseModel, type ApprovalCaseDocument } from './approval-case-model';
import { caseIndexModel, type CaseIndexEntry } from './case-index-model';

export class CaseRepository {
  constructor(private readonly databases: TenantDatabases) {}

  cases(scope: TenantScope): Promise<Model<ApprovalCaseDocument>> {
    return this.databases.model(scope, approvalCaseModel);
  }

  index(): Promise<Model<CaseIndexEntry>> {
    return this.databases.model(nationalScope, caseIndexModel);
  }

  async get(scope: TenantScope, caseId: string): Promise<ApprovalCaseDocument | null> {
    return (await this.cases(scope)).findById(caseId).lean<ApprovalCaseDocument>();
  }

  async indexEntry(caseId: string): Promise<CaseIndexEntry | null> {
    return (await this.index()).findById(caseId).lean<CaseIndexEntry>();
  }
}
