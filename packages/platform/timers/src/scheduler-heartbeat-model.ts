import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** An item (or a whole tenant, `item: null`) the last sweep could not fire, and why. */
export interface FailingItem {
  tenant: string;
  item: string | null;
  error: string;
  at: Date;
}

/** When a scheduler last swept and what failed in that sweep (operators watch it; tests wait for sweeps). */
export interface SchedulerHeartbeatDocument {
  _id: string;
  sweeps: number;
  lastSweepAt: Date;
  lastClock: Date;
  failing: FailingItem[];
  lastFailureAt: Date | null;
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
      failing: {
        type: [
          new Schema<FailingItem>(
            {
              tenant: { type: String, required: true },
              item: { type: String, default: null },
              error: { type: String, required: true },
              at: { type: Date, required: true },
            },
            { _id: false },
          ),
        ],
        default: [],
      },
      lastFailureAt: { type: Date, default: null },
    },
    { versionKey: false },
  ),
});
