import type { Principal } from '@tradepilot/auth';

/** The demo users' principals, for tests that call a service directly with internal tokens. */
export const testPrincipals = {
  ministry: { userId: 'mofcom-officer', tenant: null, roles: ['ministry-officer'], organisationId: 'mofcom' },
  safe: { userId: 'safe-liaison', tenant: null, roles: ['department-liaison'], organisationId: 'safe' },
  guangdong: {
    userId: 'guangdong-province',
    tenant: 'guangdong',
    roles: ['province-officer'],
    organisationId: 'guangdong',
  },
  guangzhou: {
    userId: 'guangzhou-officer',
    tenant: 'guangdong',
    roles: ['pilot-area-officer'],
    organisationId: 'guangzhou',
  },
  shenzhen: {
    userId: 'shenzhen-officer',
    tenant: 'guangdong',
    roles: ['pilot-area-officer'],
    organisationId: 'shenzhen',
  },
  hainan: {
    userId: 'hainan-officer',
    tenant: 'hainan',
    roles: ['province-officer', 'pilot-area-officer'],
    organisationId: 'hainan',
  },
  operator: { userId: 'operator', tenant: null, roles: ['operator'], organisationId: null },
} satisfies Record<string, Principal>;

/** A clock the test moves: a service started with it reads it for every due date and timer. */
export class MovableClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}
