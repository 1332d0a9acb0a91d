import { practicePublishedV1 } from '@tradepilot/contracts';
import { eventHandler } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { practicePublicationModel } from './practice-publication-model';

/**
 * Counts each published practice for its area and its co-authors, in the round the event names
 * (or, for events without it, the newest round the originating area takes part in).
 */
export function practicePublicationProjection(deps: ServiceDeps) {
  return eventHandler(practicePublishedV1, async (event) => {
    const data = event.data;
    const round =
      data.round ??
      Math.max(...(deps.registry.pilotArea(data.pilotAreaId)?.rounds ?? [deps.registry.latestRound()]));
    const authors = [
      { pilotAreaId: data.pilotAreaId, province: data.province, coAuthored: false },
      ...(data.coAuthors ?? [])
        .filter((c) => c.pilotAreaId !== data.pilotAreaId)
        .map((c) => ({ ...c, coAuthored: true })),
    ];
    const rows = await deps.databases.model(nationalScope, practicePublicationModel);
    for (const author of authors) {
      const row = {
        practiceId: data.practiceId,
        round,
        ...author,
        batchNumber: data.batchNumber,
        publishedAt: new Date(data.publishedAt),
      };
      await rows.replaceOne({ _id: `${data.practiceId}:${author.pilotAreaId}` }, row, { upsert: true });
    }
  });
}
