import { adoptionStatuses, bilingual } from '@tradepilot/contracts';
import { z } from 'zod';
import { pilotAreaIdSchema } from './practice-inputs';

const id = (what: string, en: string) => z.uuid(bilingual(`${what}编号须为 UUID`, `${en} id is a UUID`));
const date = z.iso.date(bilingual('日期须为 YYYY-MM-DD', 'a date is YYYY-MM-DD'));
const evidenceIds = z.array(id('附件', 'an attachment')).max(20);
const planRef = z.string().trim().min(1).max(128);

export const declareAdoptionInput = z.strictObject({
  practiceId: id('案例', 'a practice'),
  /** the adopting area; a pilot-area officer's own area when left out, none for the province itself */
  pilotAreaId: pilotAreaIdSchema.optional(),
  localUnit: z.string().trim().min(1).max(200),
  date,
  planId: planRef.optional(),
  planTaskId: planRef.optional(),
  evidenceIds: evidenceIds.default([]),
});
export type DeclareAdoptionInput = z.infer<typeof declareAdoptionInput>;

export const advanceAdoptionInput = z.strictObject({
  adoptionId: id('推广', 'an adoption'),
  version: z.int().min(1),
  status: z.enum(adoptionStatuses),
  date,
  /** required when dropping */
  reason: z.string().trim().min(1).max(4000).optional(),
  planId: planRef.optional(),
  planTaskId: planRef.optional(),
  evidenceIds: evidenceIds.optional(),
});
export type AdvanceAdoptionInput = z.infer<typeof advanceAdoptionInput>;

export const adoptionIdInput = z.strictObject({ adoptionId: id('推广', 'an adoption') });
export const practiceIdInput = z.strictObject({ practiceId: id('案例', 'a practice') });
