import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import {
  adoptionProjectionModel,
  type AdoptionProjectionDocument,
  type AdoptionStatus,
} from './adoption-model';
import type { LibraryReader } from './library-reads';

const rank: Record<AdoptionStatus, number> = { dropped: 0, planned: 1, 'in-progress': 2, adopted: 3 };

/** The furthest status of a province's adoptions of one practice. */
function furthest(cells: { status: AdoptionStatus }[]): AdoptionStatus {
  return cells.reduce<AdoptionStatus>(
    (best, c) => (rank[c.status] > rank[best] ? c.status : best),
    'dropped',
  );
}

/**
 * The ministry's practice × province matrix: per practice, each province's furthest status and
 * adoption count; a practice adopted in at least `threshold` provinces is replicated nationwide.
 */
export async function adoptionMatrix(deps: ServiceDeps, library: LibraryReader, threshold: number) {
  const [published, projections] = await Promise.all([
    library.practices(),
    (await deps.databases.model(nationalScope, adoptionProjectionModel))
      .find()
      .lean<AdoptionProjectionDocument[]>(),
  ]);
  const byPractice = new Map(projections.map((p) => [p._id, p]));
  const rows = published.map((p) => {
    const provinces = Object.entries(byPractice.get(p._id)?.provinces ?? {}).map(([province, cells]) => {
      const list = Object.values(cells);
      return { province, status: furthest(list), adoptions: list.length };
    });
    const adoptedIn = provinces.filter((c) => c.status === 'adopted').length;
    return {
      practiceId: p._id,
      title: p.title,
      origin: p.province,
      provinces: provinces.sort((a, b) => a.province.localeCompare(b.province)),
      adoptedIn,
      replicatedNationwide: adoptedIn >= threshold,
    };
  });
  return { threshold, rows };
}

/** The adoption part of the national overview: counts by status, provinces and areas replicating. */
export async function adoptionSummary(deps: ServiceDeps, library: LibraryReader, threshold: number) {
  const { rows } = await adoptionMatrix(deps, library, threshold);
  const projections = await (await deps.databases.model(nationalScope, adoptionProjectionModel))
    .find()
    .lean<AdoptionProjectionDocument[]>();
  const published = new Set(rows.map((r) => r.practiceId));
  const byStatus: Record<AdoptionStatus, number> = { planned: 0, 'in-progress': 0, adopted: 0, dropped: 0 };
  const provinces = new Set<string>();
  for (const projection of projections.filter((p) => published.has(p._id)))
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
export async function practiceLineage(
  deps: ServiceDeps,
  library: LibraryReader,
  practiceId: string,
  threshold: number,
) {
  const practice = await library.practice(practiceId);
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
