import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import {
  adoptionProjectionModel,
  type AdoptionProjectionDocument,
  type AdoptionStatus,
} from './adoption-model';
import type { LibraryPracticeView } from './library-reads';

const rank: Record<AdoptionStatus, number> = { dropped: 0, planned: 1, 'in-progress': 2, adopted: 3 };

/** The furthest status of a province's adoptions of one practice. */
function furthest(cells: { status: AdoptionStatus }[]): AdoptionStatus {
  return cells.reduce<AdoptionStatus>(
    (best, c) => (rank[c.status] > rank[best] ? c.status : best),
    'dropped',
  );
}

const projections = async (deps: ServiceDeps) =>
  (await deps.databases.model(nationalScope, adoptionProjectionModel))
    .find()
    .lean<AdoptionProjectionDocument[]>();

function matrixRows(
  published: readonly LibraryPracticeView[],
  found: AdoptionProjectionDocument[],
  threshold: number,
) {
  const byPractice = new Map(found.map((p) => [p._id, p]));
  return [...published]
    .sort((a, b) => a.batchNumber - b.batchNumber || a.id.localeCompare(b.id))
    .map((p) => {
      const provinces = Object.entries(byPractice.get(p.id)?.provinces ?? {}).map(([province, cells]) => {
        const list = Object.values(cells);
        return { province, status: furthest(list), adoptions: list.length };
      });
      const adoptedIn = provinces.filter((c) => c.status === 'adopted').length;
      return {
        practiceId: p.id,
        title: p.title,
        origin: p.province,
        provinces: provinces.sort((a, b) => a.province.localeCompare(b.province)),
        adoptedIn,
        replicatedNationwide: adoptedIn >= threshold,
      };
    });
}

/**
 * The ministry's practice × province matrix: per published practice (as this instance's library
 * index holds them: no library read on the way), each province's furthest status and adoption
 * count; a practice adopted in at least `threshold` provinces is replicated nationwide.
 */
export async function adoptionMatrix(
  deps: ServiceDeps,
  published: readonly LibraryPracticeView[],
  threshold: number,
) {
  return { threshold, rows: matrixRows(published, await projections(deps), threshold) };
}

/** The adoption part of the national overview: counts by status, provinces replicating. */
export async function adoptionSummary(
  deps: ServiceDeps,
  published: readonly LibraryPracticeView[],
  threshold: number,
) {
  const found = await projections(deps);
  const rows = matrixRows(published, found, threshold);
  const ids = new Set(published.map((p) => p.id));
  const byStatus: Record<AdoptionStatus, number> = { planned: 0, 'in-progress': 0, adopted: 0, dropped: 0 };
  const provinces = new Set<string>();
  for (const projection of found.filter((p) => ids.has(p._id)))
    for (const [province, cells] of Object.entries(projection.provinces ?? {}))
      for (const cell of Object.values(cells)) {
        byStatus[cell.status] += 1;
        provinces.add(province);
      }
  return {
    adoptions: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
    adoptionsByStatus: byStatus,
    provincesReplicating: provinces.size,
    practicesAdopted: rows.filter((r) => r.adoptedIn > 0).length,
    practicesReplicatedNationwide: rows.filter((r) => r.replicatedNationwide).length,
  };
}

/**
 * A practice's lineage: the measures it implements → the areas that originated it → the
 * provinces and areas that replicated it → the plan tasks it became there.
 */
export async function practiceLineage(deps: ServiceDeps, practice: LibraryPracticeView, threshold: number) {
  const practiceId = practice.id;
  const projection = await (await deps.databases.model(nationalScope, adoptionProjectionModel))
    .findById(practiceId)
    .lean<AdoptionProjectionDocument>();
  const replications = Object.entries(projection?.provinces ?? {}).flatMap(([province, cells]) =>
    Object.entries(cells).map(([adoptionId, c]) => ({
      adoptionId,
      province,
      pilotAreaId: c.pilotAreaId,
      localUnit: c.localUnit,
      status: c.status,
      date: c.date,
      planTaskId: c.planTaskId,
    })),
  );
  const adoptedIn = new Set(replications.filter((r) => r.status === 'adopted').map((r) => r.province)).size;
  return {
    practiceId,
    title: practice.title,
    measures: [...practice.measureIds],
    originators: [
      { pilotAreaId: practice.pilotAreaId, province: practice.province, role: 'owner' as const },
      ...practice.coAuthors.map((c) => ({
        pilotAreaId: c.pilotAreaId,
        province: c.province,
        role: 'co-author' as const,
      })),
    ],
    batch: { id: practice.batchId, number: practice.batchNumber },
    replications: replications.sort(
      (a, b) => a.province.localeCompare(b.province) || a.adoptionId.localeCompare(b.adoptionId),
    ),
    adoptedIn,
    replicatedNationwide: adoptedIn >= threshold,
  };
}
