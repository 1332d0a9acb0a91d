import { z } from 'zod';

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

/**
 * The same schema with every object (however deep) stripping unknown keys instead of rejecting
 * them: an older consumer reads a newer producer's event of the same version, additive fields
 * dropped (DESIGN.md, contract evolution). Checks and refinements are kept.
 */
export function tolerantReader<T extends AnySchema>(schema: T): T {
  return loosen(schema) as T;
}

function loosen(schema: AnySchema): AnySchema {
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case 'object': {
      const shape = def['shape'] as Record<string, AnySchema>;
      const loose = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, loosen(v)]));
      return z.clone(schema, { ...def, shape: loose, catchall: undefined } as never);
    }
    case 'array':
      return z.clone(schema, { ...def, element: loosen(def['element'] as AnySchema) } as never);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return z.clone(schema, { ...def, innerType: loosen(def['innerType'] as AnySchema) } as never);
    case 'union':
      return z.clone(schema, { ...def, options: (def['options'] as AnySchema[]).map(loosen) } as never);
    case 'intersection':
      return z.clone(schema, {
        ...def,
        left: loosen(def['left'] as AnySchema),
        right: loosen(def['right'] as AnySchema),
      } as never);
    case 'record':
      return z.clone(schema, { ...def, valueType: loosen(def['valueType'] as AnySchema) } as never);
    case 'tuple':
      return z.clone(schema, { ...def, items: (def['items'] as AnySchema[]).map(loosen) } as never);
    case 'pipe':
      return z.clone(schema, {
        ...def,
        in: loosen(def['in'] as AnySchema),
        out: loosen(def['out'] as AnySchema),
      } as never);
    default:
      return schema;
  }
}
