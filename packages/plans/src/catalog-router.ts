import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { z } from 'zod';
import { measureNotFound } from './catalog-errors';
import type { MeasureCatalog } from './measure-catalog';
import { createMeasure, updateMeasure } from './measure-editing';
import { exportMeasures } from './measure-export';
import { importMeasures } from './measure-import';
import {
  createMeasureInput,
  exportMeasuresInput,
  getMeasureInput,
  importMeasuresInput,
  listMeasuresInput,
  updateMeasureInput,
} from './measure-inputs';
import { measureHistoryView, toMeasureView } from './measure-view';

/** The measures catalog and task groups: everyone reads; ministry officers and operators edit. */
export function catalogRouter(deps: ServiceDeps, catalog: MeasureCatalog) {
  return {
    taskGroup: router({
      list: procedure
        .input(z.strictObject({}).default({}))
        .query(async () =>
          (await catalog.taskGroups()).map((g) => ({ id: g._id, order: g.order, name: g.name })),
        ),
    }),
    measure: router({
      list: procedure
        .input(listMeasuresInput)
        .query(async ({ input }) => (await catalog.list(input)).map(toMeasureView)),
      get: procedure.input(getMeasureInput).query(async ({ input }) => {
        const measure = await catalog.get(input.measureId);
        if (!measure) throw measureNotFound(input.measureId);
        return toMeasureView(measure);
      }),
      history: procedure.input(getMeasureInput).query(async ({ input }) => {
        const measure = await catalog.get(input.measureId);
        if (!measure) throw measureNotFound(input.measureId);
        return measureHistoryView(measure);
      }),
      create: procedure
        .input(createMeasureInput)
        .mutation(({ ctx, input }) => createMeasure(deps, catalog, ctx, input)),
      update: procedure
        .input(updateMeasureInput)
        .mutation(({ ctx, input }) => updateMeasure(deps, catalog, ctx, input)),
      import: procedure
        .input(importMeasuresInput)
        .mutation(({ ctx, input }) => importMeasures(deps, catalog, ctx, input)),
      export: procedure
        .input(exportMeasuresInput)
        .query(({ input }) => exportMeasures(catalog, input, deps.now())),
    }),
  };
}
