import {
  attachmentChunkModel,
  attachmentModel,
  attachmentModels,
  attachmentRoutes,
  AttachmentStore,
  ownTenantAccess,
} from '@tradepilot/attachments';
import { createInternalTokenSigner, generateInternalKeyPair, type Principal } from '@tradepilot/auth';
import { requireInternalToken } from '@tradepilot/service-kit';
import { createLogger } from '@tradepilot/telemetry';
import { infraConnection, uniqueName } from '@tradepilot/testing';
import { connectDatabase, TenantDatabases, TenantRegistry, tenantScope } from '@tradepilot/tenancy';
import express, { type RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachmentForwarding } from './attachment-forwarding';
import { auditEntryModel } from './audit-entry-model';
import { AuditLog } from './audit-log';
import { ServiceClient } from './service-client';

const listen = (app: express.Express) =>
  new Promise<{ server: Server; url: string }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

const principals: Record<string, Principal> = {
  guangzhou: {
    userId: 'gz-officer',
    tenant: 'guangdong',
    roles: ['pilot-area-officer'],
    organisationId: 'guangzhou',
  },
  hainan: { userId: 'hn-officer', tenant: 'hainan', roles: ['province-officer'], organisationId: 'hainan' },
  ministry: { userId: 'mofcom-1', tenant: null, roles: ['ministry-officer'], organisationId: 'mofcom' },
  operator: { userId: 'op', tenant: null, roles: ['operator'], organisationId: null },
};

/** stands in for the gateway's token check, which has its own tests: the caller named by a header */
const testPrincipal: RequestHandler = (req, res, next) => {
  const who = req.header('x-test-user');
  if (who) res.locals['principal'] = principals[who];
  next();
};

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.alloc(bytes - 10, 'p')]);

