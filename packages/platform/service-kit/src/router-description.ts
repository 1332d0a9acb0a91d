import type { AnyProcedure, AnyRouter } from '@trpc/server';
import { z } from 'zod';
import type { ProcedureMeta } from './trpc';

export type RestMethod = NonNullable<ProcedureMeta['openapi']>['method'];

/** A JSON Schema document (draft 2020-12), as zod writes it. */
export type JsonSchema = Record<string, unknown>;

/** One procedure of a service, as the gateway and the generated test suites discover it. */
export interface ProcedureDescription {
  /** the tRPC path, e.g. `plan.get` */
  path: string;
  type: 'query' | 'mutation';
  /** the input as callers send it (draft 2020-12); null when the procedure takes none */
  input: JsonSchema | null;
  /** set when the input exists but could not be written as JSON Schema */
  inputProblem?: string;
  /** where the procedure answers over plain HTTP (relative to the REST base) */
  rest: { method: RestMethod; path: `/${string}` };
}

export interface ServiceDescription {
  service: string;
  procedures: ProcedureDescription[];
  /** OpenAPI 3.1 document of the same procedures (trpc-to-openapi) */
  openapi: Record<string, unknown>;
}

type ZodLike = z.ZodType & { _zod: { def: { type: string } & Record<string, unknown> } };

const defOf = (schema: unknown) => (schema as ZodLike)._zod.def;

/** Unwraps optional / default / nullable / prefault / readonly to the schema underneath. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema as ZodLike;
  for (;;) {
    const def = defOf(current);
    if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'nonoptional'].includes(def.type)) {
      current = def['innerType'] as ZodLike;
      continue;
    }
    if (def.type === 'pipe' && defOf(def['out']).type === 'transform') {
      current = def['in'] as ZodLike;
      continue;
    }
    return current;
  }
}

const isStringLike = (schema: z.ZodType): boolean => {
  const inner = unwrapSchema(schema);
  const def = defOf(inner);
  if (def.type === 'string') return true;
  if (def.type === 'enum') return Object.values(def['entries'] as object).every((v) => typeof v === 'string');
  if (def.type === 'literal') return (def['values'] as unknown[]).every((v) => typeof v === 'string');
  return false;
};

/** The procedure's input schema (several `.input()` calls are intersected). */
export function inputSchemaOf(procedure: AnyProcedure): z.ZodType | undefined {
  const inputs = (procedure._def as unknown as { inputs: z.ZodType[] }).inputs;
  if (inputs.length === 0) return undefined;
  return inputs.reduce((all, next) => z.intersection(all, next));
}

/**
 * Where a procedure answers over REST, derived from its path and type so no service writes it:
 * `plan.get` → `/plan/get`. Queries whose inputs are all strings are GET with query
 * parameters; everything else is POST with a JSON body. An explicit `meta.openapi` wins.
 */
export function restRouteOf(path: string, procedure: AnyProcedure): ProcedureDescription['rest'] {
  const explicit = (procedure._def as { meta?: ProcedureMeta }).meta?.openapi;
  if (explicit) return { method: explicit.method, path: explicit.path };
  const restPath = `/${path.split('.').join('/')}` as const;
  const type = (procedure._def as { type: string }).type;
  if (type !== 'query') return { method: 'POST', path: restPath };
  const input = inputSchemaOf(procedure);
  if (!input) return { method: 'GET', path: restPath };
  const inner = unwrapSchema(input);
  const def = defOf(inner);
  const flatStrings =
    def.type === 'object' &&
    Object.values((inner as z.ZodObject).shape).every((field) => isStringLike(field));
  return { method: flatStrings ? 'GET' : 'POST', path: restPath };
}

/** Every query and mutation of a router, flat (`a.b.c` → procedure). */
export function proceduresOf(router: AnyRouter): [string, AnyProcedure][] {
  return Object.entries(router._def.procedures as Record<string, AnyProcedure>).filter(([, p]) => {
    const type = (p._def as { type: string }).type;
    return type === 'query' || type === 'mutation';
  });
}

function jsonSchemaOf(input: z.ZodType | undefined): { input: JsonSchema | null; inputProblem?: string } {
  if (!input) return { input: null };
  try {
    return { input: z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema };
  } catch (err) {
    return { input: null, inputProblem: (err as Error).message };
  }
}

export function describeProcedures(router: AnyRouter): ProcedureDescription[] {
  return proceduresOf(router).map(([path, procedure]) => ({
    path,
    type: (procedure._def as { type: 'query' | 'mutation' }).type,
    ...jsonSchemaOf(inputSchemaOf(procedure)),
    rest: restRouteOf(path, procedure),
  }));
}
