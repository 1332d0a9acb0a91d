import { systemActor } from '@tradepilot/contracts';
import { isDuplicateKeyError } from '@tradepilot/messaging';
import type { Logger } from '@tradepilot/telemetry';
import { auditEntry } from './audit-entry';
import type { MeasureCatalog } from './measure-catalog';
import type { MeasureFields } from './measure-model';
import sampleCatalog from './seed/sample-measures.json';
import { taskGroupSeed } from './task-group-model';

/** Keeps the 8 task groups in the national database equal to the shipped reference data. */
export async function seedTaskGroups(catalog: MeasureCatalog): Promise<void> {
  const model = await catalog.taskGroupModel();
  await model.bulkWrite(
    taskGroupSeed.map((g) => ({
      updateOne: { filter: { _id: g.id }, update: { $set: { order: g.order, name: g.name } }, upsert: true },
    })),
  );
}

/**
 * Loads the illustrative sample catalog (demo data, flagged as such) into an empty catalog.
 * A catalog that holds any measure is left alone.
 */
export async function loadSampleCatalog(catalog: MeasureCatalog, logger: Logger, now: Date): Promise<number> {
  if ((await catalog.count()) > 0) return 0;
  const measures = (sampleCatalog.measures as (MeasureFields & { id: string })[]).map(
    ({ id, ...fields }) => ({
      _id: id,
      ...fields,
      illustrative: true,
      version: 1,
      createdAt: now,
      createdBy: 'system:plans',
      updatedAt: now,
      updatedBy: 'system:plans',
      history: [
        auditEntry(
          systemActor('plans'),
          'sample-loaded',
          now,
          1,
          [],
          'illustrative sample catalog for demos',
        ),
      ],
    }),
  );
  try {
    await (await catalog.measures()).insertMany(measures, { ordered: false });
  } catch (err) {
    // another instance loaded it at the same time
    if (!isDuplicateKeyError(err)) throw err;
  }
  logger.info({ measures: measures.length }, 'illustrative sample catalog loaded');
  return measures.length;
}
