import { procedure, router, type ServiceDeps } from '@tradepilot/service-kit';
import { saveFramework } from './assessment-framework-commands';
import {
  frameworkKeyInput,
  frameworkListInput,
  frameworkSaveInput,
  manualScoreInput,
  resultKeyInput,
  runKeyInput,
  runListInput,
  runStartInput,
} from './assessment-inputs';
import {
  getFramework,
  getResult,
  getRun,
  listFrameworks,
  listRuns,
  ownPublishedResults,
  ownResult,
} from './assessment-reads';
import { publishRun, scoreManually, startRun } from './assessment-run-commands';
import { roundInput } from '../supervision-inputs';
import { z } from 'zod';

const ownResultsInput = z.strictObject({ round: roundInput.optional() }).default({});

/**
 * Assessment (评估): the ministry's frameworks as data, runs that score every pilot area of a
 * round from the projections and explain each number, manual scores with evidence, publication
 * that freezes a run; provinces and pilot areas read their own areas in published runs.
 */
export function assessmentRouter(deps: ServiceDeps) {
  return router({
    frameworkSave: procedure
      .input(frameworkSaveInput)
      .mutation(({ ctx, input }) => saveFramework(deps, ctx, input)),
    frameworkGet: procedure.input(frameworkKeyInput).query(({ input }) => getFramework(deps, input)),
    frameworkList: procedure.input(frameworkListInput).query(({ input }) => listFrameworks(deps, input)),
    runStart: procedure.input(runStartInput).mutation(({ ctx, input }) => startRun(deps, ctx, input)),
    runList: procedure.input(runListInput).query(({ input }) => listRuns(deps, input)),
    runGet: procedure.input(runKeyInput).query(({ input }) => getRun(deps, input)),
    /** the areas of a run, best first, with each indicator's points */
    ranking: procedure.input(runKeyInput).query(async ({ input }) => (await getRun(deps, input)).ranking),
    manualScore: procedure
      .input(manualScoreInput)
      .mutation(({ ctx, input }) => scoreManually(deps, ctx, input)),
    publish: procedure.input(runKeyInput).mutation(({ ctx, input }) => publishRun(deps, ctx, input)),
    /** one area's result with every indicator's raw value, basis, rule and points */
    result: procedure.input(resultKeyInput).query(({ input }) => getResult(deps, input)),
    ownResults: procedure
      .input(ownResultsInput)
      .query(({ ctx, input }) => ownPublishedResults(deps, ctx, input)),
    ownResult: procedure.input(resultKeyInput).query(({ ctx, input }) => ownResult(deps, ctx, input)),
  });
}
