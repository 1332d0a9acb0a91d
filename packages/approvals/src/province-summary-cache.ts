import type { Logger } from '@tradepilot/telemetry';
import type { ApprovalsRepository } from './approvals-repository';
import type { ProvinceSummaryDocument } from './national-summary-model';

/**
 * The province summaries held in memory for the ministry's reads. This instance's own summary
 * writes land here at once; other instances' within `maxAgeMs`, by a reload in the background
 * (the reader is served the copy it has meanwhile). Only the very first read waits for the
 * database.
 */
export class ProvinceSummaryCache {
  private summaries = new Map<string, ProvinceSummaryDocument>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly repository: ApprovalsRepository,
    private readonly logger: Logger,
    private readonly maxAgeMs = 1000,
  ) {}

  async all(): Promise<ProvinceSummaryDocument[]> {
    if (this.loadedAt === 0) await this.reload();
    else if (Date.now() - this.loadedAt > this.maxAgeMs) void this.reload();
    return [...this.summaries.values()];
  }

  /** A summary this instance just wrote (kept only if it is newer than the one held). */
  put(summary: ProvinceSummaryDocument): void {
    const held = this.summaries.get(summary._id);
    if (!held || held.revision < summary.revision) this.summaries.set(summary._id, summary);
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const fresh = await (await this.repository.summaries()).find({}).lean<ProvinceSummaryDocument[]>();
        for (const summary of fresh) this.put(summary);
        this.loadedAt = Date.now();
      } catch (err) {
        this.logger.warn({ err }, 'could not reload the province summaries; serving the copy held');
        if (this.loadedAt === 0) throw err;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
