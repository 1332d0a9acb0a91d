import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { MongoClient } from 'mongodb';
import { dropPrefixedDatabases, prefixedDatabaseNames } from './test-stack';

const { mongoUrl } = infraConnection();
const prefix = `drop${uniqueSuffix()}_`;
const other = `keep${uniqueSuffix()}_`;
let client: MongoClient;

const exists = async (name: string) =>
  (await client.db(name).listCollections({}, { nameOnly: true }).toArray()).length > 0;
const create = (name: string) => client.db(name).collection('things').insertOne({ at: 1 });

beforeAll(async () => {
  client = await MongoClient.connect(mongoUrl, { directConnection: true });
});
afterAll(async () => {
  await dropPrefixedDatabases(mongoUrl, other, ['plans']);
  await client.close();
});

describe('dropPrefixedDatabases', () => {
  it('names a database per app named and scope, the national one included', () => {
    const names = prefixedDatabaseNames(prefix, ['plans', 'gateway', 'plans']);
    expect(names).toEqual(
      expect.arrayContaining([
        `${prefix}plans_guangdong`,
        `${prefix}plans_national`,
        `${prefix}gateway_hainan`,
      ]),
    );
    // each app once, each of the 21 provinces and the national scope
    expect(names).toHaveLength(2 * 22);
    expect(new Set(names).size).toBe(names.length);
  });

  it("drops the named apps' databases of the prefix, and leaves other apps' and another prefix's", async () => {
    const mine = [`${prefix}plans_guangdong`, `${prefix}gateway_national`, `${prefix}plans_hainan`];
    const notNamed = `${prefix}approvals_guangdong`;
    const theirs = `${other}plans_guangdong`;
    for (const name of [...mine, notNamed, theirs]) await create(name);
    for (const name of [...mine, notNamed, theirs]) expect(await exists(name)).toBe(true);

    await dropPrefixedDatabases(mongoUrl, prefix, ['plans', 'gateway']);

    for (const name of mine) expect(await exists(name)).toBe(false);
    expect(await exists(notNamed)).toBe(true);
    expect(await exists(theirs)).toBe(true);
    await dropPrefixedDatabases(mongoUrl, prefix, ['approvals']);
    expect(await exists(notNamed)).toBe(false);
    expect(await exists(theirs)).toBe(true);
  });
});
