import { serviceUrlVariable } from '@tradepilot/contracts';
import { generateInternalKeyPair, type InternalKeyPair } from '@tradepilot/auth';
import { join } from 'node:path';
import { AppProcess, type AppName } from './app-process';

export interface LocalStackOptions {
  root: string;
  apps: AppName[];
  kafkaBrokers: string[];
  mongoUrl: string;
  /** OTLP/HTTP base URL of the trace backend */
  otlpEndpoint: string;
  /** Jaeger's query API: the gateway's trace screens for operators read it */
  jaegerQueryUrl?: string;
  /** prefixes topics, databases and consumer groups: stacks sharing servers never meet ('' for none) */
  prefix: string;
  logDir: string;
  keys?: InternalKeyPair;
  /** environment for every app, then per app */
  env?: Record<string, string>;
  appEnv?: Partial<Record<AppName, Record<string, string>>>;
  ports?: Partial<Record<AppName, number>>;
  /** extra node options for every app (profiling) */
  nodeArgs?: string[];
}

export interface LocalStack {
  /** the internal-token keys the stack runs with (tests mint tokens to call a service directly) */
  keys: InternalKeyPair;
  apps: Partial<Record<AppName, AppProcess>>;
  app(name: AppName): AppProcess;
  gatewayUrl: string;
  prefix: string;
  stop(): Promise<void>;
}

/** The gateway also serves the built console (when it was built) and reads traces for operators. */
const gatewayEnv = (options: LocalStackOptions, keys: InternalKeyPair): Record<string, string> => ({
  INTERNAL_TOKEN_PRIVATE_KEY: keys.privateKeyPem,
  CONSOLE_DIR: join(options.root, 'apps/console/dist'),
  ...(options.jaegerQueryUrl ? { JAEGER_QUERY_URL: options.jaegerQueryUrl } : {}),
});

/** What every app of a stack is given (a service its developer runs gets the same). */
export const stackServiceEnv = (
  options: Pick<LocalStackOptions, 'mongoUrl' | 'kafkaBrokers' | 'prefix' | 'otlpEndpoint' | 'env'>,
  keys: InternalKeyPair,
): Record<string, string> => ({
  MONGODB_URL: options.mongoUrl,
  KAFKA_BROKERS: options.kafkaBrokers.join(','),
  KAFKA_TOPIC_PREFIX: options.prefix ? `${options.prefix}.` : '',
  DATABASE_PREFIX: options.prefix ? `${options.prefix.replace(/[^a-zA-Z0-9]/g, '_')}_` : '',
  OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint,
  INTERNAL_TOKEN_PUBLIC_KEY: keys.publicKeyPem,
  ...options.env,
});

/** Starts the apps of this repository as processes wired to each other (services first, then the gateway). */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const keys = options.keys ?? generateInternalKeyPair();
  const common = stackServiceEnv(options, keys);
  const apps: Partial<Record<AppName, AppProcess>> = {};
  for (const app of options.apps) {
    apps[app] = new AppProcess({
      app,
      root: options.root,
      // 0: the OS picks, the app reports it (stacks starting at once never race for a port)
      port: options.ports?.[app] ?? 0,
      logFile: join(options.logDir, options.prefix ? `${options.prefix}-${app}.log` : `${app}.log`),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
      env: {
        ...common,
        ...(app === 'gateway' ? gatewayEnv(options, keys) : {}),
        ...options.appEnv?.[app],
      },
    });
  }
  try {
    // services before the gateway; the services start concurrently
    const services = await Promise.allSettled(
      options.apps.filter((a) => a !== 'gateway').map((a) => (apps[a] as AppProcess).start()),
    );
    const failed = services.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (apps.gateway) {
      // the gateway learns where the services listen once they do
      apps.gateway.setEnv(
        Object.fromEntries(
          options.apps
            .filter((a) => a !== 'gateway')
            .map((a) => [serviceUrlVariable(a), (apps[a] as AppProcess).url]),
        ),
      );
      await apps.gateway.start();
    }
  } catch (err) {
    // every process spawned, ready or not: one that missed its start deadline is still running
    await Promise.all(Object.values(apps).map((p) => p?.stop('SIGKILL')));
    throw err;
  }
  return {
    keys,
    apps,
    prefix: options.prefix,
    gatewayUrl: apps.gateway?.url ?? '',
    app(name) {
      const found = apps[name];
      if (!found) throw new Error(`${name} is not part of this stack`);
      return found;
    },
    async stop() {
      // the gateway first, so nothing new reaches the services
      await apps.gateway?.stop();
      await Promise.all(
        Object.values(apps)
          .filter((p): p is AppProcess => p !== undefined && p.name !== 'gateway')
          .map((p) => p.stop()),
      );
    },
  };
}
