export { practicesService, practicesConfigSchema } from './practices-service';
export type { PracticesRouter } from './practices-router';
export type { PracticeView } from './practice-view';
