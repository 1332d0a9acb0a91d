import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  internalTokenHeader,
  type Principal,
} from '@tradepilot/auth';
import { startService, type RunningService, type ServiceDefinition } from '@tradepilot/service-kit';
import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { createTRPCClient, httpBatchLink, type TRPCClient, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { EventRecorder } from './event-recorder';
import { inProcessServiceEnv } from './in-process-service-env';
import { deletePrefixedTopics, dropPrefixedDatabases } from './test-stack';

/**
 * One service in this process on the real Kafka and FerretDB, under prefixes of its own, called
 * over HTTP with internal tokens as the gateway calls it; its topics recorded from the start.
 */
export class ServiceUnderTest<TRouter extends AnyRouter> {
  readonly run = uniqueSuffix();
  readonly topicPrefix: string;
  readonly databasePrefix: string;
  readonly recorder: EventRecorder;
  private readonly keys = generateInternalKeyPair();
  private readonly signer = createInternalTokenSigner(this.keys.privateKeyPem);
  private readonly infra = infraConnection();
  private running: RunningService | undefined;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's own config schema
    private readonly definition: ServiceDefinition<any>,
    private readonly options: { topics: string[]; env?: Record<string, string> },
  ) {
    const prefix = `${definition.name.replace(/[^a-z0-9]/g, '').slice(0, 6)}${this.run}`;
    this.topicPrefix = `${prefix}.`;
    this.databasePrefix = `${prefix}_`;
    this.recorder = new EventRecorder(this.topicPrefix);
  }

  get service(): RunningService {
    if (!this.running) throw new Error(`${this.definition.name} is not started`);
    return this.running;
  }

  get mongoUrl(): string {
    return this.infra.mongoUrl;
  }

  async start(): Promise<void> {
    this.running = await startService(this.definition, {
      env: inProcessServiceEnv(
        {
          topicPrefix: this.topicPrefix,
          databasePrefix: this.databasePrefix,
          publicKeyPem: this.keys.publicKeyPem,
        },
        this.options.env,
      ),
    });
    // what the test publishes next finds its topics served and the group ready
    await this.running.consumersJoined();
    await this.recorder.start(this.options.topics);
  }

  /** A typed client calling as `principal`, with the internal token the gateway would send. */
  client(principal: Principal): TRPCClient<TRouter> {
    // the services use no transformer: the link of any router fits this one
    const link = httpBatchLink<AnyRouter>({
      url: `${this.running?.url ?? ''}/trpc`,
      headers: async () => ({
        [internalTokenHeader]: await this.signer.sign(principal, this.definition.name),
      }),
    });
    return createTRPCClient<TRouter>({ links: [link as TRPCLink<TRouter>] });
  }

  /** Stops the service, then removes its databases and topics. */
  async close(): Promise<void> {
    await this.running?.stop();
    await this.recorder.stop();
    await dropPrefixedDatabases(this.infra.mongoUrl, this.databasePrefix, [this.definition.name]);
    await deletePrefixedTopics(this.infra.kafkaBrokers, this.topicPrefix).catch(() => undefined);
  }
}
