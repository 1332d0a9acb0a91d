import { NATIONAL } from '@tradepilot/contracts';

/**
 * Which database a repository works in. Only these two constructors make one, and every
 * repository method takes one: code cannot reach a tenant's data without naming the tenant.
 */
export type TenantScope =
  | { readonly kind: 'tenant'; readonly tenant: string }
  | { readonly kind: 'national'; readonly tenant: typeof NATIONAL };

export const tenantScope = (tenant: string): TenantScope => {
  if (typeof tenant !== 'string' || tenant.length === 0) throw new Error('a tenant scope needs a tenant id');
  if (tenant === NATIONAL) throw new Error('use nationalScope for the national database');
  return Object.freeze({ kind: 'tenant', tenant });
};

export const nationalScope: TenantScope = Object.freeze({ kind: 'national', tenant: NATIONAL });

export function assertScope(scope: unknown): asserts scope is TenantScope {
  const candidate = scope as Partial<TenantScope> | undefined;
  if (!candidate || (candidate.kind !== 'tenant' && candidate.kind !== 'national') || !candidate.tenant) {
    throw new Error('repositories require a tenant scope (tenantScope(id) or nationalScope)');
  }
}
