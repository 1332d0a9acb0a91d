import type { Role } from '@tradepilot/contracts';

/** Where each role lands after signing in (its workspace's main page). */
export const roleHome: Record<Role, string> = {
  'pilot-area-officer': '/plans',
  'province-officer': '/inbox',
  'ministry-officer': '/dashboard',
  'department-liaison': '/consultations',
  operator: '/operator/users',
};

/** A dual-role officer holds both provincial roles: the province's workspace comes first. */
const precedence: Role[] = ['ministry-officer', 'province-officer', 'pilot-area-officer', 'department-liaison', 'operator'];

export function homeOf(roles: readonly string[]): string {
  const role = precedence.find((r) => roles.includes(r));
  return role ? roleHome[role] : '/sign-in';
}
