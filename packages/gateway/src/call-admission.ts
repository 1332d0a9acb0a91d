import type { Principal } from '@tradepilot/auth';
import type { ProcedurePolicy, Role } from '@tradepilot/contracts';
import { AppError, decidePolicy } from '@tradepilot/service-kit';
import { inputTenantConflict } from './tenant-guard';

export type Admission =
  | { admitted: true; policy: ProcedurePolicy; actingRole: Role | null }
  | { admitted: false; error: AppError };

/**
 * Whether one call may leave the gateway: the policy table (listed, signed in, role, scope)
 * and no tenant in its input other than the caller's. The service checks the table again.
 */
export function admitCall(path: string, input: unknown, principal: Principal | null): Admission {
  const decision = decidePolicy(path, principal);
  if (!decision.allowed) return { admitted: false, error: decision.error };
  const conflict = inputTenantConflict(input, principal);
  if (conflict) return { admitted: false, error: conflict };
  return { admitted: true, policy: decision.policy, actingRole: decision.actingRole };
}

export const auditUnavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 'AUDIT_UNAVAILABLE', {
    'zh-CN': '跨省访问记录无法写入，本次结果不予返回，请稍后再试',
    en: 'The cross-province access record could not be written, so the answer is withheld; try again shortly',
  });

export const serviceUnavailable = (service: string) =>
  new AppError('SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', {
    'zh-CN': `${service} 服务暂时不可用，请稍后再试`,
    en: `The ${service} service is unavailable; try again shortly`,
  });
