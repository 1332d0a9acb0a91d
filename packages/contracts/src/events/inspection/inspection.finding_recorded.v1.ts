import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';
import { findingSeveritySchema } from './inspection-terms';

/** An inspector recorded a finding in a pilot area; a rectification with a due date follows from it. */
export const inspectionFindingRecordedV1 = defineEvent({
  type: 'inspection.finding_recorded.v1',
  topic: supervisionTopics.inspection,
  data: z.strictObject({
    inspectionId: z.string().min(1).max(128),
    pilotAreaId: z.string().min(1).max(64),
    findingId: z.string().min(1).max(128),
    /** the ministry or a province */
    inspectorLevel: z.enum(['ministry', 'province']),
    description: z.string().min(1).max(4000),
    rectificationId: z.string().min(1).max(128),
    rectificationDue: z.iso.date(),
    recordedAt: z.iso.datetime(),
    /** Optional: added after v1. The inspecting organisation (`mofcom` or the province). */
    inspectorOrganisationId: z.string().min(1).max(64).optional(),
    /** Optional: added after v1. */
    round: z.int().min(2000).optional(),
    /** Optional: added after v1. */
    severity: findingSeveritySchema.optional(),
    /** Optional: added after v1. Tasks of the plan in force and measures the finding concerns. */
    taskIds: z.array(z.string().min(1).max(64)).max(50).optional(),
    measureIds: z.array(z.string().min(1).max(32)).max(50).optional(),
  }),
});
