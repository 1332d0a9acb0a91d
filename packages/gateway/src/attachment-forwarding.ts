import { trace } from '@opentelemetry/api';
import type { Principal } from '@tradepilot/auth';
import { NATIONAL } from '@tradepilot/contracts';
import { AppError, restErrorBody } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { Router, type Response } from 'express';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AuditLog } from './audit-log';
import { auditUnavailable, serviceUnavailable } from './call-admission';
import type { RemoteService, ServiceClient } from './service-client';

export interface AttachmentForwardingOptions {
  client: ServiceClient;
  audit: AuditLog;
  logger: Logger;
  /** the largest file the platform accepts; a larger declared body is refused before forwarding */
  maxBytes: number;
  timeoutMs: number;
}

/** The service's headers a download passes on to the caller. */
const passedHeaders = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'x-attachment-sha256',
];
/** multipart framing around one file */
const multipartAllowance = 64 * 1024;

const traceId = () => trace.getActiveSpan()?.spanContext().traceId ?? null;
const fail = (res: Response, error: AppError) =>
  void res.status(getHTTPStatusCodeFromError(error)).json(restErrorBody(error, traceId()));

const signInRequired = () =>
  new AppError('UNAUTHORIZED', 'UNAUTHENTICATED', { 'zh-CN': '请先登录', en: 'Sign in to continue' });
const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', 'ATTACHMENT_TOO_LARGE', {
    'zh-CN': `附件超过 ${maxBytes / (1024 * 1024)} MB 的大小上限`,
    en: `The attachment is larger than the limit of ${maxBytes / (1024 * 1024)} MB`,
  });
const unknownService = (service: string) =>
  new AppError('NOT_FOUND', 'ROUTE_NOT_FOUND', {
    'zh-CN': `没有保存附件的服务 ${service}`,
    en: `There is no service ${service} that keeps attachments`,
  });

/**
 * Files through the gateway: `POST /attachments/<service>` streams a multipart upload to the
 * owning service and `GET /attachments/<service>/<tenant>/<id>` streams the file back, each with an
 * internal token for the signed-in caller; the JSON body limit does not apply and nothing is
 * buffered here. The service decides where a file goes and who may read it; a read of another
 * province's file is put on the record before the file leaves.
 */
export function attachmentForwarding(options: AttachmentForwardingOptions): Router {
  const { client, logger } = options;
  const routes = Router();
  const serviceOf = (name: string): RemoteService | undefined => client.configured().find((s) => s === name);

  routes.post('/:service', async (req, res) => {
    const principal = (res.locals['principal'] as Principal | undefined) ?? null;
    if (!principal) return fail(res, signInRequired());
    const service = serviceOf(req.params['service'] as string);
    if (!service) return fail(res, unknownService(req.params['service'] as string));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBytes + multipartAllowance) {
      req.resume();
      return fail(res, tooLarge(options.maxBytes));
    }
    try {
      const answer = await client.stream(service, principal, {
        method: 'POST',
        path: '/attachments',
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/octet-stream',
          ...(req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
        },
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        timeoutMs: options.timeoutMs,
      });
      if (!answer) return fail(res, unknownService(service));
      res.status(answer.status).json(await answer.json());
    } catch (err) {
      logger.warn({ err, service }, 'attachment upload could not be forwarded');
      req.resume();
      fail(res, serviceUnavailable(service));
    }
  });

  routes.get('/:service/:tenant/:id', async (req, res) => {
    const principal = (res.locals['principal'] as Principal | undefined) ?? null;
    if (!principal) return fail(res, signInRequired());
    const service = serviceOf(req.params['service'] as string);
    if (!service) return fail(res, unknownService(req.params['service'] as string));
    const tenant = req.params['tenant'] as string;
    const id = req.params['id'] as string;
    let answer: globalThis.Response | null;
    try {
      answer = await client.stream(service, principal, {
        method: 'GET',
        path: `/attachments/${encodeURIComponent(tenant)}/${encodeURIComponent(id)}`,
        timeoutMs: options.timeoutMs,
      });
    } catch (err) {
      logger.warn({ err, service }, 'attachment download could not be forwarded');
      return fail(res, serviceUnavailable(service));
    }
    if (!answer) return fail(res, unknownService(service));
    if (answer.status !== 200 || !answer.body) {
      res.status(answer.status).json(await answer.json());
      return;
    }
    const crossProvince = tenant !== NATIONAL && principal.tenant !== tenant;
    if (crossProvince) {
      try {
        await options.audit.record({
          principal,
          actingRole: principal.roles[0] as Principal['roles'][number],
          procedure: `${service}.attachment.download`,
          type: 'query',
          policy: { service, roles: principal.roles, scope: 'national' },
          input: { tenant, id },
          output: undefined,
          errorCode: null,
          traceId: traceId(),
          via: 'rest',
        });
      } catch (err) {
        logger.error({ err }, 'audit record failed: attachment withheld');
        await answer.body.cancel();
        return fail(res, auditUnavailable());
      }
    }
    res.status(200);
    for (const name of passedHeaders) {
      const value = answer.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    const body = Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>);
    body.on('error', (err) => {
      logger.warn({ err, service }, 'attachment download broke off');
      res.destroy(err);
    });
    body.pipe(res);
  });
  return routes;
}
