import { z } from 'zod';

/** The levels a key issue travels through: area → province → ministry → central departments. */
export const issueLevels = ['pilot-area', 'province', 'ministry', 'department'] as const;
export const issueLevelSchema = z.enum(issueLevels);
export type IssueLevel = z.infer<typeof issueLevelSchema>;

/** Who holds a key issue: a level and its organisations (several departments may share one). */
export const issueHolderSchema = z.strictObject({
  level: issueLevelSchema,
  organisationIds: z.array(z.string().min(1).max(64)).min(1).max(20),
});
export type IssueHolder = z.infer<typeof issueHolderSchema>;

/** What a key issue needs (问题清单 categories). */
export const issueCategories = [
  'regulation-adjustment',
  'cross-department-coordination',
  'funding',
  'other',
] as const;
export const issueCategorySchema = z.enum(issueCategories);
export type IssueCategory = z.infer<typeof issueCategorySchema>;
