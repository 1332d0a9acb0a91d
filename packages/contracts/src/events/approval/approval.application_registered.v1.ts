import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { localizedTextSchema } from '../../localized-text';
import { matterDecisionLevelsSchema } from './admin-matter-steps';
import { approvalTopics } from './approval-topics';
import { approverSchema } from './case-step';

/** A province registered an application under an administrative matter delegated to it. */
export const approvalApplicationRegisteredV1 = defineEvent({
  type: 'approval.application_registered.v1',
  topic: approvalTopics.application,
  data: z.strictObject({
    applicationId: z.string().min(1),
    matterId: z.string().min(1).max(64),
    matterName: localizedTextSchema,
    applicantName: z.string().min(1).max(200),
    receivedOn: z.iso.date(),
    statutoryLimitDays: z.int().min(1).max(365),
    /** receivedOn + the statutory limit in working days */
    dueOn: z.iso.date(),
    documentCount: z.int().min(0).max(100),
    decisionLevels: matterDecisionLevelsSchema,
    /** who delegated the matter: an overdue decision escalates to them */
    delegatedBy: approverSchema,
  }),
});
