import { z } from 'zod';
import { actorSchema } from './actor';
import { tenantIdSchema } from './tenant-id';

/** Every event travels in this envelope (DESIGN.md, "Events"). */
export const envelopeSchema = z.strictObject({
  id: z.uuid(),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+\.v[1-9][0-9]*$/, 'type is <aggregate>.<past-tense-verb>.v<N>'),
  tenant: tenantIdSchema,
  aggregateId: z.string().min(1).max(128),
  /** 1, 2, 3… per aggregate, contiguous: consumers use it as a duplicate and order guard */
  sequence: z.int().min(1),
  occurredAt: z.iso.datetime(),
  actor: actorSchema,
  /** the event (or command id) that caused this one */
  causationId: z.string().min(1).max(128).nullable(),
  data: z.unknown(),
});
export type Envelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };

/** Kafka headers every event carries besides the W3C `traceparent`. */
export const eventHeaders = {
  eventType: 'event-type',
  tenant: 'tenant',
  traceparent: 'traceparent',
} as const;
