import { supervisionTopics } from '../supervision-topics';

/** The topic of the progress report aggregate (owned by the supervision service). */
export const reportTopic = supervisionTopics.report;
