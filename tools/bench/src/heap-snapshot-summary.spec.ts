import { writeHeapSnapshot } from 'node:v8';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heapGrowth, heapKinds, readHeapKinds, type HeapSnapshotFile } from './heap-snapshot-summary';

/** a snapshot in V8's layout: two objects of a class, a string, a closure */
const snapshot: HeapSnapshotFile = {
  snapshot: {
    meta: {
      node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
      node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure']],
    },
  },
  strings: ['PlanDraft', 'a long string', 'sweep'],
  nodes: [3, 0, 1, 40, 0, 3, 0, 3, 40, 0, 2, 1, 5, 64, 0, 5, 2, 7, 32, 0],
};

describe('heap snapshot summary', () => {
  it('counts objects and closures by name and other nodes by type', () => {
    expect(heapKinds(snapshot).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'closure sweep', count: 1, selfBytes: 32 },
      { kind: 'object PlanDraft', count: 2, selfBytes: 80 },
      { kind: 'string', count: 1, selfBytes: 64 },
    ]);
  });

  it('says which kinds grew most between two snapshots', () => {
    const after = heapKinds({ ...snapshot, nodes: [...snapshot.nodes, 3, 0, 9, 40, 0] });
    expect(heapGrowth(heapKinds(snapshot), after, 1)).toEqual({
      totalBytesBefore: 176,
      totalBytesAfter: 216,
      grewMost: [{ kind: 'object PlanDraft', countBefore: 2, countAfter: 3, selfBytesGrowth: 40 }],
    });
  });

  it('reads a real snapshot of this process, with objects of a class it holds', () => {
    class SoakMarker {
      constructor(readonly n: number) {}
    }
    const held = Array.from({ length: 1000 }, (_, n) => new SoakMarker(n));
    const dir = mkdtempSync(join(tmpdir(), 'heap-'));
    try {
      const kinds = readHeapKinds(writeHeapSnapshot(join(dir, 'test.heapsnapshot')));
      expect(kinds.find((k) => k.kind === 'object SoakMarker')?.count).toBe(held.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
