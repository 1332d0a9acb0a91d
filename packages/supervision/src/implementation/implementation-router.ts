import { procedure, type ServiceDeps } from '@tradepilot/service-kit';
import { statusMatrix, statusMatrixXlsx } from './implementation-matrix';
import {
  areaMeasuresInput,
  implementationRateInput,
  matrixInput,
  nationalRateInput,
} from './implementation-inputs';
import { areaMeasures, nationalRates, provinceRates } from './implementation-reads';

/** The implementation rate (落地率) procedures, merged into the `implementation` router. */
export function implementationProcedures(deps: ServiceDeps) {
  return {
    /** the province's (or one area's) rates per period, area and task group, with the trend */
    rate: procedure.input(implementationRateInput).query(({ ctx, input }) => provinceRates(deps, ctx, input)),
    /** one area's measures for a period; those no task maps to listed apart with the plan's explanation */
    areaMeasures: procedure
      .input(areaMeasuresInput)
      .query(({ ctx, input }) => areaMeasures(deps, ctx, input)),
    /** the ministry's rates nationally, per province, task group and area, per period with the trend */
    nationalRate: procedure.input(nationalRateInput).query(({ input }) => nationalRates(deps, input)),
    /** the ministry's area × measure status matrix, filtered */
    matrix: procedure.input(matrixInput).query(({ input }) => statusMatrix(deps, input)),
    /** the same matrix as an XLSX */
    matrixXlsx: procedure.input(matrixInput).query(({ input }) => statusMatrixXlsx(deps, input)),
  };
}
