import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { tenantScope, nationalScope, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import type { Message, Producer } from 'kafkajs';
import type { Collection, Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { isTransientFailure } from './failure-kinds';
import { outboxRecord } from './outbox-record';
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
  /**
   * The safety-net sweep of every tenant database, at this interval while it finds leftovers
   * (another instance's, or what an outage or a refusal left): local writes publish at once, so
   * the sweep only catches up on those.
   */
  pollIntervalMs?: number;
  /**
   * The longest wait between sweeps: one that finds nothing doubles the wait, up to this (10 s).
   * On FerretDB every sweep scans each outbox collection of every tenant, so a quiet platform
   * polling each second kept the database busy for nothing.
   */
  idlePollMaxMs?: number;
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

/** A document whose outbox a relay page emptied, with the entries it took out (sent or quarantined). */
export interface DrainedDocument {
  id: string;
  cleared: OutboxEntry[];
}

/** Told, after a page, which documents of its collection the relay emptied (`whenDrained`). */
export type DrainListener = (scope: TenantScope, drained: DrainedDocument[]) => Promise<void>;

type DocumentOutcome = 'published' | 'held-elsewhere' | 'broker-unavailable';

type PendingDocument = WrittenDocument & { tenant: string };

/**
 * Two workers: one can publish a document just written while the other drains a tenant. Drains
 * go one at a time: on FerretDB four at once drained a backlog at 0.6× the rate of one (the
 * drain bench, same run), the database being the bottleneck.
 */
const workersAtOnce = 2;
const drainsAtOnce = 1;

/** The documents a drain reads, leases and clears at a time. */
const documentsPerPage = 100;
/** Records in one request at most: what a producer batching the same backlog would send. */
export const relayRecordsPerRequest = 100;

/** An outbox entry queued for sending, with the document it leaves. */
interface QueuedEntry {
  document: AggregateDocument;
  entry: OutboxEntry;
}

/** What a page's sends have done so far. */
interface RelayPage {
  db: Db;
  collection: string;
  /** per document, the entries acknowledged or quarantined: taken out of its outbox at the end */
  removed: Map<AggregateDocument, OutboxEntry[]>;
  /** documents whose later entries wait (one was refused, or its lease was lost) */
  waiting: Set<AggregateDocument>;
}

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
  private readonly workers = new Set<Promise<void>>();
  /** the tenants being drained */
  private readonly draining = new Set<string>();
  private started = false;
  /** set by stop(): ends polls and sweeps */
  private stopped = false;
  private producerConnected = false;
  private readonly pollIntervalMs: number;
  private readonly idlePollMaxMs: number;
  /** the wait before the next poll: doubled by each sweep that finds nothing */
  private nextPollMs: number;
  /** something to catch up on turned up since the current poll began */
  private leftoversSeen = false;
  private readonly scopeListTtlMs: number;
  private knownScopes: { tenants: Set<string>; listedAtMs: number } | undefined;
  private readonly timings: RelayTimings;
  private readonly maxMessageBytes: number;
  private readonly refusalsBeforeQuarantine: number;
  private readonly leases: OutboxLeases;
  private readonly drainListeners = new Map<string, DrainListener[]>();

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.idlePollMaxMs = Math.max(this.pollIntervalMs, options.idlePollMaxMs ?? 10_000);
    this.nextPollMs = this.pollIntervalMs;
    this.scopeListTtlMs = options.scopeListTtlMs ?? 30_000;
    this.timings = options.timings ?? defaultRelayTimings;
    this.maxMessageBytes = options.maxMessageBytes ?? defaultMaxMessageBytes;
    this.refusalsBeforeQuarantine = options.refusalsBeforeQuarantine ?? 5;
    this.leases = new OutboxLeases(`${hostname()}:${process.pid}:${randomUUID()}`, this.timings.leaseMs);
    const { CONNECT, DISCONNECT } = options.producer.events;
    options.producer.on(CONNECT, () => {
      // back from an outage: what waited in the outboxes goes out now, not after an idle wait
      if (!this.producerConnected) this.pollSoon();
      this.producerConnected = true;
    });
    options.producer.on(DISCONNECT, () => (this.producerConnected = false));
  }

  /**
   * Calls `listener` after each page of `collection` with the documents whose outbox it emptied
   * (a document that settles can leave the collection then: `moveSettledWhenDrained`). A listener
   * that fails is logged; the relay's work is done either way.
   */
  whenDrained(collection: string, listener: DrainListener): void {
    this.drainListeners.set(collection, [...(this.drainListeners.get(collection) ?? []), listener]);
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
      this.timer = undefined;
      const listed = this.knownScopes?.listedAtMs ?? Number.NEGATIVE_INFINITY;
      this.leftoversSeen = false;
      void this.sweep({
        relist: Date.now() - listed >= this.scopeListTtlMs,
        listingMaxAgeMs: this.pollIntervalMs,
      }).finally(() => {
        this.nextPollMs = this.leftoversSeen
          ? this.pollIntervalMs
          : Math.min(this.idlePollMaxMs, this.nextPollMs * 2);
        if (!this.stopped) this.timer = setTimeout(sweep, this.nextPollMs);
      });
    };
    this.pollNow = sweep;
    sweep();
  }

  private pollNow: (() => void) | undefined;

  /** Something was left to catch up on: the next poll comes at the short interval. */
  private pollSoon(): void {
    this.leftoversSeen = true;
    if (this.nextPollMs <= this.pollIntervalMs || !this.timer || this.stopped) return;
    // an idle wait is under way: cut it short
    clearTimeout(this.timer);
    this.nextPollMs = this.pollIntervalMs;
    this.timer = setTimeout(() => this.pollNow?.(), this.pollIntervalMs);
  }

  /** the wait before the next safety-net poll (tests, operators) */
  get pollWaitMs(): number {
    return this.nextPollMs;
  }

  /** Stops polling and waits for the publish under way; what is left stays in the outboxes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
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
      this.pollSoon();
      this.options.logger.warn({ err }, 'outbox relay could not list tenant databases');
    }
    this.pump();
    await this.idle();
  }

  /** Starts workers, up to `workersAtOnce`, while there is work none of them has taken. */
  private pump(): void {
    while (this.workers.size < workersAtOnce && this.hasWork() && !this.stopped) {
      const worker: Promise<void> = this.work().finally(() => {
        this.workers.delete(worker);
        this.pump();
      });
      this.workers.add(worker);
    }
  }

  private hasWork(): boolean {
    return this.pendingDocuments.size > 0 || (this.pending.size > 0 && this.draining.size < drainsAtOnce);
  }

  /** Resolves when no worker runs (stop, sweep). */
  private async idle(): Promise<void> {
    while (this.workers.size > 0) await Promise.allSettled([...this.workers]);
  }

  /**
   * One worker: documents just written first (a caller waits for their events), then whole
   * tenants, `drainsAtOnce` at a time, so a written document never waits behind a drain. The
   * producer sends one request at a time, so order per key holds.
   */
  private async work(): Promise<void> {
    while (!this.stopped) {
      const [named] = this.pendingDocuments;
      if (named) {
        // even when its tenant waits for a drain: the drain may be a whole sweep away. The
        // documents written meanwhile in the same collection go with it, a page at a time: one
        // by one, each paid its own lease, read, clearing and release, and at 20 commands/s the
        // queue fell 16 s behind (§2 open loop)
        const [, first] = named;
        const batch = [...this.pendingDocuments]
          .filter(([, w]) => w.tenant === first.tenant && w.collection === first.collection)
          .slice(0, documentsPerPage);
        for (const [key] of batch) this.pendingDocuments.delete(key);
        const outcome = await this.relayWritten(
          first,
          batch.map(([, w]) => w.id),
        );
        if (outcome !== 'published') this.pollSoon();
        if (outcome === 'broker-unavailable') {
          this.pendingDocuments.clear();
          return;
        }
        continue;
      }
      const [tenant] = this.pending;
      if (tenant === undefined || this.draining.size >= drainsAtOnce) return;
      this.pending.delete(tenant);
      this.draining.add(tenant);
      const scope = tenant === nationalScope.tenant ? nationalScope : tenantScope(tenant);
      try {
        await this.drain(scope);
      } catch (err) {
        this.pollSoon();
        if (err instanceof BrokerUnavailable) {
          // the tenants not reached yet wait for the next poll, which finds them again
          this.pending.clear();
          return;
        }
        this.options.logger.warn(
          { err, tenant },
          'outbox relay could not finish a drain; the next poll retries',
        );
      } finally {
        this.draining.delete(tenant);
      }
    }
  }

  /** Documents local writes named, of one tenant's collection; a failure leaves them to the next poll. */
  private async relayWritten(written: PendingDocument, ids: string[]): Promise<DocumentOutcome | 'failed'> {
    const scope = written.tenant === nationalScope.tenant ? nationalScope : tenantScope(written.tenant);
    try {
      const model = this.options.databases
        .outboxModels(scope)
        .find((m) => m.collection.collectionName === written.collection);
      const db = model?.db.db;
      if (!model || !db) return 'failed';
      return await this.relayDocuments(scope, db, model, ids);
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
          .limit(documentsPerPage)
          .toArray();
        if (page.length === 0) break;
        this.pollSoon();
        const outcome = await this.relayDocuments(
          scope,
          db,
          model,
          page.map(({ _id }) => _id),
        );
        if (outcome === 'broker-unavailable') throw new BrokerUnavailable();
        after = page[page.length - 1]?._id;
      }
    }
    await this.replayRequested(scope);
  }

  /**
   * A page of documents in a few round trips whatever its size: their leases in one insert, their
   * outboxes in one read, the entries in order in requests of up to `relayRecordsPerRequest` records,
   * then exactly what the broker acknowledged or what went to quarantine taken out of the
   * outboxes in one update, and the leases let go. A refused entry holds the entries after it in
   * its document (order per key), but never the other documents.
   */
  private async relayDocuments(
    scope: TenantScope,
    db: Db,
    model: AggregateModel,
    ids: unknown[],
  ): Promise<DocumentOutcome> {
    const collection = model.collection.collectionName;
    const leases = OutboxLeases.collection(db);
    const idOfKey = new Map(ids.map((id) => [OutboxLeases.key(collection, id), id]));
    let held = await this.leases.acquireMany(leases, [...idOfKey.keys()]);
    if (held.size === 0) return 'held-elsewhere';
    // the documents another relay holds are published by it; if it lets go unpublished, soon here
    if (held.size < idOfKey.size) this.pollSoon();
    let drained: DrainedDocument[] = [];
    let outcome: DocumentOutcome = 'published';
    try {
      const aggregates = db.collection<AggregateDocument>(collection);
      const documents = await aggregates
        .find({ _id: { $in: [...held].map((key) => idOfKey.get(key)) } } as never, {
          projection: { outbox: 1, version: 1 },
        })
        .sort({ _id: 1 })
        .toArray();
      const page: RelayPage = {
        db,
        collection,
        removed: new Map(documents.map((document) => [document, []])),
        waiting: new Set(),
      };
      const queue = documents.flatMap((document) =>
        (document.outbox ?? []).map((entry) => ({ document, entry })),
      );
      let leaseUntil = Date.now() + this.timings.leaseMs;
      let next = 0;
      while (next < queue.length && !this.stopped) {
        const run: QueuedEntry[] = [];
        let bytes = 0;
        for (; next < queue.length && run.length < relayRecordsPerRequest; next += 1) {
          const item = queue[next] as QueuedEntry;
          if (page.waiting.has(item.document)) continue;
          const size = recordBytes(item.entry);
          if (size > this.maxMessageBytes) {
            if (run.length > 0) break;
            await this.quarantine(
              db,
              collection,
              item.document._id,
              item.entry,
              'too-large',
              0,
              `the event is ${size} bytes, the broker accepts ${this.maxMessageBytes}`,
            );
            page.removed.get(item.document)?.push(item.entry);
            continue;
          }
          // one trace parent per request (each event's producer span joins its own command's
          // trace) and no more bytes than one record batch takes
          const first = run[0];
          if (
            first &&
            (first.entry.traceparent !== item.entry.traceparent || bytes + size > this.maxMessageBytes)
          )
            break;
          run.push(item);
          bytes += size;
        }
        if (run.length === 0) continue;
        // the leases must outlive the send about to start
        if (leaseUntil - Date.now() < this.timings.worstCaseSendMs) {
          const still = await this.leases.renewMany(leases, [...held]);
          for (const document of documents)
            if (!still.has(OutboxLeases.key(collection, document._id))) page.waiting.add(document);
          held = still;
          leaseUntil = Date.now() + this.timings.leaseMs;
        }
        const sendable = run.filter((item) => !page.waiting.has(item.document));
        if (sendable.length === 0) continue;
        if ((await this.sendRun(page, sendable)) === 'broker-unavailable') {
          outcome = 'broker-unavailable';
          break;
        }
      }
      const cleared = [...page.removed].filter(([, entries]) => entries.length > 0);
      if (cleared.length > 0) await this.removeRelayedMany(aggregates, model, cleared);
      drained = cleared
        .filter(([document, entries]) => entries.length === (document.outbox ?? []).length)
        .map(([document, entries]) => ({ id: String(document._id), cleared: entries }));
    } finally {
      await this.leases
        .releaseMany(leases, [...held])
        .catch((err: unknown) =>
          this.options.logger.warn(
            { err, collection },
            'outbox relay could not release its leases; they expire',
          ),
        );
    }
    if (drained.length > 0) await this.notifyDrained(scope, collection, drained);
    return outcome;
  }

  private async notifyDrained(scope: TenantScope, collection: string, drained: DrainedDocument[]) {
    for (const listener of this.drainListeners.get(collection) ?? []) {
      try {
        await listener(scope, drained);
      } catch (err) {
        this.options.logger.warn(
          { err, tenant: scope.tenant, collection },
          'outbox relay: what follows a drained outbox failed; the documents stay where they are',
        );
      }
    }
  }

  /**
   * One request for the run; when the broker refuses it, each entry alone, so the refused one is
   * known. A request spans partitions and the broker may have taken some of them: those entries
   * are then published twice, which the consumers' guards absorb (refusals are rare: a record
   * over a topic's own limit, a topic not created).
   */
  private async sendRun(page: RelayPage, run: QueuedEntry[]): Promise<'sent' | 'broker-unavailable'> {
    if (run.length > 1) {
      try {
        await this.send(run.map((item) => item.entry));
        for (const item of run) this.sent(page, item);
        return 'sent';
      } catch (err) {
        this.stats.failedAttempts += 1;
        this.stats.lastError = (err as Error).message;
        if (brokerUnavailable(err)) return this.brokerDown(err, run.length);
      }
    }
    for (const item of run) {
      if (page.waiting.has(item.document)) continue;
      if ((await this.sendAlone(page, item)) === 'broker-unavailable') return 'broker-unavailable';
    }
    return 'sent';
  }

  private sent(page: RelayPage, item: QueuedEntry): void {
    page.removed.get(item.document)?.push(item.entry);
    this.refusals.delete(item.entry.id);
    this.stats.published += 1;
    this.stats.brokerUnavailable = false;
  }

  private brokerDown(err: unknown, pending: number): 'broker-unavailable' {
    this.stats.brokerUnavailable = true;
    this.options.logger.warn({ err, pending }, 'outbox relay: broker unavailable, entries wait');
    return 'broker-unavailable';
  }

  /** One entry in its own request: a refusal is counted against it, and it quarantines in time. */
  private async sendAlone(page: RelayPage, item: QueuedEntry): Promise<'sent' | 'broker-unavailable'> {
    const { document, entry } = item;
    try {
      await this.send([entry]);
      this.sent(page, item);
      return 'sent';
    } catch (err) {
      this.stats.failedAttempts += 1;
      this.stats.lastError = (err as Error).message;
      if (tooLarge(err)) {
        await this.quarantine(
          page.db,
          page.collection,
          document._id,
          entry,
          'too-large',
          1,
          (err as Error).message,
        );
        page.removed.get(document)?.push(entry);
        return 'sent';
      }
      if (brokerUnavailable(err)) return this.brokerDown(err, 1);
      const refusals = (this.refusals.get(entry.id) ?? 0) + 1;
      this.refusals.set(entry.id, refusals);
      if (refusals >= this.refusalsBeforeQuarantine) {
        this.refusals.delete(entry.id);
        await this.quarantine(
          page.db,
          page.collection,
          document._id,
          entry,
          'refused',
          refusals,
          (err as Error).message,
        );
        page.removed.get(document)?.push(entry);
        return 'sent';
      }
      this.options.logger.warn(
        { err, eventId: entry.id, refusals },
        'outbox relay: the broker refused an entry',
      );
      page.waiting.add(document);
      return 'sent';
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
        await this.send([item.entry]);
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

  /**
   * One awaited request (one in flight per connection, so entries keep their order), under the
   * first entry's trace parent: a run shares it.
   */
  private async send(entries: OutboxEntry[]): Promise<void> {
    const [first] = entries;
    if (!first) return;
    if (!this.producerConnected) await this.options.producer.connect();
    const carrier: Record<string, string> = {};
    if (first.traceparent) carrier['traceparent'] = first.traceparent;
    if (first.tracestate) carrier['tracestate'] = first.tracestate;
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const byTopic = new Map<string, Message[]>();
    for (const entry of entries) {
      const topic = this.options.topics.physical(entry.topic);
      const records = byTopic.get(topic) ?? [];
      records.push(outboxRecord(entry));
      byTopic.set(topic, records);
    }
    await context.with(parent, () =>
      this.options.producer.sendBatch({
        acks: -1,
        timeout: this.timings.requestTimeoutMs,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      }),
    );
  }

  /**
   * The relayed entries of a page out of their outboxes. A document whose every entry went is
   * emptied in one update for the page, under one hold on every document's version: while the
   * version holds, its outbox is the one read (each append moves the version; a removal needs
   * the lease), so emptying it removes exactly what went, and compares nothing (a `$pullAll` of
   * a page's entries compares each against every outbox and cost ten times more). A document
   * partly sent, moved by a commit since the read, or held by a writer goes alone.
   */
  private async removeRelayedMany(
    aggregates: Collection<AggregateDocument>,
    model: AggregateModel,
    cleared: [AggregateDocument, OutboxEntry[]][],
  ): Promise<void> {
    const alone = cleared.filter(([document, entries]) => entries.length !== (document.outbox ?? []).length);
    const whole = new Map(
      cleared
        .filter(([document, entries]) => entries.length === (document.outbox ?? []).length)
        .map(([document, entries]) => [String(document._id), { document, entries }]),
    );
    const versions = [...whole.values()].map(({ document }) => ({
      aggregateId: String(document._id),
      current: document.version ?? 0,
    }));
    const { result, notHeld } = await versionClaims.holdMany(model, versions, (held) =>
      aggregates.updateMany(
        {
          $or: held.flatMap(({ aggregateId }) => {
            const document = whole.get(aggregateId)?.document;
            return document ? [{ _id: document._id, version: document.version ?? { $exists: false } }] : [];
          }),
        } as never,
        { $set: { outbox: [] } } as never,
      ),
    );
    const unsure = result?.matchedCount === versions.length - notHeld.length ? notHeld : versions;
    for (const { aggregateId } of unsure) {
      const item = whole.get(aggregateId);
      if (item) alone.push([item.document, item.entries]);
    }
    // $pullAll of exactly those entries is a no-op for a document the page update emptied
    for (const [document, entries] of alone)
      await this.removeRelayed(aggregates, model, document._id, entries);
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
