import { trace } from '@opentelemetry/api';
import { runInContext } from '@tradepilot/context';
import { NATIONAL, policyFor, type EventActor } from '@tradepilot/contracts';
import { tenantScope } from '@tradepilot/tenancy';
import { initTRPC, TRPCError } from '@trpc/server';
import { forbidden } from './app-error';
import { outageAnswer } from './outage-answer';
import { decidePolicy } from './policy-decision';
import { appErrorData } from './error-formatter';
import type { AuthorizedContext, ProcedureContext } from './procedure-context';
import { assertBeforeDeadline } from './request-deadline';

/** Per-procedure metadata; `openapi` exposes a procedure as REST (the gateway's OpenAPI document). */
export interface ProcedureMeta {
  openapi?: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    path: `/${string}`;
    summary?: string;
    description?: string;
    tags?: string[];
    protect?: boolean;
  };
}

const activeTraceId = (): string | null => trace.getActiveSpan()?.spanContext().traceId ?? null;

/** The one tRPC instance of the platform: every service builds its router with it. */
export const t = initTRPC
  .context<ProcedureContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const data = appErrorData(error, ctx?.traceId ?? activeTraceId());
      return {
        ...shape,
        message: data.messages.en,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
      };
    },
  });

/**
 * The policy table (contracts) checked again inside the service, from the internal token. A
 * procedure the table does not list is denied. The call then runs in its tenant's context, so
 * logs and spans carry the tenant and the acting role.
 */
const policyCheck = t.middleware(async ({ ctx, path, next }) => {
  assertBeforeDeadline(ctx.deadlineAt);
  const decision = decidePolicy(path, ctx.principal);
  if (!decision.allowed) throw decision.error;
  const { principal } = ctx;
  if (decision.policy.scope === 'public' || !principal || !decision.actingRole) {
    throw forbidden(
      { 'zh-CN': `${path} 为公开接口`, en: `${path} is public: build it with publicProcedure` },
      'POLICY_MISMATCH',
    );
  }
  const actingRole = decision.actingRole;
  const tenant = principal.tenant ?? NATIONAL;
  trace.getActiveSpan()?.setAttributes({ 'tradepilot.tenant': tenant, 'tradepilot.actor.role': actingRole });
  const actor: EventActor = {
    userId: principal.userId,
    role: actingRole,
    organisationId: principal.organisationId,
  };
  const authorized: AuthorizedContext = {
    ...ctx,
    principal,
    actingRole,
    actor,
    tenantScope: principal.tenant ? tenantScope(principal.tenant) : undefined,
  };
  return runInContext(
    {
      tenant,
      actor: {
        userId: principal.userId,
        roles: principal.roles,
        actingRole,
        organisationId: principal.organisationId,
      },
    },
    () => next({ ctx: authorized }),
  );
});

/** Procedures the policy table marks public (signing in): no principal needed. */
const publicPolicyCheck = t.middleware(async ({ path, next }) => {
  if (policyFor(path)?.scope !== 'public') {
    throw forbidden(
      { 'zh-CN': `接口 ${path} 未登记为公开接口`, en: `${path} is not a public procedure` },
      'NOT_IN_POLICY',
    );
  }
  return next();
});

/** A procedure that failed on an outage answers 503 (retry), not 500. */
export const outageAsUnavailable = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const answer = outageAnswer(result.error);
  if (answer !== result.error) throw answer;
  return result;
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;

/** Every procedure of every service: policy-checked, tenant context set. */
export const procedure = t.procedure.use(outageAsUnavailable).use(policyCheck);
export const publicProcedure = t.procedure.use(outageAsUnavailable).use(publicPolicyCheck);

/** For provincial procedures: the caller's province as a repository scope, or a clear error. */
export function requireProvince(ctx: AuthorizedContext) {
  if (!ctx.tenantScope) {
    throw forbidden(
      { 'zh-CN': '该操作仅限省级用户', en: 'Only provincial users may do this' },
      'PROVINCE_SCOPE_REQUIRED',
    );
  }
  return ctx.tenantScope;
}

export { TRPCError };
