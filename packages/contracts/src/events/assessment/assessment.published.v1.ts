import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { supervisionTopics } from '../supervision-topics';

/**
 * The ministry published an assessment run: the scores and ranks are frozen; a later run is a
 * new version. National (tenant `national`).
 */
export const assessmentPublishedV1 = defineEvent({
  type: 'assessment.published.v1',
  topic: supervisionTopics.assessment,
  data: z.strictObject({
    runId: z.string().min(1).max(128),
    frameworkId: z.string().min(1).max(128),
    round: z.int().min(2000),
    /** 1, 2, … per framework: each published run is a new version */
    runVersion: z.int().min(1),
    scores: z
      .array(
        z.strictObject({
          pilotAreaId: z.string().min(1).max(64),
          province: z.string().min(1).max(32),
          score: z.number().min(0).max(100),
          rank: z.int().min(1),
        }),
      )
      .max(64),
    publishedAt: z.iso.datetime(),
  }),
});