describe('attachments through the gateway: streamed multipart to the owning service on FerretDB', () => {
  const keys = generateInternalKeyPair();
  const logger = createLogger('attachments-test', { level: 'silent' });
  const prefix = `${uniqueName('gwatt')}_`;
  let root: Connection;
  let serviceDatabases: TenantDatabases;
  let gatewayDatabases: TenantDatabases;
  let store: AttachmentStore;
  let service: { server: Server; url: string };
  let gateway: { server: Server; url: string };
  let serviceRequests = 0;

  const upload = (
    who: string | undefined,
    file: Buffer,
    filename: string,
    extra?: (form: FormData) => void,
  ) => {
    const form = new FormData();
    form.append('file', new Blob([file]), filename);
    extra?.(form);
    return fetch(`${gateway.url}/attachments/practices`, {
      method: 'POST',
      headers: who ? { 'x-test-user': who } : {},
      body: form,
    });
  };
  const download = (who: string, path: string) =>
    fetch(`${gateway.url}/attachments/practices/${path}`, { headers: { 'x-test-user': who } });

  beforeAll(async () => {
    root = await connectDatabase({ url: infraConnection().mongoUrl });
    const registry = TenantRegistry.fromSeed();
    serviceDatabases = new TenantDatabases(root, {
      service: 'practices',
      databasePrefix: prefix,
      registry,
      models: attachmentModels,
    });
    gatewayDatabases = new TenantDatabases(root, {
      service: 'gateway',
      databasePrefix: prefix,
      registry,
      models: [auditEntryModel],
    });
    store = new AttachmentStore(serviceDatabases);

    const serviceApp = express();
    serviceApp.use((_req, _res, next) => {
      serviceRequests += 1;
      next();
    });
    serviceApp.use(
      '/attachments',
      requireInternalToken({ service: 'practices', publicKeyPem: keys.publicKeyPem, logger }),
      attachmentRoutes({ store, access: ownTenantAccess, registry, logger }),
    );
    service = await listen(serviceApp);

    const client = new ServiceClient(
      { practices: service.url },
      createInternalTokenSigner(keys.privateKeyPem),
      5000,
    );
    const gatewayApp = express();
    // the API's JSON limit stays small: files never pass through it
    gatewayApp.use('/api', express.json({ limit: '1mb' }));
    gatewayApp.use(
      '/attachments',
      testPrincipal,
      attachmentForwarding({
        client,
        audit: new AuditLog(gatewayDatabases, registry, () => new Date()),
        logger,
        maxBytes: 10 * 1024 * 1024,
        timeoutMs: 30_000,
      }),
    );
    gateway = await listen(gatewayApp);
  });

  afterAll(async () => {
    await new Promise((resolve) => gateway?.server.close(resolve));
    await new Promise((resolve) => service?.server.close(resolve));
    for (const scope of await serviceDatabases.existingScopes()) await serviceDatabases.dropDatabase(scope);
    for (const scope of await gatewayDatabases.existingScopes()) await gatewayDatabases.dropDatabase(scope);
    await root.close();
  });

  it('uploads a 6 MB file (past the 1 MB JSON limit) into the caller province and downloads it intact', async () => {
    const file = pdf(6 * 1024 * 1024);
    const response = await upload('guangzhou', file, '试点案例.pdf');
    expect(response.status).toBe(201);
    const { attachment } = (await response.json()) as { attachment: { id: string; tenant: string } };
    expect(attachment).toMatchObject({
      tenant: 'guangdong',
      filename: '试点案例.pdf',
      size: file.length,
      sha256: sha(file),
      uploadedBy: 'gz-officer',
    });
    expect(await store.chunkCount(tenantScope('guangdong'), attachment.id)).toBe(
      Math.ceil(file.length / (255 * 1024)),
    );

    const back = await download('guangzhou', `guangdong/${attachment.id}`);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('试点案例.pdf')}`,
    );
    expect(sha(Buffer.from(await back.arrayBuffer()))).toBe(sha(file));
  });

  it('another province gets NOT_FOUND; the ministry reads it and that read is on the record', async () => {
    const response = await upload('guangzhou', pdf(5000), 'note.pdf');
    const { attachment } = (await response.json()) as { attachment: { id: string } };
    const refused = await download('hainan', `guangdong/${attachment.id}`);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({
      error: { appCode: 'ATTACHMENT_NOT_FOUND', messages: { 'zh-CN': '未找到附件' } },
    });
    expect((await download('hainan', `guangdong/no-such-id`)).status).toBe(404);
    expect((await download('hainan', `atlantis/${attachment.id}`)).status).toBe(404);

    const read = await download('ministry', `guangdong/${attachment.id}`);
    expect(read.status).toBe(200);
    await read.arrayBuffer();
    const entries = await (
      await gatewayDatabases.model({ kind: 'national', tenant: 'national' } as never, auditEntryModel)
    )
      .find({ userId: 'mofcom-1' })
      .lean();
    expect(entries).toEqual([
      expect.objectContaining({
        procedure: 'practices.attachment.download',
        kind: 'cross-province-read',
        provinces: ['guangdong'],
      }),
    ]);
  });

  it('refuses, with a bilingual reason and nothing stored: a program named .pdf, two files, a non-multipart body, no sign-in, an operator', async () => {
    const before = serviceRequests;
    const program = await upload(
      'guangzhou',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(40_000, 1)]),
      'invoice.pdf',
    );
    expect(program.status).toBe(415);
    const body = (await program.json()) as { error: { appCode: string; messages: Record<string, string> } };
    expect(body.error.appCode).toBe('ATTACHMENT_TYPE_NOT_ACCEPTED');
    expect(body.error.messages['zh-CN']).toContain('invoice.pdf');
    expect(body.error.messages.en).toContain('not an accepted type');

    const two = await upload('guangzhou', pdf(3000), 'a.pdf', (form) =>
      form.append('file', new Blob([pdf(3000)]), 'b.pdf'),
    );
    expect(two.status).toBe(400);
    expect(await two.json()).toMatchObject({ error: { appCode: 'ATTACHMENT_ONE_FILE' } });

    const json = await fetch(`${gateway.url}/attachments/practices`, {
      method: 'POST',
      headers: { 'x-test-user': 'guangzhou', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: { appCode: 'ATTACHMENT_NOT_MULTIPART' } });

    expect((await upload(undefined, pdf(3000), 'a.pdf')).status).toBe(401);
    const operator = await upload('operator', pdf(3000), 'a.pdf');
    expect(operator.status).toBe(403);
    expect(await operator.json()).toMatchObject({ error: { appCode: 'ATTACHMENT_UPLOAD_NOT_ALLOWED' } });
    expect(serviceRequests - before).toBe(4); // the unsigned call never left the gateway

    const stored = await (await serviceDatabases.model(tenantScope('guangdong'), attachmentModel))
      .find({ filename: 'invoice.pdf' })
      .lean();
    expect(stored).toEqual([]);
    const twoStored = await (await serviceDatabases.model(tenantScope('guangdong'), attachmentModel))
      .find({ filename: 'a.pdf' })
      .lean();
    expect(twoStored).toEqual([]);
  });

  it('refuses a file over 10 MB: a declared length at the gateway, a streamed one at the service', async () => {
    const before = serviceRequests;
    const declared = await upload('guangzhou', pdf(11 * 1024 * 1024), 'huge.pdf');
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { appCode: 'ATTACHMENT_TOO_LARGE' } });
    expect(serviceRequests).toBe(before);

    // a length the gateway cannot see (chunked body) is stopped by the service at the limit
    const form = new FormData();
    form.append('file', new Blob([pdf(10 * 1024 * 1024 + 1)]), 'huge.pdf');
    const encoded = new Response(form);
    const streamed = await fetch(`${gateway.url}/attachments/practices`, {
      method: 'POST',
      headers: { 'x-test-user': 'guangzhou', 'content-type': encoded.headers.get('content-type') as string },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { appCode: 'ATTACHMENT_TOO_LARGE' } });
    const chunks = await (
      await serviceDatabases.model(tenantScope('guangdong'), attachmentChunkModel)
    ).countDocuments({});
    const files = await (await serviceDatabases.model(tenantScope('guangdong'), attachmentModel))
      .find()
      .lean();
    expect(chunks).toBe(files.reduce((sum, f) => sum + (f as { chunkCount: number }).chunkCount, 0));
  });

  it('answers NOT_FOUND for a service that keeps no attachments', async () => {
    const response = await fetch(`${gateway.url}/attachments/nowhere`, {
      method: 'POST',
      headers: { 'x-test-user': 'guangzhou' },
    });
    expect(response.status).toBe(404);
  });
});
