import type { AppName } from '@tradepilot/local-stack';
import type { PrivateFerretDB, PrivateKafka, TestStack } from '@tradepilot/test-stack';

/** Something the run kills with SIGKILL and starts again. */
export interface FaultTarget {
  name: string;
  kind: 'broker' | 'database' | 'service' | 'gateway';
  kill(): Promise<void>;
  /** starts it again and returns once it answers */
  restart(): Promise<void>;
}

export function brokerTarget(kafka: PrivateKafka): FaultTarget {
  return {
    name: 'kafka',
    kind: 'broker',
    kill: () => kafka.kill9(),
    restart: async () => kafka.start(),
  };
}

export function databaseTarget(database: PrivateFerretDB): FaultTarget {
  return {
    name: 'ferretdb',
    kind: 'database',
    kill: () => database.kill9(),
    restart: async () => database.start(),
  };
}

export function appTarget(stack: TestStack, app: AppName): FaultTarget {
  const running = stack.app(app);
  return {
    name: app,
    kind: app === 'gateway' ? 'gateway' : 'service',
    kill: () => running.kill(),
    // the same port again: the gateway's service URLs and the clients' gateway URL stay valid
    restart: () => running.start(),
  };
}
