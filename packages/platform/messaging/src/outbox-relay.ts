import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { eventHeaders } from '@tradepilot/contracts';
import { tenantScope, nationalScope, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import type { Producer } from 'kafkajs';
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { OutboxEntry } from './outbox-entry';
import type { TopicNames } from './topic-names';
import { versionClaims } from './version-claims';

export interface OutboxRelayOptions {
  databases: TenantDatabases;
  producer: Producer;
  topics: TopicNames;
  logger: Logger;
  /** the safety-net sweep of every tenant database */
  pollIntervalMs?: number;
  /** how long a claimed document is left to this relay before another may take it */
  leaseMs?: number;
  /** after a failed publish, the document waits this long before the next attempt */
  retryAfterMs?: number;
}

export interface RelayStats {
  published: number;
  failedAttempts: number;
  lastError: string | null;
}

interface ClaimedDocument {
  _id: string;
  version: number;
  outbox: OutboxEntry[];
}

type RelayModel = Parameters<typeof versionClaims.hold>[0];

/**
 * Publishes what aggregates left in their outboxes, in order, then removes exactly what was
 * acknowledged. Several relays may run (one per instance): a lease keeps them off the same
 * document, and a duplicate that slips through is absorbed by idempotent consumers.
 */
export class OutboxRelay {
  readonly stats: RelayStats = { published: 0, failedAttempts: 0, lastError: null };
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private stopped = true;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly retryAfterMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retryAfterMs = options.retryAfterMs ?? 1000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const sweep = () => {
      void this.sweep().finally(() => {
        if (!this.stopped) this.timer = setTimeout(sweep, this.pollIntervalMs);
      });
    };
    sweep();
  }

  /** Stops polling and waits for the publish under way; what is left stays in the outboxes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
  }

  /** A local write just appended events for `tenant`: publish them now rather than at the next poll. */
  nudge(tenant: string): void {
    if (this.stopped) return;
    this.pending.add(tenant);
    this.pump();
  }

  /** Publishes everything pending in every existing database; resolves when done (tests, tools). */
  async sweep(): Promise<void> {
    try {
      const scopes = await this.options.databases.existingScopes();
      for (const scope of scopes) this.pending.add(scope.tenant);
    } catch (err) {
      this.options.logger.warn({ err }, 'outbox relay could not list tenant databases');
    }
    this.pump();
    await this.pumping;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = (async () => {
      while (this.pending.size > 0 && !this.stopped) {
        const [tenant] = this.pending;
        this.pending.delete(tenant as string);
        const scope = tenant === nationalScope.tenant ? nationalScope : tenantScope(tenant as string);
        await this.drain(scope).catch((err) =>
          this.options.logger.warn(
            { err, tenant },
            'outbox relay could not finish a drain; the next poll retries',
          ),
        );
      }
    })().finally(() => {
      this.pumping = undefined;
      if (this.pending.size > 0 && !this.stopped) this.pump();
    });
  }

  private async drain(scope: TenantScope): Promise<void> {
    for (const model of this.options.databases.outboxModels(scope)) {
      const collection = model.collection as unknown as Collection<
        ClaimedDocument & { relayLeaseUntil: Date | null }
      >;
      for (;;) {
        if (this.stopped) return;
        let claimed: ClaimedDocument | null;
        try {
          claimed = await this.claim(collection, model);
        } catch (err) {
          this.options.logger.warn({ err, tenant: scope.tenant }, 'outbox relay could not read an outbox');
          return;
        }
        if (!claimed) break;
        if (!(await this.publish(collection, claimed, model))) return;
      }
    }
  }

  /**
   * Leases one document with pending events. The lease is written under a hold on the
   * document's next version (a commit to the same document, from any process, must not
   * interleave with it); a document another relay leased in between is skipped.
   */
  private async claim(
    collection: Collection<ClaimedDocument & { relayLeaseUntil: Date | null }>,
    model: RelayModel,
  ): Promise<ClaimedDocument | null> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = new Date();
      const claimable = {
        'outbox.0': { $exists: true },
        $or: [{ relayLeaseUntil: null }, { relayLeaseUntil: { $lt: now } }],
      };
      const candidate = await collection.findOne(claimable as never, { projection: { _id: 1, version: 1 } });
      if (!candidate) return null;
      const claimed = (await versionClaims.hold(model, candidate._id, candidate.version, () =>
        collection.findOneAndUpdate(
          { _id: candidate._id, version: candidate.version, ...claimable } as never,
          { $set: { relayLeaseUntil: new Date(now.getTime() + this.leaseMs) } },
          // no projection: FerretDB 1.24 does not implement findAndModify's `fields`
          { returnDocument: 'after' },
        ),
      )) as ClaimedDocument | null;
      if (claimed) return claimed;
    }
    return null;
  }

  /** Sends the claimed entries in order; true when all were acknowledged and removed. */
  private async publish(
    collection: Collection<ClaimedDocument & { relayLeaseUntil: Date | null }>,
    claimed: ClaimedDocument,
    model: RelayModel,
  ): Promise<boolean> {
    const sent: OutboxEntry[] = [];
    try {
      for (const entry of claimed.outbox) {
        await this.send(entry);
        sent.push(entry);
        this.stats.published += 1;
      }
    } catch (err) {
      this.stats.failedAttempts += 1;
      this.stats.lastError = (err as Error).message;
      this.options.logger.warn(
        { err, pending: claimed.outbox.length - sent.length },
        'outbox relay publish failed',
      );
    }
    const failed = sent.length < claimed.outbox.length;
    // $pullAll with the exact entries read: FerretDB 1.24 ignores $pull with a condition; under a
    // hold on the version it was read at, retried when a commit moved the document meanwhile
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const current = await collection.findOne({ _id: claimed._id } as never, { projection: { version: 1 } });
      if (!current) return !failed;
      const result = await versionClaims.hold(model, claimed._id, current.version, () =>
        collection.updateOne(
          { _id: claimed._id, version: current.version } as never,
          {
            ...(sent.length > 0 ? { $pullAll: { outbox: sent } } : {}),
            $set: { relayLeaseUntil: failed ? new Date(Date.now() + this.retryAfterMs) : null },
          } as never,
        ),
      );
      if (result?.matchedCount === 1) return !failed;
    }
    // the lease runs out and the entries go again: consumers' guards absorb the duplicates
    this.options.logger.warn({ id: claimed._id }, 'outbox relay could not remove published entries');
    return false;
  }

  private send(entry: OutboxEntry): Promise<unknown> {
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
    return context.with(parent, () =>
      this.options.producer.send({
        topic: this.options.topics.physical(entry.topic),
        acks: -1,
        messages: [{ key: entry.key, value: entry.payload, headers }],
      }),
    );
  }
}
