import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** When the timer scheduler last swept (operators watch it; tests wait for sweeps). */
export interface SchedulerHeartbeatDocument {
  _id: string;
  sweeps: number;
  lastSweepAt: Date;
  lastClock: Date;
}

export const schedulerHeartbeatModel = defineModel<SchedulerHeartbeatDocument>({
  name: 'SchedulerHeartbeat',
  collection: 'scheduler_heartbeat',
  placement: 'national',
  schema: new Schema<SchedulerHeartbeatDocument>(
    {
      _id: { type: String, required: true },
      sweeps: { type: Number, required: true },
      lastSweepAt: { type: Date, required: true },
      lastClock: { type: Date, required: true },
    },
    { versionKey: false },
  ),
});
