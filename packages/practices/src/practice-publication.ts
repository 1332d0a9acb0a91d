import { practicePublishedV1, systemActor } from '@tradepilot/contracts';
import { eventHandler, VersionConflict } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import type { PracticeRepository } from './practice-repository';

const purpose = 'practice-published';

/**
 * A batch published one of this province's practices: the practice in its province's database
 * is marked published (state-guarded, the event id recorded), so the area sees where it went.
 */
export const practicePublishedHandler = (deps: ServiceDeps, practices: PracticeRepository) =>
  eventHandler(practicePublishedV1, async (event) => {
    const { practiceId, province, batchId, publishedAt } = event.data;
    if (!deps.registry.isTenant(province)) return;
    const scope = tenantScope(province);
    if (await practices.wasApplied(scope, event.id, purpose)) return;
    const practice = await practices.get(scope, practiceId);
    if (practice && practice.status === 'recommended') {
      const updated = await practices.commit(
        deps,
        scope,
        practice,
        event.actor,
        {
          set: { status: 'published', batchId, publishedAt: new Date(publishedAt) },
          events: [],
          audit: {
            action: 'published',
            changes: [{ field: 'status', before: practice.status, after: 'published' }],
          },
        },
        { causationId: event.id, eventActor: systemActor('practices') },
      );
      if (!updated) throw new VersionConflict(`practice ${practiceId} changed while applying ${event.id}`);
    }
    await practices.markApplied(scope, event.id, purpose, event.type, practiceId, deps.now());
  });
