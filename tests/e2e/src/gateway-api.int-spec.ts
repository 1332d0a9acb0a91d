import { createInternalTokenSigner, internalTokenHeader } from '@tradepilot/auth';
import { policyFor, procedurePolicy } from '@tradepilot/contracts';
import { eventually, startTestStack, type TestStack } from '@tradepilot/test-stack';
import { spawnSync } from 'node:child_process';
import { signIn, type GatewayClient } from './test/gateway-client';
import { testPeriod } from './test/plan-drafting';
import {
  devLogin,
  expectBilingualError,
  http,
  procedureCatalog,
  trpcBatch,
  trpcCall,
  trpcData,
  trpcError,
  type CatalogProcedure,
} from './test/gateway-http';
import { strictnessProblems, type SchemaNode } from './test/gateway-json-schema';

/** Validates a document against the official OpenAPI schemas (the library is ESM only: own process). */
function validateOpenApi(document: unknown): { valid: boolean; errors?: unknown; version?: string } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(input));
    process.stdout.write(JSON.stringify({ ...result, version: validator.version }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(document),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

const consoleOrigin = 'https://console.example.gov.cn';

describe('gateway public API: OpenAPI + REST, batches across services, hardening, audit, national overview', () => {
  let stack: TestStack;
  let province: string;
  let ministry: string;
  let catalog: CatalogProcedure[];
  let planId: string;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['plans', 'approvals', 'gateway'],
      // descriptions are refreshed often so a stopped service shows within the test
      appEnv: { gateway: { CORS_ORIGINS: consoleOrigin, BODY_LIMIT: '256kb', CATALOG_TTL_MS: '300' } },
    });
    province = (await devLogin(stack, 'guangdong-province')).accessToken;
    ministry = (await devLogin(stack, 'mofcom-officer')).accessToken;
    catalog = (await procedureCatalog(stack)).procedures;
  });
  afterAll(() => stack?.close());

  describe('the policy table and the routers', () => {
    it('every procedure of every deployed router has a policy entry', async () => {
      const { services } = await procedureCatalog(stack);
      expect(services).toEqual(
        expect.arrayContaining([
          { service: 'gateway', available: true },
          { service: 'plans', available: true },
          { service: 'approvals', available: true },
        ]),
      );
      expect(catalog.map((p) => p.path)).toEqual(
        expect.arrayContaining([
          'auth.devLogin',
          'national.overview',
          'plan.create',
          'plan.get',
          'case.decide',
        ]),
      );
      const missing = catalog.filter((p) => !policyFor(p.path)).map((p) => `${p.service}: ${p.path}`);
      expect(missing).toEqual([]);
      const wrongOwner = catalog
        .filter((p) => policyFor(p.path)?.service !== p.service)
        .map((p) => `${p.path} is served by ${p.service}, the table says ${policyFor(p.path)?.service}`);
      expect(wrongOwner).toEqual([]);
      // the entries of deployed services name procedures that exist
      const deployed = new Set(services.map((s) => s.service));
      const served = new Set(catalog.map((p) => p.path));
      const stale = Object.entries(procedurePolicy)
        .filter(([path, policy]) => deployed.has(policy.service) && !served.has(path))
        .map(([path]) => path);
      expect(stale).toEqual([]);
    });

    it('the service checks the table again from the internal token (defence in depth)', async () => {
      const signer = createInternalTokenSigner(stack.keys.privateKeyPem);
      const operator = {
        userId: 'operator',
        tenant: null,
        roles: ['operator' as const],
        organisationId: null,
      };
      const officer = {
        userId: 'gd',
        tenant: 'guangdong',
        roles: ['province-officer' as const],
        organisationId: 'guangdong',
      };
      const plans = stack.app('plans').url;
      const asOperator = { [internalTokenHeader]: await signer.sign(operator, 'plans') };
      // the list over tRPC (GET) and over REST (POST: its input has a number, the page's limit)
      const calls = [
        { url: `${plans}/trpc/plan.list?input=%7B%7D`, init: {} },
        {
          url: `${plans}/rest/plan/list`,
          init: { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
        },
      ];
      for (const { url, init } of calls) {
        const as = (headers: Record<string, string>) =>
          http(url, { ...init, headers: { ...init.headers, ...headers } });
        const refused = await as(asOperator);
        expect(refused.status).toBe(403);
        expect(refused.text).toContain('ROLE_NOT_ALLOWED');
        expect((await as({})).status).toBe(401);
        const forApprovals = await signer.sign(officer, 'approvals');
        expect((await as({ [internalTokenHeader]: forApprovals })).status).toBe(401);
        const forPlans = await signer.sign(officer, 'plans');
        expect((await as({ [internalTokenHeader]: forPlans })).status).toBe(200);
      }
    });

    it('every input is strict: no unknown keys at any level, strings and arrays bounded', () => {
      expect(strictnessProblems({ type: 'object', properties: { a: { type: 'string' } } })).toEqual([
        '(input): object accepts unknown keys',
        '(input).a: string without a length limit',
      ]);
      const problems = catalog.flatMap((p) => [
        ...(p.inputProblem ? [`${p.path}: input not describable (${p.inputProblem})`] : []),
        ...(p.input
          ? strictnessProblems(p.input as SchemaNode).map((problem) => `${p.path} ${problem}`)
          : []),
      ]);
      expect(problems).toEqual([]);
    });
  });

  describe('OpenAPI', () => {
    it('/openapi.json is a valid OpenAPI 3.1 document listing every procedure at its REST route', async () => {
      const answer = await http(`${stack.gatewayUrl}/openapi.json`);
      expect(answer.status).toBe(200);
      const result = validateOpenApi(answer.body);
      expect(result.errors).toBeUndefined();
      expect(result).toMatchObject({ valid: true, version: '3.1' });
      const document = answer.body as {
        paths: Record<string, Record<string, { 'x-tradepilot-service': string }>>;
      };
      for (const procedure of catalog) {
        const operation = document.paths[procedure.rest.path]?.[procedure.rest.method.toLowerCase()];
        expect({ path: procedure.path, service: operation?.['x-tradepilot-service'] }).toEqual({
          path: procedure.path,
          service: procedure.service,
        });
      }
      expect(Object.values(document.paths).flatMap((ops) => Object.keys(ops))).toHaveLength(catalog.length);
    });

    it('the REST endpoints answer over plain HTTP as documented', async () => {
      const headers = { authorization: `Bearer ${province}`, 'content-type': 'application/json' };
      const created = await http(`${stack.gatewayUrl}/api/plan/create`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          pilotAreaId: 'guangzhou',
          title: { 'zh-CN': '广州市服务贸易创新发展试点实施方案', en: 'Guangzhou implementation plan' },
          period: testPeriod,
        }),
      });
      expect(created.status).toBe(200);
      planId = (created.body as { id: string }).id;
      expect(created.body).toMatchObject({ pilotAreaId: 'guangzhou', status: 'drafting', version: 1 });

      const fetched = await http(`${stack.gatewayUrl}/api/plan/get?planId=${planId}`, { headers });
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ id: planId, title: { en: 'Guangzhou implementation plan' } });
      expect(fetched.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);

      const invalid = await http(`${stack.gatewayUrl}/api/plan/get?planId=not-a-uuid`, { headers });
      expect(invalid.status).toBe(400);
      const error = (invalid.body as { error: { appCode: string; issues: { path: string }[] } }).error;
      expect(error.appCode).toBe('VALIDATION_FAILED');
      expect(error.issues.map((i) => i.path)).toEqual(['planId']);
      expectBilingualError(error);

      const missing = await http(`${stack.gatewayUrl}/api/plan/get?planId=${crypto.randomUUID()}`, {
        headers,
      });
      expect(missing.status).toBe(404);
      expect((missing.body as { error: { appCode: string } }).error.appCode).toBe('PLAN_NOT_FOUND');

      expect((await http(`${stack.gatewayUrl}/api/plan/nothing`, { headers })).status).toBe(404);
      const wrongMethod = await http(`${stack.gatewayUrl}/api/plan/create`, { headers });
      expect(wrongMethod.status).toBe(405);
      expectBilingualError((wrongMethod.body as { error: unknown }).error);
    });

    it('serves an interactive reference page, offline, under a content security policy', async () => {
      const page = await http(`${stack.gatewayUrl}/docs`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('swagger-ui');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const bundle = await fetch(`${stack.gatewayUrl}/docs/assets/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect((await bundle.text()).length).toBeGreaterThan(100_000);
      expect((await http(`${stack.gatewayUrl}/docs/reference.js`)).text).toContain('/openapi.json');
    });
  });

  describe('batches', () => {
    it('a batch spanning the gateway and services is split by owner and reassembled in order', async () => {
      const calls = [
        { path: 'plan.get', input: { planId } },
        { path: 'auth.me', input: {} },
        { path: 'case.listOpen', input: {} },
        { path: 'plan.list', input: {} },
        { path: 'plan.get', input: { planId: crypto.randomUUID() } },
      ];
      const batch = await trpcBatch(stack, province, 'query', calls);
      expect(batch.status).toBe(207);
      const items = batch.body as {
        result?: { data: unknown };
        error?: { data: { appCode: string; path: string } };
      }[];
      expect(items).toHaveLength(calls.length);
      // each answer is what the call gives on its own (but for the trace id: one request, one trace)
      const withoutTrace = (item: unknown) =>
        JSON.parse(JSON.stringify(item), (k, v) => (k === 'traceId' ? undefined : v));
      for (const [i, call] of calls.entries()) {
        const single = await trpcCall(stack, province, call.path, 'query', call.input);
        expect(withoutTrace(items[i])).toEqual(withoutTrace(single.body));
      }
      const batchTrace = batch.headers.get('x-trace-id');
      for (const item of items.filter((it) => it.error))
        expect(item.error?.data).toMatchObject({ traceId: batchTrace });
      expect(items[0]?.result?.data).toMatchObject({ id: planId });
      expect(items[1]?.result?.data).toMatchObject({ tenant: 'guangdong' });
      expect(items[2]?.error?.data).toMatchObject({ appCode: 'ROLE_NOT_ALLOWED', path: 'case.listOpen' });
      expect(items[3]?.result?.data).toEqual({
        items: [expect.objectContaining({ id: planId })],
        nextCursor: null,
      });
      expect(items[4]?.error?.data).toMatchObject({ appCode: 'PLAN_NOT_FOUND', path: 'plan.get' });
    });

    it('the official tRPC client batches calls to several services into one request', async () => {
      const client: GatewayClient = await signIn(stack, 'mofcom-officer');
      const requestsBefore = client.traceIds.length;
      const [me, open, overview, record] = await Promise.all([
        client.trpc.auth.me.query({}),
        client.trpc.case.listOpen.query({}),
        client.trpc.national.overview.query({}),
        client.trpc.audit.crossProvinceCalls.query({ limit: 5 }),
      ]);
      expect(client.traceIds.length - requestsBefore).toBe(1);
      expect(me.roles).toEqual(['ministry-officer']);
      expect(Array.isArray(open)).toBe(true);
      expect(overview.parts.map((p) => p.service).sort()).toEqual(['approvals', 'plans']);
      expect(Array.isArray(record)).toBe(true);
    });
  });

  describe('cross-province reads are on the record', () => {
    it('the ministry reading a province is audited (who, which province, what, when) and the ministry can query it', async () => {
      // both parties sign, then the province submits
      let version = 1;
      for (const signer of [(await devLogin(stack, 'guangzhou-officer')).accessToken, province]) {
        version = (
          trpcData<{ version: number }>(
            await trpcCall(stack, signer, 'plan.sign', 'mutation', { planId, version }),
          ) ?? { version }
        ).version;
      }
      expect(
        trpcData(await trpcCall(stack, province, 'plan.submit', 'mutation', { planId, version })),
      ).toMatchObject({
        status: 'submitted',
      });
      const opened = await eventually(
        async () =>
          (
            trpcData<{ id: string; subject: { id: string } }[]>(
              await trpcCall(stack, ministry, 'case.listOpen', 'query', {}),
            ) ?? []
          ).find((c) => c.subject.id === planId),
        { description: 'the case is open for the ministry' },
      );
      const before = new Date().toISOString();
      const read = await http(`${stack.gatewayUrl}/api/case/get?caseId=${opened.id}`, {
        headers: { authorization: `Bearer ${ministry}` },
      });
      expect(read.status).toBe(200);

      const record = trpcData<
        {
          userId: string;
          procedure: string;
          provinces: string[];
          at: string;
          kind: string;
          via: string;
          outcome: string;
        }[]
      >(
        await trpcCall(stack, ministry, 'audit.crossProvinceCalls', 'query', {
          province: 'guangdong',
          procedure: 'case.get',
        }),
      );
      expect(record?.[0]).toMatchObject({
        userId: 'mofcom-officer',
        procedure: 'case.get',
        provinces: ['guangdong'],
        kind: 'cross-province-read',
        via: 'rest',
        outcome: 'ok',
      });
      expect(record?.[0]?.at.localeCompare(before)).toBeGreaterThanOrEqual(0);

      const lists = trpcData<{ provinces: string[] }[]>(
        await trpcCall(stack, ministry, 'audit.crossProvinceCalls', 'query', { procedure: 'case.listOpen' }),
      );
      expect(lists?.some((e) => e.provinces.includes('guangdong'))).toBe(true);

      // a province reading its own data is not a cross-province read; the record is the ministry's
      const own = trpcData<unknown[]>(
        await trpcCall(stack, ministry, 'audit.crossProvinceCalls', 'query', { procedure: 'plan.get' }),
      );
      expect(own).toEqual([]);
      const denied = await trpcCall(stack, province, 'audit.crossProvinceCalls', 'query', {});
      expect(trpcError(denied)?.data).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('hardening', () => {
    it('security headers on every response, gateway and services', async () => {
      const responses = [
        await http(`${stack.gatewayUrl}/health/live`),
        await http(`${stack.gatewayUrl}/trpc/auth.me`),
        await http(`${stack.gatewayUrl}/api/plan/list`),
        await http(`${stack.gatewayUrl}/openapi.json`),
        await http(`${stack.app('plans').url}/health/live`),
      ];
      for (const response of responses) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('CORS only for the configured origins', async () => {
      const preflight = (origin: string) =>
        fetch(`${stack.gatewayUrl}/trpc/plan.list`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const allowed = await preflight(consoleOrigin);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(consoleOrigin);
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      const other = await preflight('https://evil.example.com');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('413 beyond the body limit, with a stable code and both languages, over tRPC and REST', async () => {
      const huge = JSON.stringify({
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': 'x'.repeat(300_000), en: '' },
        tasks: [],
      });
      for (const url of [`${stack.gatewayUrl}/trpc/plan.create`, `${stack.gatewayUrl}/api/plan/create`]) {
        const answer = await http(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' },
          body: huge,
        });
        expect(answer.status).toBe(413);
        expect((answer.body as { error: { appCode: string } }).error.appCode).toBe('PAYLOAD_TOO_LARGE');
        expectBilingualError((answer.body as { error: unknown }).error);
        expect(answer.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
      }
    });

    it('every error names its trace and its code in both languages', async () => {
      const answers = [
        await http(`${stack.gatewayUrl}/nowhere`),
        await http(`${stack.gatewayUrl}/trpc/auth.me`, { headers: { authorization: 'Bearer nope' } }),
        await trpcCall(stack, undefined, 'plan.list', 'query', {}),
        await trpcCall(stack, province, 'no.such.procedure', 'query', {}),
      ];
      for (const answer of answers) {
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
        const body = answer.body as { error: { data?: unknown } };
        expectBilingualError(body.error.data ?? body.error);
      }
      expect(trpcError(answers[3] as never)?.data).toMatchObject({ appCode: 'NOT_IN_POLICY' });
    });
  });

  describe('national.overview', () => {
    const overview = async () =>
      trpcData<{
        complete: boolean;
        parts: { service: string; status: string; reason?: string; summary?: unknown }[];
      }>(await trpcCall(stack, ministry, 'national.overview', 'query', {}));

    it('composes one part per deployed service; a service without a national projection is reported unavailable', async () => {
      const result = await overview();
      expect(result?.parts.map((p) => p.service).sort()).toEqual(['approvals', 'plans']);
      for (const part of result?.parts ?? []) {
        const provides = catalog.some(
          (p) => p.service === part.service && p.path.endsWith('.nationalSummary'),
        );
        expect(part).toMatchObject(
          provides ? { status: 'available' } : { status: 'unavailable', reason: 'NOT_PROVIDED' },
        );
      }
      const denied = await trpcCall(stack, province, 'national.overview', 'query', {});
      expect(trpcError(denied)?.data).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('a service that is down is reported unreachable; the others still answer', async () => {
      await stack.app('approvals').stop();
      try {
        const result = await eventually(
          async () => {
            const answer = await overview();
            return (
              answer?.parts.some((p) => p.service === 'approvals' && p.reason === 'UNREACHABLE') && answer
            );
          },
          { description: 'the overview reports approvals unreachable' },
        );
        expect(result.complete).toBe(false);
        expect(result.parts.find((p) => p.service === 'approvals')).toMatchObject({ status: 'unavailable' });
        const plans = result.parts.find((p) => p.service === 'plans');
        const plansProvides = catalog.some(
          (p) => p.service === 'plans' && p.path.endsWith('.nationalSummary'),
        );
        expect(plans).toMatchObject(plansProvides ? { status: 'available' } : { reason: 'NOT_PROVIDED' });
      } finally {
        await stack.app('approvals').start();
      }
    });
  });
});
