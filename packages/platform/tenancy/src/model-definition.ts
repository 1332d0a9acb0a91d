import type { Schema } from 'mongoose';

/** Where a model's documents live: each tenant's database, the national one, or both. */
export type ModelPlacement = 'tenant' | 'national' | 'both';

export interface ModelDefinition<T = unknown> {
  name: string;
  collection: string;
  schema: Schema<T>;
  placement: ModelPlacement;
  /** documents carry an `outbox` array the relay publishes and drains */
  outbox?: boolean;
}

export const defineModel = <T>(definition: ModelDefinition<T>): ModelDefinition<T> => definition;

// a list of models of different document types: the element type cannot be narrower
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModelDefinition = ModelDefinition<any>;
