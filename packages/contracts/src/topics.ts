/** One topic per aggregate type; the message key is the aggregate id. */
export const topics = {
  plan: 'plans.plan',
  approvalCase: 'approvals.case',
} as const;
export type Topic = (typeof topics)[keyof typeof topics];

/** Where a topic's messages go after the retries are spent. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
