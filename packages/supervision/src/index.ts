export { supervisionService, supervisionConfigSchema } from './supervision-service';
export type { SupervisionRouter } from './supervision-router';
