import { trace } from '@opentelemetry/api';
import type { Principal } from '@tradepilot/auth';
import { restErrorBody } from '@tradepilot/service-kit';
import type { RequestHandler } from 'express';
import type { CallRateLimits } from './call-rate-limits';
import { errorItem } from './trpc-wire';

/**
 * The caller's quotas, checked right after the token and before the body is even read, so a
 * province over its quota costs the gateway as little as possible and cannot slow the others.
 * A tRPC request counts once per call it names (`/trpc/a,b,c?batch=1` is three).
 */
export function quotaGate(rateLimits: CallRateLimits, shape: 'trpc' | 'rest'): RequestHandler {
  return async (req, res, next) => {
    const principal = (res.locals['principal'] as Principal | undefined) ?? null;
    const paths = shape === 'trpc' ? decodeURIComponent(req.path.replace(/^\//, '')).split(',') : [req.path];
    const quota = await rateLimits.consume(principal, req.ip ?? 'unknown', Math.max(1, paths.length));
    if (quota.allowed) return next();
    const traceId = trace.getActiveSpan()?.spanContext().traceId ?? null;
    res.setHeader('retry-after', String(quota.retryAfterSeconds));
    if (shape === 'rest') {
      res.status(429).json(restErrorBody(quota.error, traceId));
      return;
    }
    const items = paths.map((path) => errorItem(path, quota.error, traceId));
    const batch = req.query['batch'] === '1' || req.query['batch'] === 'true';
    res.status(429).json(batch ? items : items[0]);
  };
}
