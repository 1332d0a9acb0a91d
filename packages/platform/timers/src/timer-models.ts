import { schedulerHeartbeatModel } from './scheduler-heartbeat-model';
import { timerClaimModel } from './timer-claim-model';

/** The models a service with a timer scheduler adds to its own (claims per tenant, heartbeat national). */
export const timerModels = [timerClaimModel, schedulerHeartbeatModel];
