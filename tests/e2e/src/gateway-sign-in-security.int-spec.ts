import { AppProcess } from '@tradepilot/local-stack';
import { eventually, startTestStack, testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { exportJWK, SignJWT, type JWK } from 'jose';
import { MongoClient } from 'mongodb';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  devLogin,
  http,
  trpcBatch,
  trpcCall,
  trpcData,
  trpcError,
  type HttpAnswer,
} from './test/gateway-http';

/** An OpenID Connect provider of our own that can issue access tokens and ID tokens. */
class OidcProvider {
  readonly issuer = 'https://sso.example.gov.cn/realms/tradepilot';
  readonly audience = 'tradepilot-api';
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const jwks = JSON.stringify({
      keys: [{ ...((await exportJWK(this.key.publicKey)) as JWK), kid: 'k1', alg: 'RS256' }],
    });
    this.server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
    );
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/certs`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  token(claims: Record<string, unknown>, typ = 'at+jwt'): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject('oidc-user-li')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(this.key.privateKey);
  }
}

const statuses = (answers: HttpAnswer[]) =>
  answers.map((a) => a.status).reduce<Record<number, number>>((n, s) => ({ ...n, [s]: (n[s] ?? 0) + 1 }), {});

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe('gateway security: sign-in throttle, password hashing, access tokens, revocation, refresh rotation', () => {
  const oidc = new OidcProvider();
  let stack: TestStack;
  let mongo: MongoClient;
  const gatewayDb = () => mongo.db(`${stack.databasePrefix}gateway_national`);

  beforeAll(async () => {
    await oidc.start();
    stack = await startTestStack({
      apps: ['gateway'],
      appEnv: {
        gateway: {
          OIDC_JWKS_URL: oidc.url,
          OIDC_ISSUER: oidc.issuer,
          OIDC_AUDIENCE: oidc.audience,
          LOGIN_FAILURES_PER_ACCOUNT: '3',
          LOGIN_FAILURES_PER_ADDRESS: '60',
          // 2^15: slow enough (tens of ms) that skipping the hash for unknown users would show
          PASSWORD_HASH_COST: '15',
          USER_RECHECK_MS: '1000',
        },
      },
    });
    mongo = await MongoClient.connect(stack.mongoUrl, { directConnection: true });
  });
  afterAll(async () => {
    await mongo?.close();
    await stack?.close();
    await oidc.stop();
  });

  const attempt = (username: string, password: string, url = stack.gatewayUrl) =>
    http(`${url}/trpc/auth.devLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const me = (token: string) => trpcCall(stack, token, 'auth.me', 'query', {});

  describe('the sign-in throttle', () => {
    it('reserves each attempt before the password check: of 10 parallel guesses only 3 reach it', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attempt('guangzhou-officer', `wrong-guess-${i}`)),
      );
      expect(statuses(answers)).toEqual({ 401: 3, 429: 7 });
      const blocked = answers.find((a) => a.status === 429) as HttpAnswer;
      expect(trpcError(blocked)?.data).toMatchObject({ appCode: 'LOGIN_RATE_LIMITED' });
      expect((await attempt('guangzhou-officer', testUserPassword)).status).toBe(429);
    });

    it('counts every auth.devLogin of one tRPC batch', async () => {
      const batch = await trpcBatch(
        stack,
        undefined,
        'mutation',
        Array.from({ length: 6 }, (_, i) => ({
          path: 'auth.devLogin',
          input: { username: 'shenzhen-officer', password: `batch-guess-${i}` },
        })),
      );
      const codes = (batch.body as { error?: { data: { httpStatus: number } } }[]).map(
        (c) => c.error?.data.httpStatus,
      );
      expect(codes.filter((c) => c === 401)).toHaveLength(3);
      expect(codes.filter((c) => c === 429)).toHaveLength(3);
      expect((await attempt('shenzhen-officer', testUserPassword)).status).toBe(429);
    });

    it('is kept in the database: another gateway replica and a restarted gateway see the same count', async () => {
      for (let i = 0; i < 3; i += 1) expect((await attempt('dalian-officer', 'wrong')).status).toBe(401);
      const claims = await gatewayDb()
        .collection('login_attempts')
        .countDocuments({ counter: 'account:dalian-officer' });
      expect(claims).toBe(3);

      const gateway = stack.app('gateway');
      const replica = new AppProcess({
        ...gateway.options,
        port: 0,
        logFile: `${gateway.options.logFile}.replica`,
      });
      await replica.start();
      try {
        expect((await attempt('dalian-officer', testUserPassword, replica.url)).status).toBe(429);
      } finally {
        await replica.stop();
      }
      await gateway.stop();
      await gateway.start();
      expect((await attempt('dalian-officer', testUserPassword)).status).toBe(429);
      // an account that was not guessed at signs in, and its attempt is given back
      expect((await attempt('qingdao-officer', testUserPassword)).status).toBe(200);
      expect(
        await gatewayDb().collection('login_attempts').countDocuments({ counter: 'account:qingdao-officer' }),
      ).toBe(0);
    });

    it('answers an unknown user as slowly as a wrong password for a known one', async () => {
      const timed = async (username: string) => {
        const started = performance.now();
        const answer = await attempt(username, 'not-the-password');
        expect(answer.status).toBe(401);
        return performance.now() - started;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (const user of [
        'changchun-officer',
        'harbin-officer',
        'jinan-officer',
        'chengdu-officer',
        'kunming-officer',
      ]) {
        known.push(await timed(user));
        unknown.push(await timed(`${user}-who-is-not`));
      }
      expect(median(unknown)).toBeGreaterThan(0.6 * median(known));
    });

    it('upgrades a hash made with older parameters at the next sign-in', async () => {
      const salt = randomBytes(16);
      const key = scryptSync('an-old-password-1', salt, 32, { N: 1024, r: 8, p: 1 });
      await gatewayDb()
        .collection<{ _id: string; [field: string]: unknown }>('users')
        .insertOne({
          _id: 'legacy-officer',
          displayName: '旧账户',
          passwordHash: ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join(
            '$',
          ),
          tenant: 'guangdong',
          roles: ['province-officer'],
          organisationId: 'guangdong',
          disabled: false,
          createdAt: new Date(),
        });
      await devLogin(stack, 'legacy-officer', 'an-old-password-1');
      const stored = await gatewayDb()
        .collection<{ _id: string; passwordHash: string }>('users')
        .findOne({ _id: 'legacy-officer' });
      expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
      await devLogin(stack, 'legacy-officer', 'an-old-password-1');
    });
  });

  it('warns at start when the built-in login is on, and a gateway started without it has none', async () => {
    const warning = 'DEV_LOGIN_ENABLED: the built-in identity provider signs users in';
    const gateway = stack.app('gateway');
    const warnings = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes(warning))
        .map((line) => JSON.parse(line) as { level: number | string });
    await eventually(() => warnings(gateway.options.logFile).length > 0, {
      description: 'the start-up warning in the gateway’s log',
    });
    // pino's warn level (40), not info: operators filter on it
    expect(warnings(gateway.options.logFile).every((w) => w.level === 40 || w.level === 'warn')).toBe(true);

    const closed = new AppProcess({
      ...gateway.options,
      port: 0,
      logFile: `${gateway.options.logFile}.dev-login-off`,
      env: { ...gateway.options.env, DEV_LOGIN_ENABLED: 'false', DEV_USERS_PASSWORD: '' },
    });
    await closed.start();
    try {
      expect((await attempt('xiamen-officer', testUserPassword, closed.url)).status).toBe(404);
      expect(warnings(closed.options.logFile)).toEqual([]);
    } finally {
      await closed.stop();
    }
  });

  describe('access tokens', () => {
    it('accepts an OIDC access token (typ at+jwt) and refuses the same claims in an ID token', async () => {
      const claims = { tenant: 'guangdong', roles: ['province-officer'], org: 'guangdong' };
      expect((await me(await oidc.token(claims))).status).toBe(200);
      const idToken = await me(await oidc.token({ ...claims, nonce: 'n-0S6_WzA2Mj' }, 'JWT'));
      expect(idToken.status).toBe(401);
      expect((idToken.body as { error: { appCode: string } }).error.appCode).toBe('INVALID_TOKEN');
    });

    it('refuses a pilot-area officer whose token lacks the organisation claim or names another province’s', async () => {
      const officer = { tenant: 'guangdong', roles: ['pilot-area-officer'] };
      expect((await me(await oidc.token({ ...officer, org: 'guangzhou' }))).status).toBe(200);
      expect((await me(await oidc.token(officer))).status).toBe(401);
      expect((await me(await oidc.token({ ...officer, org: 'hangzhou' }))).status).toBe(401);
    });

    it('disabling a user ends their access within seconds, not at token expiry', async () => {
      const session = await devLogin(stack, 'guiyang-officer');
      expect((await me(session.accessToken)).status).toBe(200);
      const operator = (await devLogin(stack, 'operator')).accessToken;
      const disabled = await trpcCall(stack, operator, 'operator.user.setDisabled', 'mutation', {
        username: 'guiyang-officer',
        disabled: true,
      });
      expect(disabled.status).toBe(200);
      await eventually(async () => (await me(session.accessToken)).status === 401, {
        description: 'the disabled user’s access token stops working',
        timeoutMs: 5000,
      });
      // enabled again, the old token stays dead: a new sign-in is needed
      await trpcCall(stack, operator, 'operator.user.setDisabled', 'mutation', {
        username: 'guiyang-officer',
        disabled: false,
      });
      const again = await devLogin(stack, 'guiyang-officer');
      // the gateway re-reads a user at most every USER_RECHECK_MS, in both directions
      await eventually(async () => (await me(again.accessToken)).status === 200, {
        description: 'the re-enabled user’s new access token works',
        timeoutMs: 5000,
      });
      expect((await me(session.accessToken)).status).toBe(401);
    });
  });

  it('rotates a refresh token once: of concurrent refreshes with one token exactly one succeeds', async () => {
    for (let round = 0; round < 3; round += 1) {
      const session = await devLogin(stack, 'urumqi-officer');
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          trpcCall(stack, undefined, 'auth.refresh', 'mutation', { refreshToken: session.refreshToken }),
        ),
      );
      expect(statuses(answers)).toEqual({ 200: 1, 401: 3 });
      const winner = answers.find((a) => a.status === 200) as HttpAnswer;
      expect(trpcData<{ refreshToken: string }>(winner)?.refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    }
  });
});
