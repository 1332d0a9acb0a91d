import { infraConnection, uniqueSuffix } from '@tradepilot/testing';
import { MongoClient } from 'mongodb';
import { dropPrefixedDatabases, prefixedDatabaseNames } from './test-stack';

const { mongoUrl } = infraConnection();
const prefix = `drop${uniqueSuffix()}_`;
const other = `keep${uniqueSuffix()}_`;
let client: MongoClient;

const exists = async (name: string) =>
  (await client.db(name).listCollections({}, { nameOnly: true }).toArray()).length > 0;

beforeAll(async () => {
  client = await MongoClient.connect(mongoUrl, { directConnection: true });
});
afterAll(async () => {
  await dropPrefixedDatabases(mongoUrl, other);
  await client.close();
});

describe('dropPrefixedDatabases', () => {
  it("names a database per app of the registry and scope, the gateway's and the national ones too", () => {
    const names = prefixedDatabaseNames(prefix);
    expect(names).toEqual(
      expect.arrayContaining([
        `${prefix}plans_guangdong`,
        `${prefix}supervision_national`,
        `${prefix}gateway_national`,
        `${prefix}practices_zhejiang`,
      ]),
    );
    expect(names.every((n) => n.startsWith(prefix))).toBe(true);
    expect(prefixedDatabaseNames(prefix, ['field-visits'])).toContain(`${prefix}field-visits_hainan`);
  });

  it("drops the prefix's databases that exist and leaves another prefix's", async () => {
    const mine = [`${prefix}plans_guangdong`, `${prefix}gateway_national`, `${prefix}approvals_hainan`];
    const theirs = `${other}plans_guangdong`;
    for (const name of [...mine, theirs]) await client.db(name).collection('things').insertOne({ at: 1 });
    for (const name of [...mine, theirs]) expect(await exists(name)).toBe(true);

    await dropPrefixedDatabases(mongoUrl, prefix);

    for (const name of mine) expect(await exists(name)).toBe(false);
    expect(await exists(theirs)).toBe(true);
    // nothing left to drop: a second call finds nothing and changes nothing
    await dropPrefixedDatabases(mongoUrl, prefix);
    expect(await exists(theirs)).toBe(true);
  });

  it("drops an app's the registry does not know when it is named", async () => {
    const generated = `${prefix}field-visits_guangdong`;
    await client.db(generated).collection('things').insertOne({ at: 1 });
    await dropPrefixedDatabases(mongoUrl, prefix);
    expect(await exists(generated)).toBe(true);
    await dropPrefixedDatabases(mongoUrl, prefix, ['field-visits']);
    expect(await exists(generated)).toBe(false);
  });
});
