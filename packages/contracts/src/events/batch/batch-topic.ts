/** The topic of the batch aggregate (owned by the practices service). */
export const batchTopic = 'practices.batch';
