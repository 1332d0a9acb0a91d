import { trace } from '@opentelemetry/api';
import {
  createInternalTokenVerifier,
  internalTokenHeader,
  InternalTokenError,
  type Principal,
} from '@tradepilot/auth';
import type { Logger } from '@tradepilot/telemetry';
import type { AnyRouter } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type RequestHandler } from 'express';
import { bodyErrors } from './http-basics';

/**
 * A service's router at /trpc, reachable only with a gateway-minted internal token for this
 * service: anything else is refused before input is even parsed.
 */
export function mountInternalTrpc(
  app: Express,
  options: { router: AnyRouter; service: string; publicKeyPem: string; bodyLimit: string; logger: Logger },
): void {
  const verifier = createInternalTokenVerifier(options.publicKeyPem, options.service);
  const verifyInternalToken: RequestHandler = async (req, res, next) => {
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
          messages: {
            'zh-CN': '服务只接受经网关转发的调用',
            en: 'This service accepts calls through the gateway only',
          },
        },
      });
    }
  };
  app.use(
    '/trpc',
    verifyInternalToken,
    express.json({ limit: options.bodyLimit }),
    bodyErrors,
    createExpressMiddleware({
      router: options.router,
      createContext: ({ res }) => ({
        principal: res.locals['principal'] as Principal,
        traceId: trace.getActiveSpan()?.spanContext().traceId ?? null,
      }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          options.logger.error({ err: error, path }, 'procedure failed');
      },
    }),
  );
}
