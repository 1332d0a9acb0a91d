import cors from 'cors';
import type { Express, RequestHandler } from 'express';

/**
 * CORS for the configured browser origins only (none by default: same-origin). Security
 * headers come from helmet on every response of every service (service-kit).
 */
export function httpHardening(app: Express, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-trpc-source'],
      exposedHeaders: ['x-trace-id', 'retry-after'],
      maxAge: 600,
    }),
  );
}

/** Anything the gateway does not serve: 404 in the error shape of the API. */
export const notFoundFallback: RequestHandler = (req, res) => {
  res.status(404).json({
    error: {
      code: 'NOT_FOUND',
      appCode: 'ROUTE_NOT_FOUND',
      message: `There is no endpoint ${req.path}`,
      messages: { 'zh-CN': `没有接口 ${req.path}`, en: `There is no endpoint ${req.path}` },
    },
  });
};
