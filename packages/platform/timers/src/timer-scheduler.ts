import type { Logger } from '@tradepilot/telemetry';
import type { TenantDatabases, TenantScope } from '@tradepilot/tenancy';
import { nationalScope } from '@tradepilot/tenancy';
import { randomUUID } from 'node:crypto';
import { claimDueItem, markFired, releaseClaim } from './timer-claims';
import { dueItemKey, timerEventId, type DueItem } from './due-item';
import { schedulerHeartbeatModel, type FailingItem } from './scheduler-heartbeat-model';
import { timerClaimModel } from './timer-claim-model';

/** What firing an item found: it emitted, or the item was no longer due when re-read. */
export type FireOutcome = 'fired' | 'not-due';

/** Where a scheduler finds its due items and what it does with each. */
export interface DueItemSource<I extends DueItem = DueItem> {
  /** The tenants to sweep (default: every tenant database of the service). */
  scopes?(listing: { maxAgeMs: number }): Promise<TenantScope[]>;
  /** Items due at `now` in one tenant, oldest first, at most `limit`. */
  due(scope: TenantScope, now: Date, limit: number): Promise<I[]>;
  /**
   * Emits the item's event under `eventId` (the same id every time for this item, so a repeat is a
   * duplicate the consumers drop) and records on the subject that it fired.
   */
  fire(scope: TenantScope, item: I, context: { eventId: string; now: Date }): Promise<FireOutcome>;
}

export interface TimerSchedulerOptions {
  /** the task's name, and the heartbeat document's _id */
  name: string;
  pollMs: number;
  /** items per tenant and sweep */
  batch?: number;
  /** how long a claim holds before another scheduler may take the item over */
  claimLeaseMs?: number;
  logger: Logger;
  /** the clock due dates are compared with (tests move it) */
  now: () => Date;
}

const maxReportedFailures = 20;

/**
 * A durable scheduler: due dates live on the subjects, each sweep reads what has come due, claims
 * each item with a unique claim document (`subject:kind:dueAt`, per tenant) and lets the source emit
 * it under a deterministic event id. A restart loses nothing (the dates are stored) and repeats
 * nothing (a fired item is claimed for good; two schedulers race for the claim's _id). A failing
 * tenant or item is reported in the heartbeat and skipped until the next sweep; the others go on.
 */
export class TimerScheduler<I extends DueItem = DueItem> {
  readonly name: string;
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly databases: TenantDatabases,
    private readonly source: DueItemSource<I>,
    private readonly options: TimerSchedulerOptions,
  ) {
    this.name = options.name;
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((err) =>
          this.options.logger.warn({ err, scheduler: this.name }, 'timer sweep failed; the next one retries'),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every tenant; returns the items that failed (also in the heartbeat). */
  async sweep(): Promise<FailingItem[]> {
    const now = this.options.now();
    const failures: FailingItem[] = [];
    // a listing of the databases another poller of this process made within a poll will do
    const listing = { maxAgeMs: this.options.pollMs };
    const scopes = this.source.scopes
      ? await this.source.scopes(listing)
      : (await this.databases.existingScopes(listing)).filter((s) => s.kind === 'tenant');
    for (const scope of scopes) {
      if (this.stopped) break;
      await this.sweepTenant(scope, now, failures);
    }
    await this.beat(now, failures);
    return failures;
  }

  private async sweepTenant(scope: TenantScope, now: Date, failures: FailingItem[]): Promise<void> {
    let items: I[];
    try {
      items = await this.source.due(scope, now, this.options.batch ?? 100);
    } catch (err) {
      this.fail(failures, { tenant: scope.tenant, item: null, error: message(err), at: new Date() }, err);
      return;
    }
    for (const item of items) {
      if (this.stopped) return;
      try {
        await this.fireOnce(scope, item, now);
      } catch (err) {
        this.fail(
          failures,
          { tenant: scope.tenant, item: dueItemKey(item), error: message(err), at: new Date() },
          err,
        );
      }
    }
  }

  private async fireOnce(scope: TenantScope, item: I, now: Date): Promise<void> {
    const key = dueItemKey(item);
    const claims = await this.databases.model(scope, timerClaimModel);
    const claimed = await claimDueItem(claims, key, this.owner, this.options.claimLeaseMs ?? 60_000);
    if (!claimed) return;
    let outcome: FireOutcome;
    try {
      outcome = await this.source.fire(scope, item, { eventId: timerEventId(item), now });
    } catch (err) {
      await releaseClaim(claims, key, this.owner).catch(() => undefined);
      throw err;
    }
    await markFired(claims, key, this.owner, outcome);
  }

  private fail(failures: FailingItem[], failure: FailingItem, err: unknown): void {
    if (failures.length < maxReportedFailures) failures.push(failure);
    this.options.logger.error(
      { err, scheduler: this.name, tenant: failure.tenant, item: failure.item },
      'timer item failed; the other items go on and the next sweep retries it',
    );
  }

  private async beat(now: Date, failures: FailingItem[]): Promise<void> {
    const heartbeat = await this.databases.model(nationalScope, schedulerHeartbeatModel);
    await heartbeat.updateOne(
      { _id: this.name },
      {
        $inc: { sweeps: 1 },
        $set: {
          lastSweepAt: new Date(),
          lastClock: now,
          failing: failures,
          ...(failures.length > 0 ? { lastFailureAt: new Date() } : {}),
        },
      },
      { upsert: true },
    );
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
