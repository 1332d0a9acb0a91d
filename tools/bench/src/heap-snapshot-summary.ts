import { readFileSync } from 'node:fs';

/**
 * What a V8 heap snapshot holds, by kind of object: objects and closures by constructor or
 * function name, everything else (strings, arrays, code, …) by node type. Two of them, from the
 * start and the end of a soak, say what the heap grew by: a leak shows as a kind whose count
 * keeps growing, a heap that only has not been collected yet shows no growth (a snapshot
 * collects garbage first).
 */
export interface HeapKind {
  kind: string;
  count: number;
  selfBytes: number;
}

export interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
}

/** node types whose name says what they are; other types are named by their contents (strings, code) */
const namedTypes = new Set(['object', 'closure', 'native']);

export function heapKinds(snapshot: HeapSnapshotFile): HeapKind[] {
  const fields = snapshot.snapshot.meta.node_fields;
  const typeNames = snapshot.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const kinds = new Map<string, HeapKind>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = typeNames[snapshot.nodes[i + typeAt] as number] ?? 'unknown';
    const kind = namedTypes.has(type)
      ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt] as number]}`
      : type;
    const entry = kinds.get(kind) ?? { kind, count: 0, selfBytes: 0 };
    entry.count += 1;
    entry.selfBytes += snapshot.nodes[i + sizeAt] as number;
    kinds.set(kind, entry);
  }
  return [...kinds.values()];
}

export const readHeapKinds = (file: string): HeapKind[] =>
  heapKinds(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotFile);

export interface HeapGrowth {
  kind: string;
  countBefore: number;
  countAfter: number;
  selfBytesGrowth: number;
}

/** The kinds whose bytes grew most from `before` to `after`, and the heap's total growth. */
export function heapGrowth(
  before: HeapKind[],
  after: HeapKind[],
  top = 15,
): { totalBytesBefore: number; totalBytesAfter: number; grewMost: HeapGrowth[] } {
  const byKind = new Map(before.map((k) => [k.kind, k]));
  const grewMost = after
    .map((k) => ({
      kind: k.kind,
      countBefore: byKind.get(k.kind)?.count ?? 0,
      countAfter: k.count,
      selfBytesGrowth: k.selfBytes - (byKind.get(k.kind)?.selfBytes ?? 0),
    }))
    .sort((a, b) => b.selfBytesGrowth - a.selfBytesGrowth)
    .slice(0, top);
  const total = (kinds: HeapKind[]) => kinds.reduce((n, k) => n + k.selfBytes, 0);
  return { totalBytesBefore: total(before), totalBytesAfter: total(after), grewMost };
}
