import { z } from 'zod';

/** The people of the program (DESIGN.md, "who"). */
export const roles = [
  'pilot-area-officer',
  'province-officer',
  'ministry-officer',
  'department-liaison',
  'operator',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Roles whose users belong to one province (tenant); the others are national. */
export const provincialRoles: readonly Role[] = ['pilot-area-officer', 'province-officer'];
export const isProvincialRole = (role: Role): boolean => provincialRoles.includes(role);
