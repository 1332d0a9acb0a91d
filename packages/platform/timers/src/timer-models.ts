import { schedulerHeartbeatModel } from './scheduler-heartbeat-model';
import { timerClaimModel } from './timer-claim-model';

/** The models a service with a timer scheduler adds to its own (claims where the items live, heartbeat national). */
export const timerModels = [timerClaimModel, schedulerHeartbeatModel];
