import { AppError } from '@tradepilot/service-kit';
import type { Request } from 'express';
import type { CatalogProcedure } from './procedure-catalog';

/**
 * REST carries a creating call's idempotency key in the `Idempotency-Key` header; the owning
 * service takes it as the input field `idempotencyKey` (what tRPC callers send), so one place
 * validates and enforces it. A procedure that creates nothing does not take a key.
 */
export function withIdempotencyKey(
  req: Request,
  procedure: CatalogProcedure,
  input: unknown,
): { input: unknown } | { error: AppError } {
  const key = req.header('idempotency-key');
  if (key === undefined) return { input };
  const accepts = Boolean(
    (procedure.input as { properties?: Record<string, unknown> } | null)?.properties?.['idempotencyKey'],
  );
  if (!accepts)
    return {
      error: new AppError('BAD_REQUEST', 'IDEMPOTENCY_KEY_NOT_ACCEPTED', {
        'zh-CN': `${procedure.path} 不创建新对象，不接受 Idempotency-Key 请求头`,
        en: `${procedure.path} creates nothing and does not take an Idempotency-Key header`,
      }),
    };
  const body = (input ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body)) return { input };
  if (body['idempotencyKey'] !== undefined && body['idempotencyKey'] !== key)
    return {
      error: new AppError('BAD_REQUEST', 'IDEMPOTENCY_KEY_MISMATCH', {
        'zh-CN': 'Idempotency-Key 请求头与请求体中的 idempotencyKey 不一致',
        en: 'The Idempotency-Key header and the idempotencyKey in the body differ',
      }),
    };
  return { input: { ...body, idempotencyKey: key } };
}
