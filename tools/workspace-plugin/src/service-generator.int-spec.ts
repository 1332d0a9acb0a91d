import { generateInternalKeyPair } from '@tradepilot/auth';
import { deletePrefixedTopics, dropPrefixedDatabases } from '@tradepilot/test-stack';
import { infraConnection, repoRoot, uniqueSuffix } from '@tradepilot/testing';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WorkspaceCopy } from './workspace-copy';

const run = promisify(execFile);
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

/** A command in the copy: its output, and whether it succeeded (never throws). */
async function inCopy(copy: WorkspaceCopy, command: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(join(copy.root, 'node_modules/.bin', command), args, {
      cwd: copy.root,
      env: nxEnv,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (err) {
    const failed = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}${failed.message}` };
  }
}

// each step runs Nx or TypeScript over the copy, on a machine the rest of the suite keeps busy
const minutes = (n: number) => n * 60_000;

const listedFiles = (output: string) =>
  [...output.matchAll(/^(?:CREATE|UPDATE) (\S+)/gm)].map((m) => m[1] as string).sort();

// what a new service's procedures are called in the generated code: `fieldVisit.create`, …
const service = 'field-visits';
const aggregate = 'fieldVisit';

describe('nx g @tradepilot/workspace:service: a new service wired everywhere, in a copy of the workspace', () => {
  let copy: WorkspaceCopy;
  let generated: { ok: boolean; output: string };
  beforeAll(() => {
    copy = new WorkspaceCopy(repoRoot());
  });
  afterAll(() => copy?.remove());

  it(
    '--dry-run shows every file and writes none',
    async () => {
      const dry = await inCopy(copy, 'nx', [
        'g',
        '@tradepilot/workspace:service',
        service,
        '--dry-run',
        '--skip-install',
      ]);
      expect(dry.ok).toBe(true);
      expect(listedFiles(dry.output)).toEqual(
        expect.arrayContaining(['apps/field-visits/src/main.ts', 'packages/gateway/src/app-router.ts']),
      );
      expect(copy.changedFiles()).toEqual([]);
    },
    minutes(2),
  );

  it(
    'writes exactly the files it lists, and the workspace stays in sync (project references)',
    async () => {
      generated = await inCopy(copy, 'nx', ['g', '@tradepilot/workspace:service', service, '--skip-install']);
      expect(generated.ok).toBe(true);
      const listed = listedFiles(generated.output);
      expect(listed.length).toBeGreaterThan(30);
      expect(copy.changedFiles().sort()).toEqual(listed);
      copy.linkModules(); // what npm install does after a real run
      const sync = await inCopy(copy, 'nx', ['sync:check']);
      expect(sync.output).not.toContain('out of sync');
      expect(sync.ok).toBe(true);
    },
    minutes(2),
  );

  it(
    "passes its own lint and tests on the real stack, and the contracts', compose file's and README's checks",
    async () => {
      const lint = await inCopy(copy, 'eslint', [`packages/${service}`, `apps/${service}`]);
      if (!lint.ok) throw new Error(lint.output.slice(-6000));
      // one Jest over the new service, the event fixtures, the ACL table and the compose file
      const tests = await inCopy(copy, 'jest', [
        '--projects',
        `packages/${service}`,
        'packages/contracts',
        'tools/compose-init',
        'infra',
        // the infra scripts' own test starts servers: not what a new service changes
        '--testPathIgnorePatterns',
        'local-infra-scripts',
      ]);
      if (!tests.ok) throw new Error(tests.output.slice(-6000));
      expect(tests.output).toContain('field-visit.int-spec.ts');
      expect(tests.output).toContain('event-fixtures.spec.ts');
      expect(tests.output).toContain('deployment-access.spec.ts');
      expect(tests.output).toContain('compose-file.spec.ts');
    },
    minutes(4),
  );

  it(
    'typechecks, with its router in the typed client every caller uses',
    async () => {
      writeFileSync(
        join(copy.root, 'packages/gateway/src/generated-service-client.ts'),
        [
          "import type { inferRouterInputs } from '@trpc/server';",
          "import type { AppRouter } from './app-router';",
          `export type Creation = inferRouterInputs<AppRouter>['${aggregate}']['create'];`,
          "export const sample: Creation = { title: { 'zh-CN': '示例', en: 'Sample' } };",
          '',
        ].join('\n'),
      );
      // the contracts changed: their declarations first; every other project is used through its
      // built declarations (project references), so only the new code and the gateway's are checked
      const contracts = await inCopy(copy, 'tsc', ['-b', 'packages/contracts/tsconfig.lib.json']);
      if (!contracts.ok) throw new Error(contracts.output.slice(-6000));
      const newOrGateway = new RegExp(`^(packages|apps)/(${service}|gateway)$`);
      writeFileSync(
        join(copy.root, 'tsconfig.generated-check.json'),
        JSON.stringify({
          extends: './tsconfig.base.json',
          compilerOptions: {
            composite: false,
            noEmit: true,
            declaration: false,
            declarationMap: false,
            emitDeclarationOnly: false,
            types: ['node', 'jest'],
          },
          include: [
            `packages/${service}/src/**/*.ts`,
            `apps/${service}/src/**/*.ts`,
            'packages/gateway/src/generated-service-client.ts',
          ],
          references: copy
            .workspaces()
            .filter((w) => !newOrGateway.test(w) && existsSync(join(copy.root, w, 'tsconfig.lib.json')))
            .map((w) => ({ path: `./${w}/tsconfig.lib.json` })),
        }),
      );
      const typecheck = await inCopy(copy, 'tsc', ['-p', 'tsconfig.generated-check.json']);
      if (!typecheck.ok) throw new Error(typecheck.output.slice(-6000));
    },
    minutes(4),
  );

  it(
    'answers through the gateway: a call, the OpenAPI document, the operators’ dead-letter view',
    async () => {
      const infra = infraConnection();
      const prefix = `gen${uniqueSuffix()}`;
      const keys = generateInternalKeyPair();
      const fromCopy = <T>(path: string) => require(join(copy.root, path)) as T;
      type Running = { url: string; stop(): Promise<void> };
      const { startService } = fromCopy<{
        startService(d: unknown, o: { env: Record<string, string> }): Promise<Running>;
      }>('packages/platform/service-kit/src/index.ts');
      const { gatewayService } = fromCopy<{ gatewayService: unknown }>('packages/gateway/src/index.ts');
      const { fieldVisitsService } = fromCopy<{ fieldVisitsService: unknown }>(
        `packages/${service}/src/index.ts`,
      );
      const common = {
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URL: infra.mongoUrl,
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: `${prefix}.`,
        DATABASE_PREFIX: `${prefix}_`,
        INTERNAL_TOKEN_PUBLIC_KEY: keys.publicKeyPem,
        LOG_LEVEL: 'warn',
      };
      const started: Running[] = [];
      try {
        const visits = await startService(fieldVisitsService, { env: common });
        started.push(visits);
        const gateway = await startService(gatewayService, {
          env: {
            ...common,
            INTERNAL_TOKEN_PRIVATE_KEY: keys.privateKeyPem,
            FIELD_VISITS_URL: visits.url,
            DEV_LOGIN_ENABLED: 'true',
            DEV_USERS_PASSWORD: 'test-password-1',
            PASSWORD_HASH_COST: '12',
          },
        });
        started.push(gateway);
        const call = async (
          path: string,
          input: unknown,
          token?: string,
          method: 'POST' | 'GET' = 'POST',
        ) => {
          const url = `${gateway.url}/trpc/${path}${method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : ''}`;
          const answer = await fetch(url, {
            method,
            headers: {
              'content-type': 'application/json',
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
          });
          return {
            status: answer.status,
            body: (await answer.json()) as { result?: { data: never }; error?: unknown },
          };
        };
        const signIn = async (username: string) => {
          const answer = await call('auth.devLogin', { username, password: 'test-password-1' });
          return (answer.body.result?.data as unknown as { accessToken: string }).accessToken;
        };

        const officer = await signIn('guangzhou-officer');
        const title = { 'zh-CN': '实地调研', en: 'A field visit' };
        const created = await call(`${aggregate}.create`, { title }, officer);
        expect(created.status).toBe(200);
        const record = created.body.result?.data as unknown as { id: string; pilotAreaId: string };
        expect(record.pilotAreaId).toBe('guangzhou');
        const read = await call(`${aggregate}.get`, { [`${aggregate}Id`]: record.id }, officer, 'GET');
        expect(read.body.result?.data).toMatchObject({ id: record.id, title });
        // the policy table came with the service: another province's officer is refused its national read
        const refused = await call(`${aggregate}.nationalList`, {}, officer, 'GET');
        expect(refused.status).toBe(403);

        const openapi = (await (await fetch(`${gateway.url}/openapi.json`)).json()) as { paths: object };
        expect(
          Object.keys(openapi.paths).some((p) => p.includes('field-visit') || p.includes(aggregate)),
        ).toBe(true);

        const operator = await signIn('operator');
        const deadLetters = await call('operator.deadLetter.list', {}, operator, 'GET');
        expect(deadLetters.body.result?.data).toEqual(
          expect.arrayContaining([{ topic: `${service}.field-visit`, deadLetters: 0 }]),
        );
      } finally {
        for (const app of started.reverse()) await app.stop();
        await dropPrefixedDatabases(infra.mongoUrl, `${prefix}_`, [service, 'gateway']);
        await deletePrefixedTopics(infra.kafkaBrokers, `${prefix}.`).catch(() => undefined);
      }
    },
    minutes(2),
  );
});
