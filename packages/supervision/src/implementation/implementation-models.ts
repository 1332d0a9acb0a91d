import { projectionStampModel } from '@tradepilot/tenancy';
import { implementationMatrixModel } from './implementation-matrix-model';
import { implementationRateModel } from './implementation-rate-model';
import { measureImplementationModel } from './measure-implementation-model';
import { measureStatusPeriodModel } from './measure-status-period-model';

/** The collections of the implementation status and rate. */
export const implementationModels = [
  measureStatusPeriodModel,
  measureImplementationModel,
  implementationRateModel,
  implementationMatrixModel,
  projectionStampModel,
];
