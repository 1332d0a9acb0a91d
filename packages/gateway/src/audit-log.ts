import type { Principal } from '@tradepilot/auth';
import { crossProvinceScopes, type ProcedurePolicy, type Role } from '@tradepilot/contracts';
import { nationalScope, trusted, type TenantDatabases, type TenantRegistry } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { auditEntryModel, type AuditEntryDocument, type AuditKind } from './audit-entry-model';
import { provincesReached } from './provinces-reached';

const inputLimit = 2000;
const secretKeys = /password|token|secret/i;

/** The input as it goes on the record: secrets (a new user's password, tokens) are never kept. */
export function recordedInput(input: unknown): string | null {
  if (input === undefined) return null;
  const json = JSON.stringify(input, (key, value: unknown) =>
    key && secretKeys.test(key) ? '[redacted]' : value,
  );
  return json.length > inputLimit ? `${json.slice(0, inputLimit)}…` : json;
}

export interface AuditedCall {
  principal: Principal;
  actingRole: Role;
  procedure: string;
  type: 'query' | 'mutation';
  policy: ProcedurePolicy;
  input: unknown;
  /** the answer's data, or undefined when the call failed */
  output: unknown;
  errorCode: string | null;
  traceId: string | null;
  via: 'trpc' | 'rest';
}

export interface AuditQuery {
  userId?: string | undefined;
  province?: string | undefined;
  procedure?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

/**
 * Which calls go on the record, and as what: national-scope calls, and any call a national user
 * (ministry, department) makes to a service procedure open to every signed-in user — the engine
 * behind it answers them from provinces' data, so it is a cross-province call too.
 */
export function auditKindOf(
  policy: ProcedurePolicy,
  type: 'query' | 'mutation',
  principal?: { tenant: string | null },
): AuditKind | null {
  const nationalCallerOnServiceData =
    policy.scope === 'authenticated' && policy.service !== 'gateway' && principal?.tenant === null;
  if (crossProvinceScopes.includes(policy.scope) || nationalCallerOnServiceData)
    return type === 'query' ? 'cross-province-read' : 'cross-province-change';
  if (policy.scope === 'platform' && type === 'mutation') return 'platform-change';
  return null;
}

/**
 * The record of cross-province calls (and of operators' changes), written by the gateway
 * before the answer leaves it: if the record cannot be written, the caller gets an error
 * instead of the data.
 */
export class AuditLog {
  constructor(
    private readonly databases: TenantDatabases,
    private readonly registry: TenantRegistry,
    private readonly now: () => Date,
  ) {}

  private model() {
    return this.databases.model(nationalScope, auditEntryModel);
  }

  /** Records the call if its policy puts it on the record; returns whether it did. */
  async record(call: AuditedCall): Promise<boolean> {
    const kind = auditKindOf(call.policy, call.type, call.principal);
    if (!kind) return false;
    await (
      await this.model()
    ).create({
      _id: randomUUID(),
      at: this.now(),
      kind,
      userId: call.principal.userId,
      role: call.actingRole,
      organisationId: call.principal.organisationId,
      procedure: call.procedure,
      input: recordedInput(call.input),
      provinces: provincesReached([call.input, call.output], (id) => this.registry.isTenant(id)),
      outcome: call.errorCode ? 'error' : 'ok',
      errorCode: call.errorCode,
      traceId: call.traceId,
      via: call.via,
    });
    return true;
  }

  async query(query: AuditQuery): Promise<AuditEntryDocument[]> {
    const filter: Record<string, unknown> = {};
    if (query.userId) filter['userId'] = query.userId;
    if (query.province) filter['provinces'] = query.province;
    if (query.procedure) filter['procedure'] = query.procedure;
    if (query.from || query.to) {
      filter['at'] = trusted({
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lt: query.to } : {}),
      });
    }
    return (await this.model())
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(query.limit)
      .lean<AuditEntryDocument[]>();
  }
}
