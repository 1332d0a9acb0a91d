#!/usr/bin/env node
/**
 * `npm start` (after the build, which the npm script runs first): the local Kafka, FerretDB and
 * Jaeger, then every app as a compiled process on fixed ports, with the demo users. Ctrl-C stops
 * the apps gracefully, then the infrastructure if this command started it (infrastructure that
 * was already running, e.g. for tests, is left running).
 */
import { serviceRegistry, servicePortVariable } from '@tradepilot/contracts';
import {
  ensureInternalKeyFiles,
  ownAppsPlan,
  readInternalKeyFiles,
  stackServiceEnv,
  seedDemoLibrary,
  seedDemoSupervision,
  startLocalStack,
  type AppName,
} from '@tradepilot/local-stack';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const env = process.env;
const root = resolve(__dirname, '../../..');
const infraDir = env['TRADEPILOT_INFRA_DIR'] ?? join(root, '.infra');
const demoPassword = env['TRADEPILOT_DEMO_PASSWORD'] ?? 'tradepilot-demo';
// services the developer runs themselves (from their build, in watch mode): TRADEPILOT_OWN_APPS=plans,…
const ownApps = (env['TRADEPILOT_OWN_APPS'] ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

const infra = (verb: 'up' | 'down' | 'status', quiet = false) =>
  spawnSync(join(root, 'infra/local/infra.sh'), [verb], { stdio: quiet ? 'ignore' : 'inherit' }).status === 0;

async function main(): Promise<void> {
  const infraWasUp = infra('status', true);
  if (!infraWasUp && !infra('up'))
    throw new Error('the local infrastructure did not start (npm run infra:logs)');
  const { publicKeyPath } = ensureInternalKeyFiles(join(infraDir, 'keys'));
  const logDir = join(infraDir, 'logs');
  const keys = readInternalKeyFiles(join(infraDir, 'keys'));
  // fixed ports, each movable by <NAME>_PORT
  const ports = Object.fromEntries(
    serviceRegistry.map((s) => [s.name, Number(env[servicePortVariable(s.name)] ?? s.port)]),
  );
  const connections = {
    prefix: '',
    kafkaBrokers: [`${env['KAFKA_HOST'] ?? '127.0.0.1'}:${env['KAFKA_PORT'] ?? 9092}`],
    mongoUrl: `mongodb://${env['FERRETDB_HOST'] ?? '127.0.0.1'}:${env['FERRETDB_PORT'] ?? 27017}/`,
    otlpEndpoint: `http://${env['JAEGER_HOST'] ?? '127.0.0.1'}:${env['JAEGER_OTLP_HTTP_PORT'] ?? 4318}`,
    env: {
      DEV_LOGIN_ENABLED: 'true',
      DEV_USERS_PASSWORD: demoPassword,
      LOG_LEVEL: env['LOG_LEVEL'] ?? 'info',
    },
  };
  const own = ownAppsPlan(ownApps, { ports, common: stackServiceEnv(connections, keys), publicKeyPath });
  const stack = await startLocalStack({
    ...connections,
    root,
    apps: own.started as AppName[],
    jaegerQueryUrl: `http://${env['JAEGER_HOST'] ?? '127.0.0.1'}:${env['JAEGER_QUERY_PORT'] ?? 16686}`,
    logDir,
    keys,
    ports,
    // the illustrative measures catalog, loaded once into an empty catalog
    appEnv: { plans: { SAMPLE_CATALOG: 'if-empty' }, gateway: own.gatewayUrls },
  });
  const ownRuns = Object.entries(own.envFiles).map(([name, text]) => {
    const file = join(infraDir, `own-${name}.env`);
    writeFileSync(file, text);
    return [
      `  ${name} is yours (port ${ports[name]}): rebuild it on change and run it, restarted after each build:`,
      `    npx tsc -b apps/${name} --watch`,
      `    node --env-file=${file} --watch --enable-source-maps --require ./apps/${name}/dist/instrumentation.js ./apps/${name}/dist/main.js`,
    ].join('\n');
  });

  const jaeger = `http://${env['JAEGER_HOST'] ?? '127.0.0.1'}:${env['JAEGER_QUERY_PORT'] ?? 16686}`;
  // the gateway serves the console at / once apps/console has been built
  const consoleBuilt = existsSync(join(root, 'apps/console/dist/index.html'));
  process.stdout.write(
    [
      '',
      `Tradepilot is running.`,
      `  gateway            ${stack.gatewayUrl}  (tRPC ${stack.gatewayUrl}/trpc, API reference ${stack.gatewayUrl}/docs)`,
      ...(consoleBuilt ? [`  console            ${stack.gatewayUrl}/`] : []),
      `  Jaeger query API   ${jaeger}/api/traces?service=gateway  (a trace by id: ${jaeger}/api/traces/<x-trace-id>)`,
      `  logs               ${logDir}/<app>.log`,
      ...ownRuns,
      '',
      `Demo logins (password: ${demoPassword}), e.g. with auth.devLogin:`,
      '  guangdong-province    province officer, Guangdong',
      '  guangzhou-officer     pilot-area officer, Guangzhou',
      '  beijing-officer       Beijing (one government is both pilot area and province)',
      '  mofcom-officer        ministry officer (MOFCOM)',
      '  safe-liaison          department liaison (State Administration of Foreign Exchange)',
      '  operator              operator',
      '  Every province has <province>-province, every pilot area <area>-officer.',
      `  curl -X POST ${stack.gatewayUrl}/trpc/auth.devLogin -H 'content-type: application/json' \\`,
      `    -d '{"username":"mofcom-officer","password":"${demoPassword}"}'`,
      '',
      infraWasUp
        ? 'To stop: Ctrl-C stops the apps (the infrastructure was already running and keeps running; npm run infra:down stops it).'
        : 'To stop: Ctrl-C stops the apps, then the infrastructure.',
      '',
    ].join('\n'),
  );

  // the demo data, once, through the gateway and the real flows (plans, cases and reports go
  // through the approvals engine, so it takes some seconds after the banner)
  void seedDemoLibrary({ gatewayUrl: stack.gatewayUrl, password: demoPassword })
    .then(
      (r) =>
        process.stdout.write(
          r.seeded
            ? `Demo practices library: batch 1 with ${r.practices} illustrative cases and ${r.adoptions} adoptions.\n`
            : `Demo practices library: left as it was (${r.reason}).\n`,
        ),
      (err: Error) => process.stderr.write(`Demo practices library not seeded: ${err.message}\n`),
    )
    .then(() => seedDemoSupervision({ gatewayUrl: stack.gatewayUrl, password: demoPassword }))
    .then(
      (r) =>
        process.stdout.write(
          r.seeded
            ? `Demo supervision: ${r.plans} approved plans, period ${r.periodId} open with ${r.reports} reports, key issue ${r.keyIssueId} at the ministry.\n`
            : `Demo supervision: left as it was (${r.reason}).\n`,
        ),
      (err: Error) => process.stderr.write(`Demo supervision not seeded: ${err.message}\n`),
    );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the apps…\n`);
    stack.stop().then(
      () => process.exit(infraWasUp || infra('down') ? 0 : 1),
      (err: Error) => {
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`could not start Tradepilot: ${err.message}\n`);
  process.exit(1);
});
