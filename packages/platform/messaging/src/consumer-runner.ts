import { trace } from '@opentelemetry/api';
import { eventHeaders, type EventDefinition, type EventOf } from '@tradepilot/contracts';
import { runInContext } from '@tradepilot/context';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, Producer } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { isTransientFailure } from './failure-kinds';
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
  /**
   * partitions handled at once, each in its own order (default 3, a topic's partitions here):
   * a slow partition does not hold the others of its fetch
   */
  partitionConcurrency?: number;
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

/** Headers of a replayed dead letter. */
export const replayHeaders = {
  /** the consumer group the letter is replayed for: other groups on the topic skip it */
  forGroup: 'replay-for-group',
} as const;

/** A message that can never be handled as it is; retrying cannot help. */
class RejectedMessage extends Error {}

/** A partition held on a transient failure (an outage): readiness and operators see it. */
export interface StalledPartition {
  topic: string;
  partition: number;
  offset: string;
  since: string;
  attempts: number;
  error: string;
}

// a transient failure is retried forever, the wait capped so recovery is seen soon
const maxTransientBackoffMs = 5000;
// Kafka's group coordinator must hear from a member holding a message this long
const keepAliveMs = 2000;

/**
 * Runs handlers with `eachMessage` (so each message's span is a child of its producer's span):
 * envelope read with the schema of the version this consumer knows (unknown additive fields are
 * ignored), header tenant = envelope tenant, tenant and actor restored, then every handler of the
 * type. A transient failure (an outage, a conflict) holds the partition: it is paused and the
 * message redelivered after a capped backoff for as long as it takes, nothing after it committed
 * and nothing dead-lettered, while the other partitions go on; any other failure gets bounded
 * retries with backoff, then `<topic>.dlq` with the error, then commit. Partitions are handled
 * concurrently (`partitionConcurrency`), each in order: a slow one does not hold the others.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly stalled = new Map<string, StalledPartition>();
  /** partitions released on a transient failure, by `topic/partition`: resumed after a backoff */
  private readonly resumeTimers = new Map<string, NodeJS.Timeout>();
  private running = false;
  private stopping = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly partitionConcurrency: number;

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 200;
    this.partitionConcurrency = Math.max(1, options.partitionConcurrency ?? 3);
    for (const h of options.handlers)
      this.handlers.set(h.event.type, [...(this.handlers.get(h.event.type) ?? []), h]);
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      // a member that died without leaving is replaced after this long
      sessionTimeout: 10_000,
      heartbeatInterval: 3000,
      // leaving the group waits for the fetch in flight: a short wait keeps shutdown quick
      maxWaitTimeInMs: 500,
    });
    const { GROUP_JOIN, CRASH, STOP, DISCONNECT } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (e) => {
      this.running = true;
      this.restarts = 0;
      // a held partition another member owns now is its business, no longer this one's
      const assigned = e.payload.memberAssignment;
      for (const [key, held] of this.stalled)
        if (!assigned[held.topic]?.includes(held.partition)) this.stalled.delete(key);
    });
    this.consumer.on(CRASH, (e) => {
      this.running = false;
      options.logger.warn({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      // kafkajs restarts only after errors it calls retriable; a broker that is still loading its
      // group coordinator (fresh, or just restarted) is not one of them, and an outage is not fatal
      if (!e.payload.restart && !this.stopping) this.restartLater();
    });
    this.consumer.on(STOP, () => (this.running = false));
    this.consumer.on(DISCONNECT, () => (this.running = false));
  }

  /** joined its group and consuming (readiness) */
  isRunning(): boolean {
    return this.running;
  }

  /** Partitions held by a transient failure right now. */
  stalledPartitions(): StalledPartition[] {
    return [...this.stalled.values()];
  }

  /**
   * Joins the group in the background: a join waits out the session of a member that died
   * without leaving (up to `sessionTimeout`), which a service's start need not wait for.
   */
  begin(): void {
    this.start().catch((err: unknown) => {
      if (this.stopping) return;
      this.options.logger.warn({ err }, 'consumer could not join its group; trying again');
      this.restartLater();
    });
  }

  async start(): Promise<void> {
    this.stopping = false;
    const topics = [
      ...new Set(this.options.handlers.map((h) => this.options.topics.physical(h.event.topic))),
    ];
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.partitionConcurrency,
      // committed here, message by message: a partition released on a transient failure must not
      // have kafkajs commit past the message it will redeliver
      autoCommit: false,
      eachMessage: async (payload) => {
        if (await this.onMessage(payload)) await this.commit(payload);
      },
    });
  }

  /** Joins the group again after a capped backoff, for as long as it takes. */
  private restartLater(): void {
    // capped at 10 s: after an outage the group is back within 10 s of the broker, at the price
    // of one connection attempt every 10 s while it lasts
    const wait = Math.min(10_000, Math.max(this.backoffMs, 200) * 2 ** Math.min(this.restarts, 8));
    this.restarts += 1;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.start().catch((err: unknown) => {
        this.options.logger.warn({ err, attempt: this.restarts }, 'consumer restart failed; trying again');
        this.restartLater();
      });
    }, wait);
    this.restartTimer.unref();
  }

  /** Leaves the group after the message in hand is done; processed offsets are committed. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    for (const timer of this.resumeTimers.values()) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer.disconnect();
  }

  /** Commits past the message: it is done (handled, skipped or dead-lettered). */
  private async commit({ topic, partition, message }: EachMessagePayload): Promise<void> {
    await this.consumer.commitOffsets([
      { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
    ]);
  }

  /** Handles one message; false when the partition was released to redeliver it later. */
  private async onMessage({
    topic,
    partition,
    message,
    heartbeat,
    pause,
  }: EachMessagePayload): Promise<boolean> {
    const headers = decodeHeaders(message.headers);
    const type = headers[eventHeaders.eventType];
    const handlers = type ? this.handlers.get(type) : undefined;
    // other events share the topic (other consumers' business, or versions this one does not read)
    if (type && !handlers) return true;
    // a dead letter replayed for another group: this group handled it already
    const replayFor = headers[replayHeaders.forGroup];
    if (replayFor && replayFor !== this.options.groupId) return true;

    const meta: EventMeta = { topic, partition, offset: message.offset };
    const stallKey = `${topic}/${partition}`;
    const pending = [...(handlers ?? [])];
    let lastError: Error | undefined;
    let attempt = 0;
    const held = this.stalled.get(stallKey);
    // a redelivery of the message a transient failure released goes on counting
    const transientAttempts = held?.offset === message.offset ? held.attempts : 0;
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), keepAliveMs);
    try {
      for (;;) {
        try {
          const event = this.parse(type, handlers ?? [], topic, headers, message.value);
          trace
            .getActiveSpan()
            ?.setAttributes({ 'tradepilot.tenant': event.tenant, 'tradepilot.event.id': event.id });
          await this.runHandlers(pending, event, meta);
          this.stalled.delete(stallKey);
          return true;
        } catch (err) {
          lastError = err as Error;
          if (this.stopping) throw err; // leave without committing: the next owner retries it
          if (!(err instanceof RejectedMessage) && isTransientFailure(err)) {
            this.holdPartition(stallKey, meta, transientAttempts + 1, lastError);
            this.release(
              stallKey,
              meta,
              pause,
              Math.min(maxTransientBackoffMs, this.backoffMs * 2 ** (transientAttempts + 1)),
            );
            return false;
          }
          this.options.logger.warn(
            { err, topic, partition, offset: message.offset, attempt },
            'event handling failed',
          );
          if (err instanceof RejectedMessage || attempt >= this.retries) break;
          attempt += 1;
          await this.wait(this.backoffMs * 2 ** (attempt - 1), heartbeat);
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
    this.stalled.delete(stallKey);
    await this.deadLetter(
      topic,
      partition,
      message.offset,
      message.key,
      message.value,
      message.headers,
      lastError,
      attempt + 1,
    );
    return true;
  }

  /**
   * Lets the fetch loop go on without a held partition: paused, set back to the failed message
   * (nothing after it is committed) and resumed after the backoff, which redelivers the message.
   */
  private release(key: string, meta: EventMeta, pause: () => () => void, backoffMs: number): void {
    const resume = pause();
    this.consumer.seek({ topic: meta.topic, partition: meta.partition, offset: meta.offset });
    clearTimeout(this.resumeTimers.get(key));
    this.resumeTimers.set(
      key,
      setTimeout(() => {
        this.resumeTimers.delete(key);
        resume();
      }, backoffMs),
    );
  }

  /** Runs the handlers not yet through, dropping each from `pending` as it succeeds (a retry skips it). */
  private async runHandlers(pending: EventHandler[], event: EventOf<EventDefinition>, meta: EventMeta) {
    const context = {
      tenant: event.tenant,
      actor: {
        userId: event.actor.userId,
        roles: [event.actor.role],
        actingRole: event.actor.role,
        organisationId: event.actor.organisationId,
      },
    };
    while (pending.length > 0) {
      const handler = pending[0] as EventHandler;
      await runInContext(context, () => handler.handle(event as never, meta));
      pending.shift();
    }
  }

  private holdPartition(key: string, meta: EventMeta, attempts: number, error: Error): void {
    const since = this.stalled.get(key)?.since ?? new Date().toISOString();
    this.stalled.set(key, { ...meta, since, attempts, error: error.message.slice(0, 500) });
    // one line at the first failure and then now and then, not one per retry
    if (attempts === 1 || attempts % 20 === 0) {
      this.options.logger.warn(
        { err: error, topic: meta.topic, partition: meta.partition, offset: meta.offset, attempts },
        'transient failure: partition held, retrying until it passes',
      );
    }
  }

  /** Waits between attempts; a rebalance ends the wait (the message goes to the new owner uncommitted). */
  private async wait(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    await delay(ms);
    if (this.stopping) throw new Error('consumer stopping');
    await heartbeat().catch((err: { type?: string }) => {
      if (
        err?.type === 'REBALANCE_IN_PROGRESS' ||
        err?.type === 'UNKNOWN_MEMBER_ID' ||
        err?.type === 'ILLEGAL_GENERATION'
      )
        throw err;
    });
  }

  private parse(
    type: string | undefined,
    handlers: EventHandler[],
    topic: string,
    headers: Record<string, string>,
    value: Buffer | null,
  ) {
    const handler = handlers[0];
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
    const parsed = handler.event.reader.safeParse(body);
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
    attempts: number,
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
            [deadLetterHeaders.attempts]: String(attempts),
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
