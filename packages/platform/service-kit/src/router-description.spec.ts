import type { Principal } from '@tradepilot/auth';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { openApiDocumentOf } from './openapi-document';
import { restEndpoint } from './rest-endpoint';
import { describeProcedures } from './router-description';
import { procedure, router } from './trpc';

// paths of the policy table, so the kit's own policy check lets the calls through
const testRouter = router({
  plan: router({
    get: procedure
      .input(z.strictObject({ planId: z.uuid() }))
      .query(({ input, ctx }) => ({ id: input.planId, tenant: ctx.principal.tenant })),
    // as the plans service's list: a page of summaries, its size a number
    list: procedure
      .input(
        z
          .strictObject({
            pilotAreaId: z.string().max(32).optional(),
            cursor: z.string().max(200).optional(),
            limit: z.int().min(1).max(100).default(20),
          })
          .default({ limit: 20 }),
      )
      .query(({ input }) => ({ items: [], limit: input.limit, nextCursor: null })),
    submit: procedure
      .input(z.strictObject({ planId: z.uuid(), version: z.int().min(1) }))
      .mutation(({ input }) => ({ submitted: input.planId, version: input.version })),
  }),
});

const officer: Principal = {
  userId: 'gd-officer',
  tenant: 'guangdong',
  roles: ['province-officer'],
  organisationId: 'guangdong',
};
const planId = '0b7d8a4e-6f2c-4d1e-9a3b-2c5f7e9d1a4b';

describe('router description', () => {
  it('lists every procedure with its type, input schema and derived REST route', () => {
    const described = describeProcedures(testRouter);
    expect(described.map(({ path, type, rest }) => ({ path, type, rest }))).toEqual([
      { path: 'plan.get', type: 'query', rest: { method: 'GET', path: '/plan/get' } },
      { path: 'plan.list', type: 'query', rest: { method: 'POST', path: '/plan/list' } },
      { path: 'plan.submit', type: 'mutation', rest: { method: 'POST', path: '/plan/submit' } },
    ]);
    expect(described[2]?.input).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['planId', 'version'],
      properties: { planId: { type: 'string', format: 'uuid' }, version: { type: 'integer', minimum: 1 } },
    });
  });

  it('a query with a non-text input is POST, so nothing needs coercing from a query string', () => {
    const r = router({
      plan: router({ list: procedure.input(z.strictObject({ limit: z.int().max(10) })).query(() => []) }),
    });
    expect(describeProcedures(r)[0]?.rest).toEqual({ method: 'POST', path: '/plan/list' });
  });

  it('generates an OpenAPI document with our error body and bearer security', () => {
    const document = openApiDocumentOf(testRouter, {
      title: 'plans',
      version: '1.0.0',
      baseUrl: '/rest',
    }) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string }[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
            security?: unknown;
          }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/plan/get']?.['get']?.parameters?.map((p) => p.name)).toEqual(['planId']);
    expect(document.paths['/plan/submit']?.['post']?.requestBody).toBeDefined();
    expect(document.paths['/plan/submit']?.['post']?.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/plan/get']?.['get']?.responses['400']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    expect(Object.keys(document.components.schemas)).toContain('ErrorResponse');
    expect(Object.keys(document.components.schemas).some((name) => name.startsWith('error.'))).toBe(false);
  });

  it('leaves out a procedure the generator cannot describe, and says which and why', () => {
    const odd = router({
      plan: router({
        get: procedure.input(z.string().max(10)).query(() => null),
        list: procedure.input(z.strictObject({}).default({})).query(() => []),
      }),
    });
    const document = openApiDocumentOf(odd, { title: 'odd', version: '1', baseUrl: '/rest' }) as {
      paths: Record<string, unknown>;
      'x-undocumented-procedures': { path: string; reason: string }[];
    };
    expect(Object.keys(document.paths)).toEqual(['/plan/list']);
    expect(document['x-undocumented-procedures']).toEqual([
      { path: 'plan.get', reason: expect.stringContaining('ZodObject') },
    ]);
  });
});

describe('REST endpoint', () => {
  let server: Server;
  let base: string;
  let principal: Principal | null = officer;

  beforeAll(async () => {
    const app = express();
    app.use(
      express.json(),
      restEndpoint(testRouter, { createContext: () => ({ principal, traceId: null }) }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (principal = officer));

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers a text-only query from its query string, other queries and mutations from their body', async () => {
    const got = await fetch(`${base}/plan/get?planId=${planId}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({ id: planId, tenant: 'guangdong' });
    const page = await post('/plan/list', { limit: 5 });
    expect(await page.json()).toEqual({ items: [], limit: 5, nextCursor: null });
    const submitted = await post('/plan/submit', { planId, version: 2 });
    expect(await submitted.json()).toEqual({ submitted: planId, version: 2 });
  });

  it('is exactly as strict as tRPC: no coercion, no unknown keys, one value per parameter', async () => {
    const text = await post('/plan/submit', { planId, version: '2' });
    expect(text.status).toBe(400);
    const body = (await text.json()) as {
      error: { appCode: string; issues: { path: string }[]; messages: object };
    };
    expect(body.error.appCode).toBe('VALIDATION_FAILED');
    expect(body.error.issues.map((i) => i.path)).toEqual(['version']);
    expect(body.error.messages).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
    expect((await post('/plan/submit', { planId, version: 2, tenant: 'zhejiang' })).status).toBe(400);
    const twice = await fetch(`${base}/plan/get?planId=${planId}&planId=${planId}`);
    expect(((await twice.json()) as { error: { appCode: string } }).error.appCode).toBe(
      'INVALID_QUERY_PARAMETER',
    );
  });

  it('404 for an unknown route, 405 for a wrong method, 401 without a principal', async () => {
    expect((await fetch(`${base}/plan/nothing`)).status).toBe(404);
    expect((await post('/plan/get', { planId })).status).toBe(405);
    principal = null;
    expect((await fetch(`${base}/plan/get?planId=${planId}`)).status).toBe(401);
  });
});
