import { trace } from '@opentelemetry/api';
import type { ErrorRequestHandler, RequestHandler } from 'express';

export const traceIdHeader = 'x-trace-id';

/** Every response names its trace, so a person can quote it and an operator can find it. */
export const traceIdResponseHeader: RequestHandler = (_req, res, next) => {
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  if (traceId) res.setHeader(traceIdHeader, traceId);
  next();
};

/** Body-parser failures (too large, not JSON) as the same error shape the API uses. */
export const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const status = (err as { status?: number; type?: string }).status;
  if (status === 413) {
    res.status(413).json({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        appCode: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than allowed',
        messages: { 'zh-CN': '请求内容超过大小上限', en: 'The request body is larger than allowed' },
      },
    });
    return;
  }
  if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({
      error: {
        code: 'PARSE_ERROR',
        appCode: 'PARSE_ERROR',
        message: 'The request body is not valid JSON',
        messages: { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
      },
    });
    return;
  }
  next(err);
};
