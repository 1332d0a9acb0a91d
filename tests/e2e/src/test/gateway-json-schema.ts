import { randomUUID } from 'node:crypto';

/** A JSON Schema (draft 2020-12) node as zod writes them; only what the suites read. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  prefixItems?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
}

export type FieldPath = (string | number)[];

const boundedFormats = new Set([
  'uuid',
  'guid',
  'date',
  'date-time',
  'time',
  'ipv4',
  'ipv6',
  'cuid',
  'cuid2',
  'ulid',
  'nanoid',
]);

/** A pattern that fixes its length: anchored, and no `*`, `+` or open-ended `{n,}`. */
export function isBoundedPattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  const unescaped = pattern.replace(/\\./g, '');
  return !/[*+]|\{\d+,\}/.test(unescaped);
}

const typesOf = (node: SchemaNode): string[] =>
  node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];

function resolve(node: SchemaNode | null | undefined, root: SchemaNode): SchemaNode {
  // a procedure that takes no input has no schema at all
  if (!node) return {};
  if (!node.$ref) return node;
  const name = node.$ref.replace(/^#\/\$defs\//, '');
  return root.$defs?.[name] ?? node;
}

/**
 * What is not strict enough in an input schema: objects that accept unknown keys, strings
 * without a length limit (or a format / pattern / enum that fixes one), arrays without a
 * maximum. Returns one line per problem, naming the field.
 */
export function strictnessProblems(schema: SchemaNode, root: SchemaNode = schema, at = '(input)'): string[] {
  const node = resolve(schema, root);
  const problems: string[] = [];
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])])
    problems.push(...strictnessProblems(branch, root, at));
  const types = typesOf(node);
  if (types.includes('object') || node.properties) {
    if (node.additionalProperties !== false) problems.push(`${at}: object accepts unknown keys`);
    for (const [name, child] of Object.entries(node.properties ?? {}))
      problems.push(...strictnessProblems(child, root, `${at}.${name}`));
  }
  if (types.includes('string') && node.enum === undefined && node.const === undefined) {
    const bounded =
      node.maxLength !== undefined ||
      (node.format !== undefined && boundedFormats.has(node.format)) ||
      (node.pattern !== undefined && isBoundedPattern(node.pattern));
    if (!bounded) problems.push(`${at}: string without a length limit`);
  }
  if (types.includes('array')) {
    if (node.maxItems === undefined) problems.push(`${at}: array without a maximum length`);
    if (node.items) problems.push(...strictnessProblems(node.items, root, `${at}[]`));
  }
  return problems;
}

const stringCandidates = (name: string): string[] => [
  ...(name.toLowerCase().endsWith('id') ? [randomUUID()] : []),
  'guangzhou',
  'guangdong',
  'plans.plan',
  'approve',
  '2026-06-30',
  '2026-06-30T00:00:00Z',
  'sample',
  randomUUID(),
];

function sampleString(node: SchemaNode, name: string): string {
  if (node.format === 'uuid' || node.format === 'guid') return randomUUID();
  if (node.format === 'date') return '2026-06-30';
  if (node.format === 'date-time') return '2026-06-30T00:00:00Z';
  const min = node.minLength ?? 0;
  const max = node.maxLength ?? Number.MAX_SAFE_INTEGER;
  const fits = (s: string) =>
    s.length >= min && s.length <= max && (!node.pattern || new RegExp(node.pattern, 'u').test(s));
  const found = stringCandidates(name).find(fits);
  if (found) return found;
  const padded = 'sample'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, 6)));
  return padded;
}

/**
 * A value the schema accepts (as far as a schema can tell): required properties, and with
 * `full`, every optional property and one element in each array, so that every nested
 * field exists to be fuzzed.
 */
export function sampleOf(
  schema: SchemaNode,
  options: { full: boolean },
  root: SchemaNode = schema,
  name = '',
): unknown {
  const node = resolve(schema, root);
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  const branch = node.anyOf?.[0] ?? node.oneOf?.[0];
  if (branch) return sampleOf(branch, options, root, name);
  if (node.allOf?.length) return sampleOf(node.allOf[0] as SchemaNode, options, root, name);
  const types = typesOf(node).filter((t) => t !== 'null');
  const type = types[0] ?? (node.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (options.full || node.required?.includes(key)) out[key] = sampleOf(child, options, root, key);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(node.minItems ?? 0, options.full ? 1 : 0);
      return Array.from({ length: count }, () =>
        node.items ? sampleOf(node.items, options, root, name) : 'sample',
      );
    }
    case 'string':
      return sampleString(node, name);
    case 'integer':
    case 'number':
      return Math.max(
        node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : 1),
        1,
      );
    case 'boolean':
      return false;
    default:
      return node.default ?? null;
  }
}

/** Paths of every string field (arrays entered at their first element), for fuzzing. */
export function stringFields(schema: SchemaNode, root: SchemaNode = schema, at: FieldPath = []): FieldPath[] {
  const node = resolve(schema, root);
  const branch = node.anyOf?.[0] ?? node.oneOf?.[0] ?? node.allOf?.[0];
  if (branch) return stringFields(branch, root, at);
  const types = typesOf(node);
  const found: FieldPath[] = [];
  if (types.includes('string')) found.push(at);
  for (const [key, child] of Object.entries(node.properties ?? {}))
    found.push(...stringFields(child, root, [...at, key]));
  if (types.includes('array') && node.items) found.push(...stringFields(node.items, root, [...at, 0]));
  return found;
}

/** Names of top-level input properties that hold an id (`planId`, `caseId`, `id`). */
export function idFields(schema: SchemaNode | null): string[] {
  if (!schema) return [];
  const node = schema.anyOf?.[0] ?? schema;
  return Object.keys(node.properties ?? {}).filter((name) => name === 'id' || /Id$/.test(name));
}

export function withValueAt(value: unknown, path: FieldPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = replacement;
  return copy;
}
