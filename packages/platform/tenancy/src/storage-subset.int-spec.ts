import { infraConnection, uniqueName } from '@tradepilot/testing';
import type { Connection } from 'mongoose';
import { connectDatabase } from './database-connection';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * The storage subset as measured on FerretDB 1.24 (README, "Storage subset"). Each expectation
 * pins a fact the code works around; when one fails, the server changed and the workaround (named
 * in the test) can be revisited.
 */
describe('FerretDB storage subset', () => {
  let root: Connection;
  const name = uniqueName('subset');

  beforeAll(async () => {
    root = await connectDatabase({ url: infraConnection().mongoUrl });
  });

  afterAll(async () => {
    await root.useDb(name).dropDatabase();
    await root.close();
  });

  const collection = (c: string) => root.useDb(name).collection(c);

  it('$unwind keeps only _id and the unwound field (province-counts unwinds one case type at a time)', async () => {
    const cases = collection('cases');
    await cases.insertOne({
      _id: 'c1' as never,
      caseType: 'plan',
      activeDueOns: ['2026-03-16', '2026-03-17'],
    });
    const unwound = await cases.aggregate([{ $unwind: '$activeDueOns' }]).toArray();
    expect(unwound).toHaveLength(2);
    expect(unwound.map((d) => Object.keys(d).sort())).toEqual([
      ['_id', 'activeDueOns'],
      ['_id', 'activeDueOns'],
    ]);
  });

  it('a unique index violated by an update fails with code 1, not 11000 (inserts are the duplicate guards; isDuplicateKeyError knows both)', async () => {
    const docs = collection('unique_update');
    await docs.createIndex({ key: 1 }, { unique: true });
    await docs.insertMany([{ key: 'a' }, { key: 'b' }]);
    const failure = await docs
      .updateOne({ key: 'b' }, { $set: { key: 'a' } })
      .catch((err: { code?: number }) => err);
    expect((failure as { code?: number }).code).toBe(1);
    expect(isDuplicateKeyError(failure)).toBe(true);
    const inserted = await docs.insertOne({ key: 'a' }).catch((err: unknown) => err);
    expect((inserted as { code?: number }).code).toBe(11000);
    expect(isDuplicateKeyError(inserted)).toBe(true);
    expect(isDuplicateKeyError(new Error('UNIQUE constraint failed'))).toBe(false);
  });

  it('$group computes only its first accumulator (one accumulator per $group)', async () => {
    const docs = collection('group');
    await docs.insertMany([
      { k: 'x', n: 1 },
      { k: 'x', n: 2 },
    ]);
    const [group] = await docs
      .aggregate([{ $group: { _id: '$k', count: { $sum: 1 }, total: { $sum: '$n' } } }])
      .toArray();
    expect(group?.['count']).toBe(2);
    expect(group?.['total']).not.toBe(3);
  });

  it("$project with an expression returns the literal string (project fields by 1, never by '$field')", async () => {
    const docs = collection('project');
    await docs.insertOne({ _id: 'p1' as never, title: 'x' });
    const [projected] = await docs.aggregate([{ $project: { copy: '$_id' } }]).toArray();
    expect(projected?.['copy']).toBe('$_id');
  });

  it('$expr is unsupported (filters compare fields to values only)', async () => {
    const docs = collection('expr');
    await docs.insertOne({ a: 1, b: 1 });
    await expect(docs.find({ $expr: { $eq: ['$a', '$b'] } }).toArray()).rejects.toThrow();
  });
});
