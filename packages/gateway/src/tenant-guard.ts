import { provinceFieldNames, visitFields } from './object-fields';
import type { Principal } from '@tradepilot/auth';
import { AppError } from '@tradepilot/service-kit';
import type { IncomingHttpHeaders } from 'node:http';

/** Headers a client might use to name a tenant: never honoured, refused when they disagree. */
export const tenantHeaders = ['x-tenant', 'x-tenant-id', 'tenant', 'x-province'] as const;

const mismatch = (where: string, named: string) =>
  new AppError(
    'FORBIDDEN',
    'TENANT_MISMATCH',
    {
      'zh-CN': `${where}中指定的租户“${named}”与登录凭证不符；租户只取自登录凭证`,
      en: `The tenant "${named}" named in the ${where} differs from your sign-in; the tenant comes from the access token only`,
    },
    { where },
  );

/**
 * The tenant comes only from the verified token. A header naming another tenant (or any tenant,
 * for a national user) is refused; naming the caller's own tenant changes nothing.
 */
export function headerTenantConflict(
  headers: IncomingHttpHeaders,
  principal: Principal | null,
): AppError | null {
  for (const name of tenantHeaders) {
    const value = headers[name];
    if (value === undefined) continue;
    const named = Array.isArray(value) ? value.join(',') : value;
    if (!principal || named !== principal.tenant) return mismatch(`header ${name}`, named.slice(0, 64));
  }
  return null;
}

/**
 * A provincial caller's input that names another province (`tenant`, `province`, … at any
 * depth) is refused before it reaches a service. National callers name provinces legitimately
 * (the ministry's cross-province procedures), and their calls are audited instead.
 */
export function inputTenantConflict(input: unknown, principal: Principal | null): AppError | null {
  const tenant = principal?.tenant;
  if (!tenant) return null;
  let conflict: AppError | null = null;
  visitFields(
    [input],
    (key, value) => {
      if (!provinceFieldNames.has(key) || value === tenant) return false;
      conflict = mismatch(
        'input',
        typeof value === 'string' ? value.slice(0, 64) : JSON.stringify(value).slice(0, 64),
      );
      return true;
    },
    10_000,
  );
  return conflict;
}
