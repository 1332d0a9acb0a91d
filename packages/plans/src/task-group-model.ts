import type { LocalizedText } from '@tradepilot/contracts';
import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';
import taskGroupsSeed from './seed/task-groups.json';

/** One of the 8 task groups of the Overall Plan (national reference data). */
export interface TaskGroupDocument {
  _id: string;
  order: number;
  name: LocalizedText;
}

/** The 8 task groups as shipped (reference/task-groups.json). */
export const taskGroupSeed: readonly { id: string; order: number; name: LocalizedText }[] = taskGroupsSeed;
export const taskGroupIds: readonly string[] = taskGroupSeed.map((g) => g.id);

export const taskGroupModel = defineModel<TaskGroupDocument>({
  name: 'TaskGroup',
  collection: 'task_groups',
  placement: 'national',
  schema: new Schema<TaskGroupDocument>(
    {
      _id: { type: String, required: true },
      order: { type: Number, required: true },
      name: { 'zh-CN': { type: String, required: true }, en: { type: String, default: '' } },
    },
    { versionKey: false },
  ),
});
