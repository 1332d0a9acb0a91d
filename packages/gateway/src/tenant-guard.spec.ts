import type { Principal } from '@tradepilot/auth';
import { headerTenantConflict, inputTenantConflict } from './tenant-guard';

const officer: Principal = {
  userId: 'u',
  tenant: 'guangdong',
  roles: ['province-officer'],
  organisationId: 'guangdong',
};
const ministry: Principal = {
  userId: 'm',
  tenant: null,
  roles: ['ministry-officer'],
  organisationId: 'mofcom',
};

describe('tenant guard', () => {
  it('a header may only repeat the token tenant', () => {
    expect(headerTenantConflict({ 'x-tenant': 'guangdong' }, officer)).toBeNull();
    expect(headerTenantConflict({ 'x-tenant': 'zhejiang' }, officer)?.appCode).toBe('TENANT_MISMATCH');
    expect(headerTenantConflict({ 'x-province': 'guangdong' }, ministry)?.appCode).toBe('TENANT_MISMATCH');
    expect(headerTenantConflict({ 'x-tenant': 'guangdong' }, null)?.appCode).toBe('TENANT_MISMATCH');
    expect(headerTenantConflict({}, officer)).toBeNull();
  });

  it("a provincial caller's input may not name another province at any depth", () => {
    expect(inputTenantConflict({ tenant: 'guangdong' }, officer)).toBeNull();
    expect(inputTenantConflict({ a: [{ b: { province: 'zhejiang' } }] }, officer)?.appCode).toBe(
      'TENANT_MISMATCH',
    );
    expect(inputTenantConflict({ tenantId: { $ne: null } }, officer)?.appCode).toBe('TENANT_MISMATCH');
    expect(inputTenantConflict({ title: 'zhejiang' }, officer)).toBeNull();
    // the ministry names provinces in its cross-province procedures; those calls are audited
    expect(inputTenantConflict({ province: 'zhejiang' }, ministry)).toBeNull();
  });
});
