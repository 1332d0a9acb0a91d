import { ferretDbDataDir, infraConnection, uniqueName } from '@tradepilot/testing';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Schema, type Connection } from 'mongoose';
import { connectDatabase, trusted } from './database-connection';
import { defineModel } from './model-definition';
import { TenantDatabases } from './tenant-databases';
import { TenantRegistry } from './tenant-registry';
import { nationalScope, tenantScope, type TenantScope } from './tenant-scope';

interface Note {
  _id: string;
  title: string;
  version: number;
}

const noteModel = defineModel<Note>({
  name: 'Note',
  collection: 'notes',
  placement: 'tenant',
  schema: new Schema<Note>({ _id: String, title: { type: String, required: true }, version: Number }).index(
    { title: 1 },
    { unique: true },
  ),
});
const nationalIndexModel = defineModel<{ _id: string }>({
  name: 'NoteIndex',
  collection: 'note_index',
  placement: 'national',
  schema: new Schema<{ _id: string }>({ _id: String }),
});

describe('TenantDatabases on FerretDB', () => {
  const prefix = `${uniqueName('t')}_`;
  let root: Connection;
  let databases: TenantDatabases;
  const guangdong = tenantScope('guangdong');
  const hainan = tenantScope('hainan');

  beforeAll(async () => {
    root = await connectDatabase({ url: infraConnection().mongoUrl });
    databases = new TenantDatabases(root, {
      service: 'notes',
      databasePrefix: prefix,
      registry: TenantRegistry.fromSeed(),
      models: [noteModel, nationalIndexModel],
    });
  });

  afterAll(async () => {
    for (const scope of await databases.existingScopes()) await databases.dropDatabase(scope);
    await root.close();
  });

  it('cannot hand out a model without a tenant scope', async () => {
    await expect(databases.model(undefined as unknown as TenantScope, noteModel)).rejects.toThrow(
      'repositories require a tenant scope',
    );
    await expect(databases.model({ tenant: 'guangdong' } as TenantScope, noteModel)).rejects.toThrow(
      'repositories require a tenant scope',
    );
    expect(() => tenantScope('')).toThrow('a tenant scope needs a tenant id');
    await expect(databases.model(tenantScope('atlantis'), noteModel)).rejects.toThrow(
      'unknown tenant atlantis',
    );
    await expect(databases.model(nationalScope, noteModel)).rejects.toThrow('lives in tenant databases');
  });

  it('keeps each tenant in its own database named <service>_<tenant>', async () => {
    const gd = await databases.model(guangdong, noteModel);
    const hn = await databases.model(hainan, noteModel);
    await gd.create({ _id: 'n1', title: '广州', version: 1 });
    await hn.create({ _id: 'n2', title: '海口', version: 1 });

    expect(gd.db.name).toBe(`${prefix}notes_guangdong`);
    expect(await gd.find().lean()).toEqual([expect.objectContaining({ _id: 'n1' })]);
    expect(await hn.find().lean()).toEqual([expect.objectContaining({ _id: 'n2' })]);
    const names = (await databases.existingScopes()).map((s) => s.tenant).sort();
    expect(names).toEqual(['guangdong', 'hainan']);
  });

  it('lists the databases again unless a listing begun within the given age will do', async () => {
    const listed = (await databases.existingScopes()).map((s) => s.tenant).sort();
    // another process creates a tenant's database
    const other = await connectDatabase({ url: infraConnection().mongoUrl });
    try {
      await other.useDb(`${prefix}notes_fujian`).collection('notes').insertOne({ title: '福州' });
    } finally {
      await other.close();
    }
    const cached = await databases.existingScopes({ maxAgeMs: 60_000 });
    expect(cached.map((s) => s.tenant).sort()).toEqual(listed);
    const [fresh, shared] = await Promise.all([
      databases.existingScopes(),
      databases.existingScopes({ maxAgeMs: 60_000 }),
    ]);
    expect(fresh.map((s) => s.tenant).sort()).toEqual([...listed, 'fujian'].sort());
    expect(shared).toBe(fresh);
  });

  it('syncs the indexes of a scope on first use', async () => {
    const gd = await databases.model(guangdong, noteModel);
    const indexes = await gd.collection.indexes();
    expect(indexes.some((i) => i.key['title'] === 1 && i.unique)).toBe(true);
    await expect(gd.create({ _id: 'n3', title: '广州', version: 1 })).rejects.toMatchObject({ code: 11000 });
  });

  it('treats an operator smuggled into a filter value as a value, and a misspelled key as an error', async () => {
    const gd = await databases.model(guangdong, noteModel);
    const injected = { title: { $ne: null } } as unknown as { title: string };
    // sanitizeFilter wraps it in $eq, so it can only ever match a stored object equal to it
    await expect(gd.find(injected).lean()).rejects.toThrow(/Cast to string failed/);
    expect(await gd.countDocuments({ title: trusted({ $ne: null }) })).toBe(1);
    await expect(gd.find({ titel: '广州' } as unknown as { title: string }).lean()).rejects.toThrow(/titel/);
  });
  it('provisions a database whose index SQLite kept but FerretDB lost from its catalog (killed mid-creation)', async () => {
    const scope = tenantScope('hebei');
    await databases.connection(scope).db?.createCollection('notes');
    // what a kill between FerretDB's two writes leaves: the unique index in SQLite, not in the catalog
    execFileSync('python3', [
      '-c',
      [
        'import sqlite3, sys',
        'c = sqlite3.connect(sys.argv[1])',
        'table = c.execute("select table_name from _ferretdb_collections where name = \'notes\'").fetchone()[0]',
        'c.execute(f\'CREATE UNIQUE INDEX "{table}_title_1" ON "{table}" (_ferretdb_sjson->"title")\')',
        'c.commit()',
      ].join('\n'),
      join(ferretDbDataDir(), 'sqlite', `${databases.databaseName(scope)}.sqlite`),
    ]);
    const notes = await databases.model(scope, noteModel);
    await notes.create({ _id: 'n1', title: 'same', version: 1 });
    // the index SQLite kept still holds
    await expect(notes.create({ _id: 'n2', title: 'same', version: 1 })).rejects.toThrow(/UNIQUE|duplicate/i);
  });
});
