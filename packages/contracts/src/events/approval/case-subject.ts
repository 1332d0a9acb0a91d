import { z } from 'zod';

/** What a case decides on: a record owned by another service, referenced, never copied. */
export const caseSubjectSchema = z.strictObject({
  service: z.string().min(1).max(32),
  type: z.string().min(1).max(32),
  id: z.string().min(1).max(128),
  version: z.int().min(1),
});
export type CaseSubject = z.infer<typeof caseSubjectSchema>;
