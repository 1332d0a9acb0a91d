import type { Principal } from '@tradepilot/auth';
import { policyFor, type ProcedurePolicy, type Role } from '@tradepilot/contracts';
import { AppError, forbidden } from './app-error';

export type PolicyDecision =
  | { allowed: true; policy: ProcedurePolicy; actingRole: Role | null }
  | { allowed: false; error: AppError };

const deny = (error: AppError): PolicyDecision => ({ allowed: false, error });

/**
 * The one reading of the policy table, used by the gateway before it forwards a call and by the
 * service again when the call arrives: listed, signed in, role allowed, scope matches.
 */
export function decidePolicy(path: string, principal: Principal | null): PolicyDecision {
  const policy = policyFor(path);
  if (!policy) {
    return deny(
      forbidden(
        { 'zh-CN': `接口 ${path} 未在授权表中登记`, en: `${path} is not in the policy table` },
        'NOT_IN_POLICY',
      ),
    );
  }
  if (policy.scope === 'public') return { allowed: true, policy, actingRole: null };
  if (!principal) {
    return deny(
      new AppError('UNAUTHORIZED', 'UNAUTHENTICATED', { 'zh-CN': '请先登录', en: 'Sign in to continue' }),
    );
  }
  const actingRole =
    policy.roles.length === 0 ? principal.roles[0] : principal.roles.find((r) => policy.roles.includes(r));
  if (!actingRole) {
    return deny(
      forbidden(
        { 'zh-CN': `您的角色无权调用 ${path}`, en: `Your role may not call ${path}` },
        'ROLE_NOT_ALLOWED',
        {
          allowedRoles: policy.roles,
        },
      ),
    );
  }
  const provincial = policy.scope === 'own-province' || policy.scope === 'own-pilot-area';
  if (provincial && !principal.tenant) {
    return deny(
      forbidden(
        { 'zh-CN': '该操作仅限省级用户', en: 'Only provincial users may do this' },
        'PROVINCE_SCOPE_REQUIRED',
      ),
    );
  }
  const nationalScopes = ['national', 'department', 'platform'];
  if (nationalScopes.includes(policy.scope) && principal.tenant) {
    return deny(
      forbidden(
        { 'zh-CN': '该操作仅限国家层面用户', en: 'Only national users may do this' },
        'NATIONAL_SCOPE_REQUIRED',
      ),
    );
  }
  return { allowed: true, policy, actingRole: actingRole ?? null };
}
