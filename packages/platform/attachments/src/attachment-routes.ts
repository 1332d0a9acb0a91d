import { trace } from '@opentelemetry/api';
import type { Principal } from '@tradepilot/auth';
import { NATIONAL } from '@tradepilot/contracts';
import { outageAnswer, restErrorBody } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { nationalScope, tenantScope, type TenantRegistry, type TenantScope } from '@tradepilot/tenancy';
import { getTRPCErrorFromUnknown } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import { Readable } from 'node:stream';
import type { AttachmentAccess } from './attachment-access';
import { attachmentErrors } from './attachment-errors';
import type { AttachmentInfo, AttachmentStore } from './attachment-store';

export interface AttachmentRoutesOptions {
  store: AttachmentStore;
  access: AttachmentAccess;
  registry: TenantRegistry;
  logger: Logger;
}

/** Where a service serves its files, behind its internal token (the kit mounts it). */
export const attachmentsPath = '/attachments' as const;

const traceId = () => trace.getActiveSpan()?.spanContext().traceId ?? null;
const idPattern = /^[A-Za-z0-9-]{1,64}$/;

function sendError(res: Response, err: unknown, logger: Logger): void {
  const error = outageAnswer(getTRPCErrorFromUnknown(err));
  if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err }, 'attachment request failed');
  res.status(getHTTPStatusCodeFromError(error)).json(restErrorBody(error, traceId()));
}

/** `attachment; filename=…` with an ASCII fallback and the real name in RFC 5987 form. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

type Parsed = { attachment: AttachmentInfo } | { error: unknown };

/** Reads the one file of a multipart request straight into the store, chunk by chunk. */
function receiveUpload(
  req: Request,
  store: AttachmentStore,
  scope: TenantScope,
  uploadedBy: string,
): Promise<Parsed> {
  return new Promise<Parsed>((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // one byte over the limit is enough for the store to refuse it
        limits: { files: 1, fields: 0, fileSize: store.maxBytes + 1 },
        // browsers send the file name as UTF-8 (busboy reads latin1 by default: 试点 came out garbled)
        defParamCharset: 'utf8',
      });
    } catch {
      resolve({ error: attachmentErrors.notMultipart() });
      return;
    }
    let settled = false;
    let closed = false;
    let extraParts = false;
    let saving: Promise<AttachmentInfo> | undefined;
    const settle = (value: Parsed) => {
      if (settled) return;
      settled = true;
      if (!closed) {
        req.unpipe(parser);
        req.resume();
      }
      resolve(value);
    };
    const finish = async () => {
      if (!saving) return settle({ error: attachmentErrors.oneFile() });
      try {
        const attachment = await saving;
        if (extraParts) {
          await store.remove(scope, attachment.id);
          return settle({ error: attachmentErrors.oneFile() });
        }
        settle({ attachment });
      } catch (err) {
        settle({ error: err });
      }
    };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || saving) {
        extraParts = true;
        stream.resume();
        return;
      }
      saving = store.save(scope, { filename: info.filename ?? '', uploadedBy, content: stream });
      // a refusal answers at once: the rest of the body is read and dropped
      saving.catch((err) => settle({ error: err }));
    });
    parser.on('field', () => (extraParts = true));
    parser.on('filesLimit', () => (extraParts = true));
    parser.on('fieldsLimit', () => (extraParts = true));
    parser.on('error', () => settle({ error: attachmentErrors.notMultipart() }));
    parser.on('close', () => {
      closed = true;
      void finish();
    });
    req.pipe(parser);
  });
}

/**
 * Upload (`POST /attachments`, multipart, one field `file`) and download
 * (`GET /attachments/<tenant>/<id>`) of a service's files. The caller is the principal of the
 * internal token; `access` says where an upload goes and who reads what.
 */
export function attachmentRoutes(options: AttachmentRoutesOptions): Router {
  const { store, access, registry, logger } = options;
  const routes = Router();

  routes.post('/', async (req, res) => {
    const principal = res.locals['principal'] as Principal;
    const scope = access.uploadScope(principal);
    if (!scope) {
      req.resume();
      return sendError(res, attachmentErrors.notAllowed(), logger);
    }
    const parsed = await receiveUpload(req, store, scope, principal.userId);
    if ('error' in parsed) return sendError(res, parsed.error, logger);
    logger.info(
      { attachmentId: parsed.attachment.id, size: parsed.attachment.size, kind: parsed.attachment.kind },
      'attachment stored',
    );
    res.status(201).json({ attachment: parsed.attachment });
  });

  routes.get('/:tenant/:id', async (req, res) => {
    try {
      const principal = res.locals['principal'] as Principal;
      const { tenant, id } = req.params;
      const scope =
        tenant === NATIONAL ? nationalScope : registry.isTenant(tenant) ? tenantScope(tenant) : undefined;
      if (!scope || !idPattern.test(id)) throw attachmentErrors.notFound();
      const attachment = await store.describe(scope, id);
      if (!attachment || !(await access.mayRead(principal, attachment))) throw attachmentErrors.notFound();
      res.status(200);
      res.setHeader('content-type', attachment.contentType);
      res.setHeader('content-length', String(attachment.size));
      res.setHeader('content-disposition', contentDisposition(attachment.filename));
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('x-attachment-sha256', attachment.sha256);
      const body = Readable.from(store.content(scope, attachment));
      body.on('error', (err) => {
        logger.error({ err, attachmentId: id }, 'attachment download broke off');
        res.destroy(err);
      });
      body.pipe(res);
    } catch (err) {
      sendError(res, err, logger);
    }
  });
  return routes;
}
