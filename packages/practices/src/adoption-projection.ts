import { adoptionStatusChangedV1 } from '@tradepilot/contracts';
import { eventHandler, VersionConflict } from '@tradepilot/messaging';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import { adoptionProjectionModel, type AdoptionProjectionDocument } from './adoption-model';
import type { PracticeRepository } from './practice-repository';

const purpose = 'adoption-projection';

/**
 * adoption.status_changed.v1 → the national adoption projection: the adoption's latest state in
 * its practice's document. Version-conditional (a lost race retries); the adoption's event
 * sequence makes it idempotent (a redelivered or older event never overwrites a newer one), so no
 * look-up of applied ids delays the matrix; the event id is recorded in practices_national after.
 */
export const adoptionProjectionHandler = (deps: ServiceDeps, practices: PracticeRepository) =>
  eventHandler(adoptionStatusChangedV1, async (event) => {
    const { adoptionId, practiceId, province } = event.data;
    const model = await deps.databases.model(nationalScope, adoptionProjectionModel);
    const current = await model.findById(practiceId).lean<AdoptionProjectionDocument>();
    const cell = current?.provinces?.[province]?.[adoptionId];
    if (!cell || cell.sequence < event.sequence) {
      const value = {
        status: event.data.status,
        pilotAreaId: event.data.pilotAreaId,
        localUnit: event.data.localUnit,
        date: event.data.date,
        planTaskId: event.data.planTaskId,
        sequence: event.sequence,
      };
      const provinces = { ...(current?.provinces ?? {}) };
      provinces[province] = { ...(provinces[province] ?? {}), [adoptionId]: value };
      if (!current) {
        const created = await model
          .create({ _id: practiceId, provinces, version: 1 })
          .then(() => true)
          .catch((err: { code?: number }) => {
            if (err.code === 11000) return false;
            throw err;
          });
        if (!created)
          throw new VersionConflict(`adoption projection of ${practiceId} created meanwhile; retrying`);
      } else {
        const updated = await model.updateOne(
          { _id: practiceId, version: current.version },
          { $set: { provinces, version: current.version + 1 } },
        );
        if (updated.modifiedCount !== 1)
          throw new VersionConflict(`adoption projection of ${practiceId} changed meanwhile; retrying`);
      }
    }
    await practices.markApplied(nationalScope, event.id, purpose, event.type, practiceId, deps.now());
  });
