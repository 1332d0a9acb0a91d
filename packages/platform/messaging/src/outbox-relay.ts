import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { eventHeaders } from '@tradepilot/contracts';
import { tenantScope, nationalScope, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import type { Producer } from 'kafkajs';
import type { Collection, Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { isTransientFailure } from './failure-kinds';
import { defaultMaxMessageBytes, recordBytes } from './message-size';
import { OutboxLeases } from './outbox-leases';
import type { WrittenDocument } from './outbox';
import type { OutboxEntry } from './outbox-entry';
import {
  outboxQuarantineCollection,
  quarantineEntry,
  type QuarantinedEntry,
  type QuarantineReason,
} from './outbox-quarantine';
import { defaultRelayTimings, type RelayTimings } from './relay-timings';
import type { TopicNames } from './topic-names';
import { versionClaims } from './version-claims';

export interface OutboxRelayOptions {
  databases: TenantDatabases;
  /** created with `createProducer` (awaited sends, one request in flight, bounded retries) */
  producer: Producer;
  topics: TopicNames;
  logger: Logger;
  /** the safety-net sweep of every tenant database */
  pollIntervalMs?: number;
  /**
   * How long the poll reuses the list of tenant databases before asking the server again (30 s):
   * listing every database each second cost more than the sweep, and a local write nudges its
   * tenant anyway, so only another instance's leftovers in a brand-new database wait this long
   */
  scopeListTtlMs?: number;
  /** the producer's send bounds and the lease derived from them (`relayTimings`) */
  timings?: RelayTimings;
  /** the broker's `message.max.bytes`: a larger record is quarantined without being sent */
  maxMessageBytes?: number;
  /** an entry the broker refuses this many times (outages do not count) goes to quarantine */
  refusalsBeforeQuarantine?: number;
}

export interface RelayStats {
  published: number;
  failedAttempts: number;
  /** entries moved to quarantine by this relay since it started */
  quarantined: number;
  /** the broker could not be reached at the last attempt (an outage: entries wait, none quarantined) */
  brokerUnavailable: boolean;
  lastError: string | null;
}

interface AggregateDocument {
  _id: unknown;
  version?: number;
  outbox?: OutboxEntry[];
}

type AggregateModel = Parameters<typeof versionClaims.hold>[0];

type DocumentOutcome = 'published' | 'held-elsewhere' | 'refused' | 'broker-unavailable';

type PendingDocument = WrittenDocument & { tenant: string };

/** The broker is unreachable: every document would fail the same way, so the sweep ends here. */
class BrokerUnavailable extends Error {}

const tooLargeTypes = ['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE'];
const tooLarge = (err: unknown): boolean => {
  const e = err as { type?: string; cause?: { type?: string } };
  return tooLargeTypes.includes(e?.type ?? '') || tooLargeTypes.includes(e?.cause?.type ?? '');
};

// a topic the broker does not have is not an outage: it is this entry's problem (counted, then quarantined)
const unknownTopic = (err: unknown): boolean => {
  const e = err as { type?: string; message?: string; cause?: { type?: string } };
  return (
    e?.type === 'UNKNOWN_TOPIC_OR_PARTITION' ||
    e?.cause?.type === 'UNKNOWN_TOPIC_OR_PARTITION' ||
    /does not host this topic-partition/i.test(e?.message ?? '')
  );
};

/** The broker cannot be reached (or is between leaders): every entry would fail the same way. */
const brokerUnavailable = (err: unknown): boolean => isTransientFailure(err) && !unknownTopic(err);

/**
 * Publishes what aggregates left in their outboxes, in order, then removes exactly what was
 * acknowledged. Several relays may run (one per instance): each document is sent under a lease
 * that is a claim document (`OutboxLeases`), and a duplicate that slips through anyway (a send
 * acknowledged after its timeout) is absorbed by the consumers' guards. An entry the broker will
 * never take goes to quarantine with its error and the sweep goes on; an outage quarantines
 * nothing: the sweep stops and the next poll tries again.
 */
export class OutboxRelay {
  readonly stats: RelayStats = {
    published: 0,
    failedAttempts: 0,
    quarantined: 0,
    brokerUnavailable: false,
    lastError: null,
  };
  private readonly pending = new Set<string>();
  /** documents local writes named, by tenant, collection and id */
  private readonly pendingDocuments = new Map<string, PendingDocument>();
  private readonly refusals = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private started = false;
  /** set by stop(): ends polls and sweeps */
  private stopped = false;
  private producerConnected = false;
  private readonly pollIntervalMs: number;
  private readonly scopeListTtlMs: number;
  private knownScopes: { tenants: Set<string>; listedAtMs: number } | undefined;
  private readonly timings: RelayTimings;
  private readonly maxMessageBytes: number;
  private readonly refusalsBeforeQuarantine: number;
  private readonly leases: OutboxLeases;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.scopeListTtlMs = options.scopeListTtlMs ?? 30_000;
    this.timings = options.timings ?? defaultRelayTimings;
    this.maxMessageBytes = options.maxMessageBytes ?? defaultMaxMessageBytes;
    this.refusalsBeforeQuarantine = options.refusalsBeforeQuarantine ?? 5;
    this.leases = new OutboxLeases(`${hostname()}:${process.pid}:${randomUUID()}`, this.timings.leaseMs);
    const { CONNECT, DISCONNECT } = options.producer.events;
    options.producer.on(CONNECT, () => (this.producerConnected = true));
    options.producer.on(DISCONNECT, () => (this.producerConnected = false));
  }

  /** this relay's lease owner id (tests, operators) */
  get owner(): string {
    return this.leases.owner;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    const sweep = () => {
      const listed = this.knownScopes?.listedAtMs ?? Number.NEGATIVE_INFINITY;
      void this.sweep({
        relist: Date.now() - listed >= this.scopeListTtlMs,
        listingMaxAgeMs: this.pollIntervalMs,
      }).finally(() => {
        if (!this.stopped) this.timer = setTimeout(sweep, this.pollIntervalMs);
      });
    };
    sweep();
  }

  /** Stops polling and waits for the publish under way; what is left stays in the outboxes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
  }

  /**
   * A local write just appended events for `tenant`: publish them now rather than at the next
   * poll. Naming the document sends just it; without one, every document of the tenant is looked
   * for (a scan of each outbox collection, which grows with the tenant's data on FerretDB).
   */
  nudge(tenant: string, written?: WrittenDocument): void {
    if (!this.started || this.stopped) return;
    this.knownScopes?.tenants.add(tenant);
    if (written)
      this.pendingDocuments.set(`${tenant}\u0000${written.collection}\u0000${written.id}`, {
        tenant,
        ...written,
      });
    else this.pending.add(tenant);
    this.pump();
  }

  /**
   * Publishes everything pending in every existing database; resolves when done (tests, tools).
   * `relist: false` sweeps the databases listed last time (the poll, between listings); the poll
   * also takes a listing another poller of the process made within `listingMaxAgeMs`.
   */
  async sweep(options: { relist: boolean; listingMaxAgeMs?: number } = { relist: true }): Promise<void> {
    try {
      if (options.relist || !this.knownScopes) {
        const scopes = await this.options.databases.existingScopes({
          maxAgeMs: options.listingMaxAgeMs ?? 0,
        });
        this.knownScopes = { tenants: new Set(scopes.map((s) => s.tenant)), listedAtMs: Date.now() };
      }
      for (const tenant of this.knownScopes.tenants) this.pending.add(tenant);
    } catch (err) {
      this.options.logger.warn({ err }, 'outbox relay could not list tenant databases');
    }
    this.pump();
    await this.pumping;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = (async () => {
      while ((this.pending.size > 0 || this.pendingDocuments.size > 0) && !this.stopped) {
        // documents just written first: a caller is waiting for their events
        const [named] = this.pendingDocuments;
        if (named) {
          const [key, written] = named;
          this.pendingDocuments.delete(key);
          // a whole-tenant drain already queued covers it
          if (this.pending.has(written.tenant)) continue;
          if ((await this.relayWritten(written)) === 'broker-unavailable') {
            this.pendingDocuments.clear();
            return;
          }
          continue;
        }
        const [tenant] = this.pending;
        this.pending.delete(tenant as string);
        const scope = tenant === nationalScope.tenant ? nationalScope : tenantScope(tenant as string);
        try {
          await this.drain(scope);
        } catch (err) {
          if (err instanceof BrokerUnavailable) {
            // the tenants not reached yet wait for the next poll, which finds them again
            this.pending.clear();
            return;
          }
          this.options.logger.warn(
            { err, tenant },
            'outbox relay could not finish a drain; the next poll retries',
          );
        }
      }
    })().finally(() => {
      this.pumping = undefined;
      if ((this.pending.size > 0 || this.pendingDocuments.size > 0) && !this.stopped) this.pump();
    });
  }

  /** One document a local write named; a failure leaves it to the next poll. */
  private async relayWritten(written: PendingDocument): Promise<DocumentOutcome | 'failed'> {
    const scope = written.tenant === nationalScope.tenant ? nationalScope : tenantScope(written.tenant);
    try {
      const model = this.options.databases
        .outboxModels(scope)
        .find((m) => m.collection.collectionName === written.collection);
      const db = model?.db.db;
      if (!model || !db) return 'failed';
      return await this.relayDocument(db, model, written.id);
    } catch (err) {
      this.options.logger.warn(
        { err, tenant: written.tenant },
        'outbox relay could not publish a written document; the next poll retries',
      );
      return 'failed';
    }
  }

  /** Every document of the scope with pending entries, once each per drain, whatever fails. */
  private async drain(scope: TenantScope): Promise<void> {
    for (const model of this.options.databases.outboxModels(scope)) {
      const db = model.db.db;
      if (!db) return;
      const name = model.collection.collectionName;
      const aggregates = db.collection<AggregateDocument>(name);
      let after: unknown = undefined;
      for (;;) {
        if (this.stopped) return;
        const page = await aggregates
          .find(
            {
              'outbox.0': { $exists: true },
              ...(after === undefined ? {} : { _id: { $gt: after } }),
            } as never,
            { projection: { _id: 1 } },
          )
          .sort({ _id: 1 })
          .limit(100)
          .toArray();
        if (page.length === 0) break;
        for (const { _id } of page) {
          if (this.stopped) return;
          const outcome = await this.relayDocument(db, model, _id);
          if (outcome === 'broker-unavailable') throw new BrokerUnavailable();
        }
        after = page[page.length - 1]?._id;
      }
    }
    await this.replayRequested(scope);
  }

  /**
   * Takes the document's lease, sends its entries in order, takes out of its outbox exactly
   * what the broker acknowledged or what went to quarantine, and lets the lease go. A refused
   * entry holds the entries after it (order per key), but never the other documents.
   */
  private async relayDocument(db: Db, model: AggregateModel, id: unknown): Promise<DocumentOutcome> {
    const collection = model.collection.collectionName;
    const leases = OutboxLeases.collection(db);
    const key = OutboxLeases.key(collection, id);
    if (!(await this.leases.acquire(leases, key))) return 'held-elsewhere';
    try {
      const aggregates = db.collection<AggregateDocument>(collection);
      const document = await aggregates.findOne({ _id: id } as never, { projection: { outbox: 1 } });
      const outbox = document?.outbox ?? [];
      if (outbox.length === 0) return 'published';
      const removed: OutboxEntry[] = [];
      let outcome: DocumentOutcome = 'published';
      let leaseUntil = Date.now() + this.timings.leaseMs;
      for (const entry of outbox) {
        const size = recordBytes(entry);
        if (size > this.maxMessageBytes) {
          await this.quarantine(
            db,
            collection,
            id,
            entry,
            'too-large',
            0,
            `the event is ${size} bytes, the broker accepts ${this.maxMessageBytes}`,
          );
          removed.push(entry);
          continue;
        }
        // the lease must outlive the send about to start
        if (leaseUntil - Date.now() < this.timings.worstCaseSendMs) {
          if (!(await this.leases.renew(leases, key))) {
            outcome = 'held-elsewhere';
            break;
          }
          leaseUntil = Date.now() + this.timings.leaseMs;
        }
        try {
          await this.send(entry);
          removed.push(entry);
          this.refusals.delete(entry.id);
          this.stats.published += 1;
          this.stats.brokerUnavailable = false;
        } catch (err) {
          this.stats.failedAttempts += 1;
          this.stats.lastError = (err as Error).message;
          if (tooLarge(err)) {
            await this.quarantine(db, collection, id, entry, 'too-large', 1, (err as Error).message);
            removed.push(entry);
            continue;
          }
          if (brokerUnavailable(err)) {
            this.stats.brokerUnavailable = true;
            this.options.logger.warn(
              { err, pending: outbox.length - removed.length },
              'outbox relay: broker unavailable, entries wait',
            );
            outcome = 'broker-unavailable';
            break;
          }
          const refusals = (this.refusals.get(entry.id) ?? 0) + 1;
          this.refusals.set(entry.id, refusals);
          if (refusals >= this.refusalsBeforeQuarantine) {
            this.refusals.delete(entry.id);
            await this.quarantine(db, collection, id, entry, 'refused', refusals, (err as Error).message);
            removed.push(entry);
            continue;
          }
          this.options.logger.warn(
            { err, eventId: entry.id, refusals },
            'outbox relay: the broker refused an entry',
          );
          outcome = 'refused';
          break;
        }
      }
      if (removed.length > 0) {
        // $pullAll with the exact entries read: FerretDB 1.24 ignores $pull with a condition
        await this.removeRelayed(aggregates, model, id, removed);
      }
      return outcome;
    } finally {
      await this.leases
        .release(leases, key)
        .catch((err: unknown) =>
          this.options.logger.warn({ err, key }, 'outbox relay could not release a lease; it expires'),
        );
    }
  }

  private async quarantine(
    db: Db,
    collection: string,
    aggregateId: unknown,
    entry: OutboxEntry,
    reason: QuarantineReason,
    attempts: number,
    error: string,
  ): Promise<void> {
    await quarantineEntry(
      db.collection<QuarantinedEntry>(outboxQuarantineCollection),
      { entry, collection, aggregateId: String(aggregateId), reason, attempts, error: error.slice(0, 2000) },
      new Date(),
    );
    this.stats.quarantined += 1;
    // an alert: an operator must look (operator.quarantine.list), then replay after the fix
    this.options.logger.error(
      {
        alert: 'outbox-quarantine',
        eventId: entry.id,
        eventType: entry.type,
        tenant: entry.tenant,
        aggregateId: String(aggregateId),
        reason,
        error,
      },
      'outbox entry quarantined; the relay goes on with the others',
    );
  }

  /** Quarantined entries an operator asked to replay: sent again; kept with the new error if refused. */
  private async replayRequested(scope: TenantScope): Promise<void> {
    const db = this.options.databases.connection(scope).db;
    if (!db) return;
    const quarantine = db.collection<QuarantinedEntry>(outboxQuarantineCollection);
    const requested = await quarantine
      .find({ replayRequestedAt: { $ne: null } })
      .limit(100)
      .toArray();
    const leases = OutboxLeases.collection(db);
    for (const item of requested) {
      if (this.stopped) return;
      const key = OutboxLeases.key(outboxQuarantineCollection, item._id);
      if (!(await this.leases.acquire(leases, key))) continue;
      try {
        await this.send(item.entry);
        await quarantine.deleteOne({ _id: item._id });
        this.stats.published += 1;
        this.options.logger.info(
          { eventId: item._id, tenant: item.entry.tenant, requestedBy: item.replayRequestedBy },
          'quarantined entry replayed',
        );
      } catch (err) {
        if (brokerUnavailable(err)) throw new BrokerUnavailable();
        await quarantine.updateOne(
          { _id: item._id },
          {
            $set: { replayRequestedAt: null, error: (err as Error).message.slice(0, 2000) },
            $inc: { attempts: 1 },
          },
        );
        this.options.logger.error(
          { alert: 'outbox-quarantine', eventId: item._id, err },
          'quarantined entry refused again on replay',
        );
      } finally {
        await this.leases.release(leases, key).catch(() => undefined);
      }
    }
  }

  /** One awaited send: with one request in flight per connection, entries keep their order. */
  private async send(entry: OutboxEntry): Promise<void> {
    if (!this.producerConnected) await this.options.producer.connect();
    const carrier: Record<string, string> = {};
    if (entry.traceparent) carrier['traceparent'] = entry.traceparent;
    if (entry.tracestate) carrier['tracestate'] = entry.tracestate;
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const headers: Record<string, string> = {
      [eventHeaders.eventType]: entry.type,
      [eventHeaders.tenant]: entry.tenant,
      // the kafkajs instrumentation replaces this with its producer span's context when tracing runs
      ...(entry.traceparent ? { [eventHeaders.traceparent]: entry.traceparent } : {}),
    };
    await context.with(parent, () =>
      this.options.producer.send({
        topic: this.options.topics.physical(entry.topic),
        acks: -1,
        timeout: this.timings.requestTimeoutMs,
        messages: [{ key: entry.key, value: entry.payload, headers }],
      }),
    );
  }

  /**
   * Takes the relayed entries out of the outbox under a hold on the version read, so a commit of
   * another process cannot interleave with the removal (on FerretDB it would be lost); retried
   * while commits move the document.
   */
  private async removeRelayed(
    aggregates: Collection<AggregateDocument>,
    model: AggregateModel,
    id: unknown,
    removed: OutboxEntry[],
  ): Promise<void> {
    for (let attempt = 0; attempt < 100 && !this.stopped; attempt += 1) {
      const current = (await aggregates.findOne({ _id: id } as never, {
        projection: { version: 1 },
      })) as AggregateDocument | null;
      if (!current) return;
      const version = current.version ?? 0;
      const result = await versionClaims.hold(model, String(id), version, () =>
        aggregates.updateOne(
          { _id: id, version: current.version ?? { $exists: false } } as never,
          { $pullAll: { outbox: removed } } as never,
        ),
      );
      if (result?.matchedCount === 1) return;
    }
    // the entries go again on the next drain: consumers' guards absorb the duplicates
    this.options.logger.warn({ id }, 'outbox relay could not remove published entries');
  }
}
