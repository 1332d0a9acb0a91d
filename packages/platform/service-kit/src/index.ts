export * from './config';
export * from './app-error';
export * from './import-rejection';
export * from './error-formatter';
export * from './outage-answer';
export * from './procedure-context';
export * from './trpc';
export * from './policy-decision';
export * from './service-definition';
export * from './service-runtime';
export * from './http-basics';
export {
  mountInternalTrpc,
  mountInternalApi,
  describeService,
  internalRestBase,
  internalDescriptionPath,
  requireInternalToken,
  type InternalApiOptions,
} from './internal-trpc';
export * from './router-description';
export { openApiDocumentOf, errorResponseSchema } from './openapi-document';
export { restEndpoint, restErrorBody, type RestErrorBody } from './rest-endpoint';
export * from './request-deadline';
export * from './idempotent-creation';
export { idempotencyKeyModel, type IdempotencyKeyDocument } from './idempotency-key-model';
export * from './audit-trail';
