import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { adoptionTopic } from './adoption-topic';

export const adoptionStatuses = ['planned', 'in-progress', 'adopted', 'dropped'] as const;

/**
 * A province (or one of its pilot areas) changed how far it has replicated a published practice:
 * planned → in progress → adopted, or dropped with a reason. Owned by the practices service; its
 * national adoption projection and the supervision service's "replicated" indicator read it: the
 * adopting province and area, the originating ones (`origin`, whose practice was replicated), the
 * batch, and the round (its year) of the adopting area.
 */
export const adoptionStatusChangedV1 = defineEvent({
  type: 'adoption.status_changed.v1',
  topic: adoptionTopic,
  data: z.strictObject({
    adoptionId: z.string().min(1).max(128),
    practiceId: z.string().min(1).max(128),
    province: z.string().min(1).max(32),
    pilotAreaId: z.string().min(1).max(64).nullable(),
    localUnit: z.string().min(1).max(200),
    status: z.enum(adoptionStatuses),
    previousStatus: z.enum(adoptionStatuses).nullable(),
    date: z.iso.date(),
    reason: z.string().max(4000).nullable(),
    planTaskId: z.string().max(128).nullable(),
    changedAt: z.iso.datetime(),
    /** the province and pilot area that originated the practice */
    origin: z
      .strictObject({ province: z.string().min(1).max(32), pilotAreaId: z.string().min(1).max(64) })
      .optional(),
    batchNumber: z.int().min(1).optional(),
    /** the program round (its year) of the adopting pilot area (the newest round without an area) */
    round: z.int().min(2000).max(2100).optional(),
  }),
});
