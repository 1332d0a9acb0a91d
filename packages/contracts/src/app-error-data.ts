/** The same message for a person, in both languages of the platform. */
export interface ErrorMessages {
  'zh-CN': string;
  en: string;
}

/** One problem with one input field: `path` is dotted (`tasks.0.kpis.1.target`). */
export interface FieldIssue {
  path: string;
  code: string;
  messages: ErrorMessages;
}

/** What every error response carries in `error.data` besides tRPC's own code. */
export interface AppErrorData {
  /** stable, machine-readable: `PLAN_NOT_FOUND`, `VALIDATION_FAILED`, `VERSION_CONFLICT`… */
  appCode: string;
  messages: ErrorMessages;
  issues?: FieldIssue[];
  details?: Record<string, unknown>;
  traceId?: string;
}
