import { infraConnection, uniqueName } from '@tradepilot/testing';
import type { Connection } from 'mongoose';
import { connectDatabase } from './database-connection';
import { projectionStampModel, StampedReads, stampProjection } from './projection-stamps';
import { TenantDatabases } from './tenant-databases';
import { TenantRegistry } from './tenant-registry';

describe('stamped reads of a national projection, on FerretDB', () => {
  const prefix = `${uniqueName('stamps')}_`;
  let root: Connection;
  let databases: TenantDatabases;

  beforeAll(async () => {
    root = await connectDatabase({ url: infraConnection().mongoUrl });
    databases = new TenantDatabases(root, {
      service: 'stamps',
      databasePrefix: prefix,
      registry: TenantRegistry.fromSeed(),
      models: [projectionStampModel],
    });
  });
  afterAll(async () => {
    for (const scope of await databases.existingScopes()) await databases.dropDatabase(scope);
    await root.close();
  });

  it('reuses a read while the stamp stays, and reads again on every instance once a write stamps it', async () => {
    const first = new StampedReads(databases);
    const second = new StampedReads(databases);
    let loads = 0;
    const load = async () => ({ load: ++loads });

    // never stamped: kept under "unstamped" until the first write
    expect(await first.read('rates', 'rates:2020', load)).toEqual({ load: 1 });
    expect(await first.read('rates', 'rates:2020', load)).toEqual({ load: 1 });
    // another key of the same projection is its own read
    expect(await first.read('rates', 'rates:2024', load)).toEqual({ load: 2 });

    await stampProjection(databases, 'rates');
    expect(await first.read('rates', 'rates:2020', load)).toEqual({ load: 3 });
    expect(await second.read('rates', 'rates:2020', load)).toEqual({ load: 4 });
    expect(await first.read('rates', 'rates:2020', load)).toEqual({ load: 3 });

    // a stamp of another projection changes nothing here
    await stampProjection(databases, 'timeliness');
    expect(await second.read('rates', 'rates:2020', load)).toEqual({ load: 4 });

    // two writes in a row: each gives a new stamp, whichever lands last
    await Promise.all([stampProjection(databases, 'rates'), stampProjection(databases, 'rates')]);
    expect(await second.read('rates', 'rates:2020', load)).toEqual({ load: 5 });
  });

  it('reads again when any of several projections is stamped', async () => {
    const reads = new StampedReads(databases);
    let loads = 0;
    const load = async () => ++loads;
    expect(await reads.read(['areas', 'periods'], 'summary', load)).toBe(1);
    expect(await reads.read(['areas', 'periods'], 'summary', load)).toBe(1);
    await stampProjection(databases, 'periods');
    expect(await reads.read(['areas', 'periods'], 'summary', load)).toBe(2);
    await stampProjection(databases, 'areas');
    expect(await reads.read(['areas', 'periods'], 'summary', load)).toBe(3);
    await stampProjection(databases, 'unrelated');
    expect(await reads.read(['areas', 'periods'], 'summary', load)).toBe(3);
  });

  it('skips the stamp read within checkMs, and never keeps a value past maxAgeMs', async () => {
    let loads = 0;
    const load = async () => ++loads;
    const lazy = new StampedReads(databases, { checkMs: 600_000 });
    expect(await lazy.read('board', 'board', load)).toBe(1);
    await stampProjection(databases, 'board');
    // within checkMs of the last check: the kept value, the new stamp unread
    expect(await lazy.read('board', 'board', load)).toBe(1);

    const shortLived = new StampedReads(databases, { maxAgeMs: 0 });
    expect(await shortLived.read('board', 'board', load)).toBe(2);
    // same stamp, but older than maxAgeMs: read again
    expect(await shortLived.read('board', 'board', load)).toBe(3);
  });

  it('a read nested in a load checks its stamps even within checkMs: the outer read never keeps an older value', async () => {
    const reads = new StampedReads(databases, { checkMs: 600_000 });
    let rows = ['q1'];
    const rowsRead = () => reads.read('nested-rows', 'rows', async () => [...rows]);
    const countOver = (key: string) =>
      reads.read(['nested-periods', 'nested-rows'], key, async () => (await rowsRead()).length);

    expect(await countOver('count:2020')).toBe(1);
    rows = ['q1', 'q2'];
    await stampProjection(databases, 'nested-rows');
    // a read with nothing kept checks the stamps, loads, and its nested read must see the new rows
    expect(await countOver('count:2024')).toBe(2);
    // a read on its own stays within its check window
    rows = ['q1', 'q2', 'q3'];
    await stampProjection(databases, 'nested-rows');
    expect(await rowsRead()).toEqual(['q1', 'q2']);
  });

  it('keeps at most its limit of reads, dropping the oldest', async () => {
    const reads = new StampedReads(databases, { maxEntries: 2 });
    let loads = 0;
    const load = async () => ++loads;
    await reads.read('p', 'a', load);
    await reads.read('p', 'b', load);
    await reads.read('p', 'c', load);
    expect(await reads.read('p', 'c', load)).toBe(3);
    expect(await reads.read('p', 'a', load)).toBe(4);
  });
});
