import { trace } from '@opentelemetry/api';
import {
  createInternalTokenVerifier,
  internalTokenHeader,
  InternalTokenError,
  type Principal,
} from '@tradepilot/auth';
import type { Logger } from '@tradepilot/telemetry';
import type { AnyRouter, TRPCError } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type RequestHandler, type Response } from 'express';
import { bodyErrors } from './http-basics';
import { internalBatchCalls } from './internal-batch-calls';
import { openApiDocumentOf } from './openapi-document';
import { restEndpoint } from './rest-endpoint';
import { describeProcedures, type ServiceDescription } from './router-description';

export interface InternalApiOptions {
  router: AnyRouter;
  service: string;
  publicKeyPem: string;
  bodyLimit: string;
  logger: Logger;
  /** shown in the service's OpenAPI document */
  version?: string;
  /** how long a call may take before its work is abandoned (shorter than the gateway's forward timeout) */
  requestDeadlineMs?: number;
}

const deadlineOf = (options: Pick<InternalApiOptions, 'requestDeadlineMs'>) =>
  options.requestDeadlineMs === undefined ? {} : { deadlineAt: Date.now() + options.requestDeadlineMs };

/** Where a service serves its procedures over REST and describes itself (internal network). */
export const internalRestBase = '/rest';
export const internalDescriptionPath = '/internal/description';

const activeTraceId = () => trace.getActiveSpan()?.spanContext().traceId ?? null;

/** Refuses any request without a valid internal token minted for `options.service`. */
export function requireInternalToken(
  options: Pick<InternalApiOptions, 'service' | 'publicKeyPem' | 'logger'>,
): RequestHandler {
  const verifier = createInternalTokenVerifier(options.publicKeyPem, options.service);
  return async (req, res, next) => {
    try {
      res.locals['principal'] = await verifier.verify(req.header(internalTokenHeader));
      next();
    } catch (err) {
      const reason = err instanceof InternalTokenError ? err.message : 'internal token rejected';
      options.logger.warn({ reason, path: req.path }, 'call without a valid internal token refused');
      res.status(401).json({
        error: {
          code: 'UNAUTHORIZED',
          appCode: 'INTERNAL_TOKEN_REJECTED',
          message: 'This service accepts calls through the gateway only',
          messages: {
            'zh-CN': '服务只接受经网关转发的调用',
            en: 'This service accepts calls through the gateway only',
          },
        },
      });
    }
  };
}

/** The procedures of a router, their input schemas, REST routes and OpenAPI document. */
export function describeService(router: AnyRouter, service: string, version = '0.0.0'): ServiceDescription {
  return {
    service,
    procedures: describeProcedures(router),
    openapi: openApiDocumentOf(router, { title: service, version, baseUrl: internalRestBase }),
  };
}

const contextOf = (res: Response, options: Pick<InternalApiOptions, 'requestDeadlineMs'>) => ({
  principal: res.locals['principal'] as Principal,
  traceId: activeTraceId(),
  ...deadlineOf(options),
});

const logFailure = (options: Pick<InternalApiOptions, 'logger'>, error: TRPCError, path: string) => {
  if (error.code === 'INTERNAL_SERVER_ERROR') options.logger.error({ err: error, path }, 'procedure failed');
};

/**
 * A service's router at /trpc, reachable only with a gateway-minted internal token for this
 * service: anything else is refused before input is even parsed.
 */
export function mountInternalTrpc(app: Express, options: InternalApiOptions): void {
  app.use(
    '/trpc',
    requireInternalToken(options),
    express.json({ limit: options.bodyLimit }),
    bodyErrors,
    internalBatchCalls(options.router, {
      createContext: (res) => contextOf(res, options),
      onError: (error, path) => logFailure(options, error, path),
    }),
    createExpressMiddleware({
      router: options.router,
      createContext: ({ res }) => contextOf(res, options),
      onError: ({ error, path }) => logFailure(options, error, path ?? '(unknown)'),
    }),
  );
}

/**
 * Everything a service offers the gateway, all behind its internal token: /trpc, the same
 * procedures as REST under /rest, and /internal/description (procedures, input schemas, REST
 * routes, OpenAPI document), from which the gateway builds its public document and the test
 * suites generate their cases. Nothing here is written per procedure.
 */
export function mountInternalApi(app: Express, options: InternalApiOptions): void {
  mountInternalTrpc(app, options);
  let description: ServiceDescription | undefined;
  app.get(internalDescriptionPath, requireInternalToken(options), (_req, res) => {
    description ??= describeService(options.router, options.service, options.version);
    res.json(description);
  });
  app.use(
    internalRestBase,
    requireInternalToken(options),
    express.json({ limit: options.bodyLimit }),
    bodyErrors,
    restEndpoint(options.router, {
      createContext: (_req, res) => contextOf(res, options),
      onError: (error, path) => logFailure(options, error, path),
    }),
  );
}
