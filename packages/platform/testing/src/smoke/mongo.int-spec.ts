import mongoose, { Schema, type Connection } from 'mongoose';
import { infraConnection } from '../infra-connection';
import { uniqueName } from '../unique-names';

interface SmokePlan {
  tenant: string;
  code: string;
  title: string;
  version: number;
  tags: string[];
  score: number;
}

describe('mongoose on the MongoDB-wire server (FerretDB)', () => {
  const dbName = uniqueName('smoke_mongo');
  let connection: Connection;

  const planSchema = new Schema<SmokePlan>(
    {
      tenant: { type: String, required: true },
      code: { type: String, required: true },
      title: { type: String, required: true },
      version: { type: Number, required: true, default: 1 },
      tags: { type: [String], default: [] },
      score: { type: Number, default: 0 },
    },
    { collection: 'plans' },
  );
  planSchema.index({ tenant: 1, code: 1 }, { unique: true });

  const Plan = () => connection.model<SmokePlan>('SmokePlan', planSchema);

  beforeAll(async () => {
    connection = await mongoose.createConnection(infraConnection().mongoUrl, { dbName }).asPromise();
    await Plan().syncIndexes();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('creates the compound unique index', async () => {
    const indexes = await Plan().collection.indexes();
    const compound = indexes.find((i) => i.key['tenant'] === 1 && i.key['code'] === 1);
    expect(compound?.unique).toBe(true);
  });

  it('creates and finds', async () => {
    await Plan().create({ tenant: 'guangdong', code: 'gz', title: '广州实施方案' });
    const found = await Plan().findOne({ tenant: 'guangdong', code: 'gz' }).lean();
    expect(found).toMatchObject({ title: '广州实施方案', version: 1, tags: [] });
  });

  it('updates conditionally on version with $push, $inc and $pull; a stale version updates nothing', async () => {
    const updated = await Plan()
      .findOneAndUpdate(
        { tenant: 'guangdong', code: 'gz', version: 1 },
        { $push: { tags: { $each: ['digital', 'finance'] } }, $inc: { version: 1, score: 5 } },
        { new: true },
      )
      .lean();
    expect(updated).toMatchObject({ version: 2, score: 5, tags: ['digital', 'finance'] });

    const stale = await Plan()
      .findOneAndUpdate(
        { tenant: 'guangdong', code: 'gz', version: 1 },
        { $set: { title: 'lost update' } },
        { new: true },
      )
      .lean();
    expect(stale).toBeNull();
    expect((await Plan().findOne({ code: 'gz' }).lean())?.title).toBe('广州实施方案');

    const pulled = await Plan()
      .findOneAndUpdate(
        { code: 'gz', version: 2 },
        { $pull: { tags: 'digital' }, $inc: { version: 1 } },
        { new: true },
      )
      .lean();
    expect(pulled).toMatchObject({ version: 3, tags: ['finance'] });
  });

  it('rejects a duplicate of the unique key with the duplicate-key error code', async () => {
    await expect(Plan().create({ tenant: 'guangdong', code: 'gz', title: 'again' })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('runs insert/update/delete bulk writes, countDocuments, distinct and a $match+$group aggregation', async () => {
    const result = await Plan().bulkWrite([
      {
        insertOne: {
          document: { tenant: 'guangdong', code: 'sz', title: '深圳', version: 1, tags: [], score: 2 },
        },
      },
      {
        insertOne: {
          document: { tenant: 'hainan', code: 'hn', title: '海南', version: 1, tags: [], score: 7 },
        },
      },
      {
        insertOne: {
          document: { tenant: 'hainan', code: 'tmp', title: 'temporary', version: 1, tags: [], score: 1 },
        },
      },
      { updateOne: { filter: { code: 'sz' }, update: { $inc: { score: 1 } } } },
      { deleteOne: { filter: { code: 'tmp' } } },
    ]);
    expect(result.insertedCount).toBe(3);
    expect(result.modifiedCount).toBe(1);
    expect(result.deletedCount).toBe(1);

    expect(await Plan().countDocuments({ tenant: 'guangdong' })).toBe(2);
    expect((await Plan().distinct('tenant')).sort()).toEqual(['guangdong', 'hainan']);

    // FerretDB 1.24 computes only the first accumulator of a $group (the others come back 0), so
    // platform code keeps to one accumulator per $group stage; this pins both sums separately.
    const plansPerTenant = await Plan().aggregate<{ _id: string; plans: number }>([
      { $match: { score: { $gt: 0 } } },
      { $group: { _id: '$tenant', plans: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(plansPerTenant).toEqual([
      { _id: 'guangdong', plans: 2 },
      { _id: 'hainan', plans: 1 },
    ]);
    const scorePerTenant = await Plan().aggregate<{ _id: string; score: number }>([
      { $match: { tenant: 'guangdong' } },
      { $group: { _id: '$tenant', score: { $sum: '$score' } } },
    ]);
    expect(scorePerTenant).toEqual([{ _id: 'guangdong', score: 8 }]);
  });
});
