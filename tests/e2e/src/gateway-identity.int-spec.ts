import { catalogTopics, topics } from '@tradepilot/contracts';
import { eventually, StackKafka, startTestStack, type TestStack } from '@tradepilot/test-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import { exportJWK, SignJWT, type JWK } from 'jose';
import { MongoClient } from 'mongodb';
import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  devLogin,
  expectBilingualError,
  http,
  trpcCall,
  trpcData,
  trpcError,
  type HttpAnswer,
} from './test/gateway-http';

/** An external OpenID Connect provider of our own: its keys are served as a JWKS on a local port. */
class ExternalIdentityProvider {
  readonly issuer = 'https://login.example.gov.cn/realms/tradepilot';
  readonly audience = 'tradepilot-api';
  readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  kid = '';
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const jwk = (await exportJWK(this.key.publicKey)) as JWK;
    this.kid = createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest('base64url');
    const jwks = JSON.stringify({ keys: [{ ...jwk, kid: this.kid, alg: 'RS256', use: 'sig' }] });
    this.server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
    );
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/protocol/openid-connect/certs`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token as the provider issues it; every part can be bent for the rejection battery. */
  token(
    options: {
      claims?: Record<string, unknown>;
      issuer?: string;
      audience?: string;
      expiresIn?: number;
      notBefore?: number;
      kid?: string;
      key?: KeyObject;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({
      province: 'guangdong',
      groups: ['province-officer'],
      organisation: 'guangdong',
      ...options.claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? this.kid, typ: 'at+jwt' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setSubject('gd-officer-zhang')
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 300));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(options.key ?? this.key.privateKey);
  }
}

const provinceIds = TenantRegistry.fromSeed().tenantIds();
/** a valid approval.case_completed.v1 of guangdong (the contract's golden fixture) */
const caseCompletedFixture = {
  id: 'c3b2a190-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  type: 'approval.case_completed.v1',
  tenant: 'guangdong',
  aggregateId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  sequence: 2,
  occurredAt: '2026-03-09T02:00:00.000Z',
  actor: { userId: 'mofcom-officer', role: 'ministry-officer', organisationId: 'mofcom' },
  causationId: null,
  data: {
    caseId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    caseType: 'plan',
    subject: { service: 'plans', type: 'plan', id: '2b7c9a0e-3f1d-4c55-8f3a-1e2d3c4b5a60', version: 1 },
    outcome: 'approved',
    reason: null,
    level: 1,
    decidedAt: '2026-03-09T02:00:00.000Z',
  },
};
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A refused token: 401, the same body whatever was wrong, and nothing about any province. */
function expectRejectedToken(answer: HttpAnswer): void {
  expect(answer.status).toBe(401);
  expect((answer.body as { error: { appCode: string } }).error.appCode).toBe('INVALID_TOKEN');
  expectBilingualError((answer.body as { error: unknown }).error);
  for (const province of provinceIds) expect(answer.text).not.toContain(province);
  expect(answer.text).not.toMatch(/tenant|租户/);
}

describe('gateway identity: OIDC verification, the token rejection battery, refresh tokens, roles, tenant from the token only', () => {
  const idp = new ExternalIdentityProvider();
  let stack: TestStack;

  beforeAll(async () => {
    await idp.start();
    stack = await startTestStack({
      apps: ['plans', 'gateway'],
      appEnv: {
        gateway: {
          OIDC_JWKS_URL: idp.url,
          OIDC_ISSUER: idp.issuer,
          OIDC_AUDIENCE: idp.audience,
          OIDC_ALGORITHMS: 'RS256',
          // the provider's own claim names, mapped by configuration
          OIDC_TENANT_CLAIM: 'province',
          OIDC_ROLES_CLAIM: 'groups',
          OIDC_ORGANISATION_CLAIM: 'organisation',
          TOKEN_CLOCK_SKEW_S: '30',
          LOGIN_FAILURES_PER_ACCOUNT: '3',
          LOGIN_FAILURES_PER_ADDRESS: '12',
        },
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await idp.stop();
  });

  const me = (token: string) => trpcCall(stack, token, 'auth.me', 'query', {});
  const meOverRest = (token: string) =>
    http(`${stack.gatewayUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

  describe('an external OpenID Connect provider', () => {
    it('is trusted through its JWKS URL, and its claims become the principal', async () => {
      const answer = await me(await idp.token());
      expect(answer.status).toBe(200);
      expect(trpcData(answer)).toMatchObject({
        userId: 'gd-officer-zhang',
        tenant: 'guangdong',
        roles: ['province-officer'],
        organisationId: 'guangdong',
        actingRole: 'province-officer',
      });
      const plans = await trpcCall(stack, await idp.token(), 'plan.list', 'query', {});
      expect(plans.status).toBe(200);
      expect(trpcData(plans)).toEqual({ items: [], nextCursor: null });
    });

    it('accepts a token expired less than the clock skew ago', async () => {
      expect((await me(await idp.token({ expiresIn: -10 }))).status).toBe(200);
    });

    const battery: [string, () => Promise<string>][] = [
      ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${(await idp.token()).split('.')[1]}.`],
      [
        'HS256 signed with the RS256 public key',
        async () => {
          const publicPem = idp.key.publicKey.export({ type: 'spki', format: 'pem' });
          const [, payload] = (await idp.token()).split('.');
          return new SignJWT(JSON.parse(Buffer.from(payload as string, 'base64url').toString()))
            .setProtectedHeader({ alg: 'HS256', kid: idp.kid, typ: 'JWT' })
            .sign(new Uint8Array(Buffer.from(publicPem)));
        },
      ],
      ['a wrong audience', () => idp.token({ audience: 'another-application' })],
      ['a wrong issuer', () => idp.token({ issuer: 'https://login.example.org/realms/other' })],
      ['expired beyond the clock skew', () => idp.token({ expiresIn: -60 })],
      ['nbf in the future', () => idp.token({ notBefore: 120 })],
      [
        'an unknown kid',
        () =>
          idp.token({
            kid: 'rotated-away',
            key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
          }),
      ],
      [
        'a tampered payload (another province)',
        async () => {
          const [header, payload, signature] = (await idp.token()).split('.');
          const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
          return `${header}.${b64({ ...claims, province: 'zhejiang' })}.${signature}`;
        },
      ],
      [
        'claims that do not fit together (a province officer without a province)',
        () => idp.token({ claims: { province: null } }),
      ],
      ['not a JWT at all', async () => 'not-a-token'],
    ];

    it.each(battery)('rejects %s with 401 and no tenant data, over tRPC and REST', async (_name, forge) => {
      const token = await forge();
      expectRejectedToken(await me(token));
      expectRejectedToken(await meOverRest(token));
      expectRejectedToken(await trpcCall(stack, token, 'plan.list', 'query', {}));
    });
  });

  describe('the built-in identity provider', () => {
    it('signs in with an access token and a refresh token; refresh rotates; a reused refresh token ends the session', async () => {
      const first = await devLogin(stack, 'guangzhou-officer');
      expect((await me(first.accessToken)).status).toBe(200);

      const refreshed = await trpcCall(stack, undefined, 'auth.refresh', 'mutation', {
        refreshToken: first.refreshToken,
      });
      expect(refreshed.status).toBe(200);
      const second = trpcData<{ accessToken: string; refreshToken: string }>(refreshed);
      expect(second?.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second?.accessToken as string)).status).toBe(200);

      // the first refresh token again: someone else holds it, so the whole family is revoked
      const replay = await trpcCall(stack, undefined, 'auth.refresh', 'mutation', {
        refreshToken: first.refreshToken,
      });
      expect(replay.status).toBe(401);
      expect(trpcError(replay)?.data).toMatchObject({
        appCode: 'REFRESH_TOKEN_REJECTED',
        details: { reason: 'reused' },
      });
      const afterTheft = await trpcCall(stack, undefined, 'auth.refresh', 'mutation', {
        refreshToken: second?.refreshToken,
      });
      expect(afterTheft.status).toBe(401);
    });

    it('logout revokes the refresh token', async () => {
      const session = await devLogin(stack, 'shenzhen-officer');
      const out = await trpcCall(stack, undefined, 'auth.logout', 'mutation', {
        refreshToken: session.refreshToken,
      });
      expect(trpcData(out)).toEqual({ revoked: true });
      const refresh = await trpcCall(stack, undefined, 'auth.refresh', 'mutation', {
        refreshToken: session.refreshToken,
      });
      expect(refresh.status).toBe(401);
      expect(trpcError(refresh)?.data).toMatchObject({
        appCode: 'REFRESH_TOKEN_REJECTED',
        details: { reason: 'revoked' },
      });
      expectBilingualError(trpcError(refresh)?.data);
    });

    it('publishes its keys as a JWKS', async () => {
      const jwks = await http(`${stack.gatewayUrl}/.well-known/jwks.json`);
      expect((jwks.body as { keys: { kty: string; alg: string; d?: string }[] }).keys[0]).toMatchObject({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
      });
      expect(jwks.text).not.toContain('"d"');
    });
  });

  describe('the tenant comes from the verified token only', () => {
    let token: string;
    beforeAll(async () => {
      token = (await devLogin(stack, 'guangdong-province')).accessToken;
    });

    it('refuses a header naming another tenant, and changes nothing when it names the own one', async () => {
      const other = await trpcCall(stack, token, 'plan.list', 'query', {}, { 'x-tenant': 'zhejiang' });
      expect(other.status).toBe(403);
      expect((other.body as { error: { appCode: string } }).error.appCode).toBe('TENANT_MISMATCH');
      const own = await trpcCall(stack, token, 'plan.list', 'query', {}, { 'x-tenant-id': 'guangdong' });
      expect(own.status).toBe(200);
    });

    it('refuses a query parameter naming another tenant (REST)', async () => {
      // a GET route: its input is the query string
      const answer = await http(`${stack.gatewayUrl}/api/plan/get?planId=${randomUUID()}&tenant=zhejiang`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(403);
      expect((answer.body as { error: { appCode: string } }).error.appCode).toBe('TENANT_MISMATCH');
    });

    it('refuses another tenant in the body; the own tenant is an unknown key to the strict input', async () => {
      const other = await trpcCall(stack, token, 'plan.list', 'query', { tenant: 'zhejiang' });
      expect(trpcError(other)?.data).toMatchObject({ code: 'FORBIDDEN', appCode: 'TENANT_MISMATCH' });
      const nested = await trpcCall(stack, token, 'plan.create', 'mutation', {
        pilotAreaId: 'guangzhou',
        title: { 'zh-CN': '方案', en: 'plan' },
        tasks: [],
        meta: { province: 'zhejiang' },
      });
      expect(trpcError(nested)?.data).toMatchObject({ appCode: 'TENANT_MISMATCH' });
      const own = await trpcCall(stack, token, 'plan.list', 'query', { tenant: 'guangdong' });
      expect(own.status).toBe(400);
      expect(trpcError(own)?.data).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    });
  });

  describe('roles', () => {
    it('an operator manages users and tenants but gets no domain data', async () => {
      const operator = (await devLogin(stack, 'operator')).accessToken;
      const tenants = trpcData<{ id: string; users: number }[]>(
        await trpcCall(stack, operator, 'operator.tenant.list', 'query', {}),
      );
      expect(tenants?.map((t) => t.id).sort()).toEqual([...provinceIds].sort());
      expect(tenants?.find((t) => t.id === 'guangdong')?.users).toBe(3);

      const domain = await trpcCall(stack, operator, 'plan.list', 'query', {});
      expect(trpcError(domain)?.data).toMatchObject({ code: 'FORBIDDEN', appCode: 'ROLE_NOT_ALLOWED' });

      const created = await trpcCall(stack, operator, 'operator.user.create', 'mutation', {
        username: 'gd-new-officer',
        displayName: '广东省商务厅新同事',
        tenant: 'guangdong',
        roles: ['province-officer'],
        organisationId: 'guangdong',
        password: 'a-long-enough-password',
      });
      expect(created.status).toBe(200);
      const session = await devLogin(stack, 'gd-new-officer', 'a-long-enough-password');
      expect(trpcData(await me(session.accessToken))).toMatchObject({ tenant: 'guangdong' });

      const misplaced = await trpcCall(stack, operator, 'operator.user.create', 'mutation', {
        username: 'gd-misplaced',
        displayName: '错位用户',
        tenant: 'guangdong',
        roles: ['province-officer'],
        organisationId: 'hangzhou',
        password: 'a-long-enough-password',
      });
      expect(trpcError(misplaced)?.data).toMatchObject({ appCode: 'ORGANISATION_DOES_NOT_FIT' });

      // disabling ends the user's sessions at once
      await trpcCall(stack, operator, 'operator.user.setDisabled', 'mutation', {
        username: 'gd-new-officer',
        disabled: true,
      });
      const refresh = await trpcCall(stack, undefined, 'auth.refresh', 'mutation', {
        refreshToken: session.refreshToken,
      });
      expect(refresh.status).toBe(401);

      // the changes are on the record, without the password
      const ministry = (await devLogin(stack, 'mofcom-officer')).accessToken;
      const record = await trpcCall(stack, ministry, 'audit.crossProvinceCalls', 'query', {
        procedure: 'operator.user.create',
      });
      expect(trpcData<{ userId: string; input: string }[]>(record)?.map((e) => e.userId)).toEqual([
        'operator',
        'operator',
      ]);
      expect(record.text).toContain('gd-new-officer');
      expect(record.text).not.toContain('a-long-enough-password');
    });

    it('an operator sees and replays dead letters (here: an event whose header tenant differs from its envelope)', async () => {
      const operator = (await devLogin(stack, 'operator')).accessToken;
      const kafka = await StackKafka.connect(stack, 'e2e-operator');
      try {
        const envelope = { ...caseCompletedFixture, id: randomUUID() };
        await kafka.send(topics.approvalCase, {
          key: envelope.aggregateId,
          value: JSON.stringify(envelope),
          headers: { 'event-type': envelope.type, tenant: 'zhejiang' },
        });
        const listed = await eventually(
          async () => {
            const list = trpcData<{ topic: string; deadLetters: number }[]>(
              await trpcCall(stack, operator, 'operator.deadLetter.list', 'query', {}),
            );
            return list?.find((l) => l.topic === topics.approvalCase && l.deadLetters === 1) && list;
          },
          { description: 'the operator sees the dead letter', timeoutMs: 20_000 },
        );
        expect(listed.find((l) => l.topic === topics.plan)).toEqual({ topic: topics.plan, deadLetters: 0 });
        // every topic of the event catalog, not a list kept by hand
        expect(listed.map((l) => l.topic).sort()).toEqual([...catalogTopics].sort());
        const dry = trpcData<{ replayed: number; letters: { eventId: string; error: string }[] }>(
          await trpcCall(stack, operator, 'operator.deadLetter.replay', 'mutation', {
            topic: topics.approvalCase,
            eventId: envelope.id,
            dryRun: true,
          }),
        );
        expect(dry?.replayed).toBe(0);
        expect(dry?.letters).toEqual([
          expect.objectContaining({ eventId: envelope.id, error: expect.stringContaining('tenant') }),
        ]);
      } finally {
        await kafka.close();
      }
      const province = (await devLogin(stack, 'guangdong-province')).accessToken;
      const denied = await trpcCall(stack, province, 'operator.deadLetter.list', 'query', {});
      expect(trpcError(denied)?.data).toMatchObject({ code: 'FORBIDDEN' });
      // the operator's change is on the record the ministry reads
      const ministry = (await devLogin(stack, 'mofcom-officer')).accessToken;
      const record = trpcData<{ kind: string; userId: string }[]>(
        await trpcCall(stack, ministry, 'audit.crossProvinceCalls', 'query', {
          procedure: 'operator.deadLetter.replay',
        }),
      );
      expect(record?.[0]).toMatchObject({ kind: 'platform-change', userId: 'operator' });
    });

    it('an operator sees a quarantined outbox entry of a service with its error, and replays it', async () => {
      const operator = (await devLogin(stack, 'operator')).accessToken;
      const eventId = randomUUID();
      const planId = randomUUID();
      // what the plans relay leaves when the broker refuses an entry (too large, say)
      const client = await MongoClient.connect(stack.mongoUrl);
      try {
        await client
          .db(`${stack.databasePrefix}plans_guangdong`)
          .collection<{ _id: string; [field: string]: unknown }>('outbox_quarantine')
          .insertOne({
            _id: eventId,
            entry: {
              id: eventId,
              // no consumer handles this type: the replay is seen by the entry leaving quarantine
              type: 'plan.quarantine-probe.v1',
              topic: topics.plan,
              key: planId,
              tenant: 'guangdong',
              payload: JSON.stringify({ id: eventId, tenant: 'guangdong' }),
              traceparent: null,
              tracestate: null,
              createdAt: new Date().toISOString(),
            },
            collection: 'plans',
            aggregateId: planId,
            error: 'The request included a message larger than the max message size the server will accept',
            reason: 'too-large',
            attempts: 1,
            quarantinedAt: new Date(),
            replayRequestedAt: null,
            replayRequestedBy: null,
          });
      } finally {
        await client.close();
      }
      type Listed = { service: string; reachable: boolean; entries: { eventId: string; error: string }[] }[];
      const listed = trpcData<Listed>(
        await trpcCall(stack, operator, 'operator.quarantine.list', 'query', {}),
      );
      expect(listed?.find((l) => l.service === 'plans')).toMatchObject({
        reachable: true,
        entries: [expect.objectContaining({ eventId, error: expect.stringContaining('max message size') })],
      });

      const unknown = await trpcCall(stack, operator, 'operator.quarantine.replay', 'mutation', {
        service: 'plans',
        tenant: 'guangdong',
        eventId: randomUUID(),
      });
      expect(trpcError(unknown)?.data).toMatchObject({ code: 'NOT_FOUND' });
      expectBilingualError(trpcError(unknown)?.data);
      const replay = await trpcCall(stack, operator, 'operator.quarantine.replay', 'mutation', {
        service: 'plans',
        tenant: 'guangdong',
        eventId,
      });
      expect(trpcData(replay)).toEqual({ requested: true });
      await eventually(
        async () => {
          const now = trpcData<Listed>(
            await trpcCall(stack, operator, 'operator.quarantine.list', 'query', {}),
          );
          return now?.find((l) => l.service === 'plans')?.entries.every((e) => e.eventId !== eventId);
        },
        { description: 'the replayed entry published and out of quarantine', timeoutMs: 30_000 },
      );
      const province = (await devLogin(stack, 'guangdong-province')).accessToken;
      const denied = await trpcCall(stack, province, 'operator.quarantine.list', 'query', {});
      expect(trpcError(denied)?.data).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('a department liaison is a national user who reaches no province data', async () => {
      const liaison = (await devLogin(stack, 'mct-liaison')).accessToken;
      expect(trpcData(await me(liaison))).toMatchObject({
        tenant: null,
        roles: ['department-liaison'],
        organisationId: 'mct',
      });
      const plans = await trpcCall(stack, liaison, 'plan.list', 'query', {});
      expect(trpcError(plans)?.data).toMatchObject({ code: 'FORBIDDEN' });
      const cases = await trpcCall(stack, liaison, 'case.listOpen', 'query', {});
      expect(trpcError(cases)?.data).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('failed sign-ins are rate-limited', () => {
    const attempt = (username: string, password: string) =>
      trpcCall(stack, undefined, 'auth.devLogin', 'mutation', { username, password });

    it('per account: after 3 failures even the right password is refused for a while', async () => {
      for (let i = 0; i < 3; i += 1)
        expect((await attempt('xiamen-officer', 'wrong-password')).status).toBe(401);
      const blocked = await attempt('xiamen-officer', 'test-password-1');
      expect(blocked.status).toBe(429);
      expect(trpcError(blocked)?.data).toMatchObject({ appCode: 'LOGIN_RATE_LIMITED' });
      expectBilingualError(trpcError(blocked)?.data);
      // another account from the same address still signs in
      expect((await attempt('hefei-officer', 'test-password-1')).status).toBe(200);
    });

    it('per address: failures across many accounts block the address', async () => {
      // 3 failures so far from this address; the limit is 12
      for (let i = 0; i < 9; i += 1) expect((await attempt(`nobody-${i}`, 'guess')).status).toBe(401);
      const blocked = await attempt('wuhan-officer', 'test-password-1');
      expect(blocked.status).toBe(429);
      expect(trpcError(blocked)?.data).toMatchObject({ appCode: 'LOGIN_RATE_LIMITED' });
    });
  });
});
