import { trace } from '@opentelemetry/api';
import { eventHeaders, type EventDefinition, type EventOf } from '@tradepilot/contracts';
import { runInContext } from '@tradepilot/context';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, Producer } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { TopicNames } from './topic-names';

export interface EventMeta {
  topic: string;
  partition: number;
  offset: string;
}

/** Reacts to one event version. Its effect must carry its own duplicate guard: redelivery is normal. */
export interface EventHandler<D extends EventDefinition = EventDefinition> {
  event: D;
  handle(event: EventOf<D>, meta: EventMeta): Promise<void>;
}

export const eventHandler = <D extends EventDefinition>(
  event: D,
  handle: (event: EventOf<D>, meta: EventMeta) => Promise<void>,
): EventHandler<D> => ({ event, handle });

export interface ConsumerRunnerOptions {
  kafka: Kafka;
  groupId: string;
  topics: TopicNames;
  handlers: EventHandler[];
  /** publishes dead letters */
  producer: Producer;
  logger: Logger;
  /** attempts after the first one fails */
  retries?: number;
  /** first backoff; doubles per attempt */
  backoffMs?: number;
}

/** Headers a dead letter carries in addition to the original ones. */
export const deadLetterHeaders = {
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

/** A message that can never be handled as it is; retrying cannot help. */
class RejectedMessage extends Error {}

/**
 * Runs handlers with `eachMessage` (so each message's span is a child of its producer's span):
 * envelope validated against its contract, header tenant = envelope tenant, tenant and actor
 * restored, bounded retries with backoff, then `<topic>.dlq` with the error, then commit.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private readonly handlers: Map<string, EventHandler>;
  private running = false;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 200;
    this.handlers = new Map(options.handlers.map((h) => [h.event.type, h]));
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      // a member that died without leaving is replaced after this long
      sessionTimeout: 10_000,
      heartbeatInterval: 3000,
      // leaving the group waits for the fetch in flight: a short wait keeps shutdown quick
      maxWaitTimeInMs: 500,
    });
    const { GROUP_JOIN, CRASH, STOP, DISCONNECT } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, () => (this.running = true));
    this.consumer.on(CRASH, (e) => {
      this.running = false;
      options.logger.warn({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
    });
    this.consumer.on(STOP, () => (this.running = false));
    this.consumer.on(DISCONNECT, () => (this.running = false));
  }

  /** joined its group and consuming (readiness) */
  isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    const topics = [
      ...new Set(this.options.handlers.map((h) => this.options.topics.physical(h.event.topic))),
    ];
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({ eachMessage: (payload) => this.onMessage(payload) });
  }

  /** Leaves the group after the message in hand is done; processed offsets are committed. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const headers = decodeHeaders(message.headers);
    const type = headers[eventHeaders.eventType];
    const handler = type ? this.handlers.get(type) : undefined;
    // other events share the topic (other consumers' business, or versions this one does not read)
    if (type && !handler) return;

    const meta: EventMeta = { topic, partition, offset: message.offset };
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= this.retries; attempt += 1) {
      if (attempt > 0) {
        await delay(this.backoffMs * 2 ** (attempt - 1));
        await heartbeat();
      }
      try {
        const event = this.parse(type, handler, topic, headers, message.value);
        trace
          .getActiveSpan()
          ?.setAttributes({ 'tradepilot.tenant': event.tenant, 'tradepilot.event.id': event.id });
        await runInContext(
          {
            tenant: event.tenant,
            actor: {
              userId: event.actor.userId,
              roles: [event.actor.role],
              actingRole: event.actor.role,
              organisationId: event.actor.organisationId,
            },
          },
          () => (handler as EventHandler).handle(event as never, meta),
        );
        return;
      } catch (err) {
        lastError = err as Error;
        this.options.logger.warn(
          { err, topic, partition, offset: message.offset, attempt },
          'event handling failed',
        );
        if (err instanceof RejectedMessage) break;
      }
    }
    await this.deadLetter(
      topic,
      partition,
      message.offset,
      message.key,
      message.value,
      message.headers,
      lastError,
    );
  }

  private parse(
    type: string | undefined,
    handler: EventHandler | undefined,
    topic: string,
    headers: Record<string, string>,
    value: Buffer | null,
  ) {
    if (!type || !handler) throw new Error(`no handler for event type ${type ?? '(no event-type header)'}`);
    // a type is published on its own topic only, which only its producing service may write:
    // the same type on another topic is a forgery (or a bug), never an event to act on
    const logical = this.options.topics.logical(topic);
    if (logical !== handler.event.topic)
      throw new RejectedMessage(`event type ${type} belongs to topic ${handler.event.topic}, not ${logical}`);
    let body: unknown;
    try {
      body = JSON.parse(value?.toString('utf8') ?? '');
    } catch {
      throw new Error('the message is not JSON');
    }
    const parsed = handler.event.envelope.safeParse(body);
    if (!parsed.success) throw new Error(`the message does not match ${type}: ${parsed.error.message}`);
    if (headers[eventHeaders.tenant] !== parsed.data.tenant) {
      throw new RejectedMessage(
        `header tenant "${headers[eventHeaders.tenant] ?? ''}" differs from envelope tenant "${parsed.data.tenant}"`,
      );
    }
    return parsed.data;
  }

  private async deadLetter(
    topic: string,
    partition: number,
    offset: string,
    key: Buffer | null,
    value: Buffer | null,
    originalHeaders: IHeaders | undefined,
    error: Error | undefined,
  ): Promise<void> {
    const logical = this.options.topics.logical(topic);
    const dlq = this.options.topics.deadLetter(logical);
    await this.options.producer.send({
      topic: dlq,
      acks: -1,
      messages: [
        {
          key,
          value,
          headers: {
            ...originalHeaders,
            [deadLetterHeaders.error]: (error?.message ?? 'unknown error').slice(0, 2000),
            [deadLetterHeaders.attempts]: String(error instanceof RejectedMessage ? 1 : this.retries + 1),
            [deadLetterHeaders.sourceTopic]: logical,
            [deadLetterHeaders.sourcePartition]: String(partition),
            [deadLetterHeaders.sourceOffset]: offset,
            [deadLetterHeaders.consumerGroup]: this.options.groupId,
            [deadLetterHeaders.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
    this.options.logger.error({ topic, partition, offset, dlq, err: error }, 'event dead-lettered');
  }
}

export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    decoded[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return decoded;
}
