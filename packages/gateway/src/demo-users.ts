import type { Role } from '@tradepilot/contracts';
import type { TenantRegistry } from '@tradepilot/tenancy';
import type { Model } from 'mongoose';
import type { PasswordHasher } from './password-hashing';
import type { UserDocument } from './user-model';

export interface DemoUser {
  username: string;
  displayName: string;
  tenant: string | null;
  roles: Role[];
  organisationId: string | null;
}

/**
 * One province officer per province, one officer per pilot area (in a dual-role government one
 * officer holds both roles), a liaison per central department (`<department>-liaison`), a
 * ministry officer and an operator.
 */
export function demoUsers(registry: TenantRegistry): DemoUser[] {
  const users: DemoUser[] = [];
  for (const province of registry.provinces()) {
    if (registry.isDualRole(province.id)) {
      users.push({
        username: `${province.id}-officer`,
        displayName: `${province.name['zh-CN']}商务主管部门`,
        tenant: province.id,
        roles: ['province-officer', 'pilot-area-officer'],
        organisationId: province.id,
      });
      continue;
    }
    users.push({
      username: `${province.id}-province`,
      displayName: `${province.name['zh-CN']}商务厅`,
      tenant: province.id,
      roles: ['province-officer'],
      organisationId: province.id,
    });
    for (const area of registry.pilotAreasOf(province.id)) {
      users.push({
        username: `${area.id}-officer`,
        displayName: `${area.name['zh-CN']}服务贸易试点办公室`,
        tenant: province.id,
        roles: ['pilot-area-officer'],
        organisationId: area.id,
      });
    }
  }
  for (const department of registry.departments()) {
    users.push({
      username: `${department.id}-liaison`,
      displayName: `${department.name['zh-CN']}联络员`,
      tenant: null,
      roles: ['department-liaison'],
      organisationId: department.id,
    });
  }
  users.push(
    {
      username: 'mofcom-officer',
      displayName: '商务部服务贸易司',
      tenant: null,
      roles: ['ministry-officer'],
      organisationId: 'mofcom',
    },
    {
      username: 'operator',
      displayName: '平台运维',
      tenant: null,
      roles: ['operator'],
      organisationId: null,
    },
  );
  return users;
}

/** Creates the demo users that are missing; existing ones (and their passwords) are left alone. */
export async function seedDemoUsers(
  users: Model<UserDocument>,
  registry: TenantRegistry,
  password: string,
  passwords: PasswordHasher,
): Promise<number> {
  const wanted = demoUsers(registry);
  const existing = new Set((await users.find({}, { _id: 1 }).lean()).map((u) => u._id));
  const missing = wanted.filter((u) => !existing.has(u.username));
  if (missing.length === 0) return 0;
  const passwordHash = await passwords.hash(password);
  await users.insertMany(
    missing.map((u) => ({
      _id: u.username,
      displayName: u.displayName,
      passwordHash,
      tenant: u.tenant,
      roles: u.roles,
      organisationId: u.organisationId,
      disabled: false,
      version: 0,
      createdAt: new Date(),
    })),
  );
  return missing.length;
}
