import { localizedTextSchema, roleSchema, stepActions } from '@tradepilot/contracts';
import { z } from 'zod';
import caseTypesSeed from './seed/case-types.json';

const organisationSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), id: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('case-province') }),
  z.strictObject({ kind: z.literal('case-departments') }),
  z.strictObject({ kind: z.literal('matter-delegator') }),
]);
export type OrganisationSource = z.infer<typeof organisationSource>;

const approverTemplate = z.strictObject({
  /** `matter-delegator`: the role of whoever delegated the matter */
  role: z.union([roleSchema, z.literal('matter-delegator')]),
  organisation: organisationSource,
});
export type ApproverTemplate = z.infer<typeof approverTemplate>;

const stepTemplate = z.strictObject({
  key: z.string().min(1).max(32),
  name: localizedTextSchema,
  approver: approverTemplate,
  /**
   * Who takes the step instead where one government is both the pilot area and the province
   * (Beijing, Tianjin, Shanghai, Chongqing, Hainan): no organisation reviews its own submission.
   */
  inDualRoleGovernment: approverTemplate.optional(),
  workingDays: z.int().min(1).max(365),
  actions: z.array(z.enum(stepActions)).min(1),
});

const levelTemplate = z.strictObject({
  key: z.string().min(1).max(32),
  name: localizedTextSchema,
  steps: z.array(stepTemplate).min(1).max(10),
});
export type LevelTemplate = z.infer<typeof levelTemplate>;

const caseTypeSchema = z.strictObject({
  id: z.string().min(1).max(32),
  name: localizedTextSchema,
  subject: z.strictObject({ service: z.string().min(1), type: z.string().min(1) }),
  reminderWorkingDaysBefore: z.int().min(0).max(30),
  /** `from-matter`: the levels come from the configuration of the delegated matter */
  levels: z.union([z.array(levelTemplate).min(1).max(10), z.literal('from-matter')]),
  /** who sees an overdue step of the last level (the levels before escalate to the next level) */
  finalEscalation: z.array(approverTemplate).min(1),
});
export type CaseType = z.infer<typeof caseTypeSchema>;

/** The registered case types: data (seed/case-types.json), validated when the service loads. */
export const caseTypes: readonly CaseType[] = z
  .strictObject({ _comment: z.string().optional(), caseTypes: z.array(caseTypeSchema).min(1) })
  .parse(caseTypesSeed).caseTypes;

export const caseTypeIds = caseTypes.map((c) => c.id) as [string, ...string[]];

export function caseType(id: string): CaseType {
  const found = caseTypes.find((c) => c.id === id);
  if (!found) throw new Error(`case type ${id} is not registered`);
  return found;
}
