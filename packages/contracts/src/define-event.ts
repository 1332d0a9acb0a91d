import { z } from 'zod';
import { envelopeSchema, type Envelope } from './envelope';
import { tolerantReader } from './tolerant-reader';

export interface EventDefinition<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  /** `<aggregate>.<past-tense-verb>.v<N>` */
  type: TType;
  /** logical topic, one per aggregate type (a deployment may prefix it) */
  topic: string;
  data: TData;
  envelope: z.ZodType<Envelope<z.infer<TData>> & { type: TType }>;
  /**
   * What consumers parse with: the same fields, but unknown ones (added by a newer producer of a
   * compatible version) are dropped instead of rejected. Producers keep `envelope`, strict.
   */
  reader: z.ZodType<Envelope<z.infer<TData>> & { type: TType }>;
}

export type EventData<T> = T extends EventDefinition<string, infer D> ? z.infer<D> : never;
export type EventOf<T> =
  T extends EventDefinition<infer N, infer D> ? Envelope<z.infer<D>> & { type: N } : never;

export function defineEvent<TType extends string, TData extends z.ZodType>(definition: {
  type: TType;
  topic: string;
  data: TData;
}): EventDefinition<TType, TData> {
  const envelope = envelopeSchema.extend({ type: z.literal(definition.type), data: definition.data });
  return {
    ...definition,
    envelope: envelope as unknown as EventDefinition<TType, TData>['envelope'],
    reader: tolerantReader(envelope) as unknown as EventDefinition<TType, TData>['reader'],
  };
}
