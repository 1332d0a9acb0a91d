import { duplicateKeyPositions } from './duplicate-key';

describe('duplicateKeyPositions: what an unordered insertMany left out', () => {
  it('gives the positions refused for existing keys (one or several write errors)', () => {
    const several = {
      writeErrors: [
        { index: 0, code: 11000 },
        { index: 3, code: 11000 },
      ],
    };
    expect([...duplicateKeyPositions(several)]).toEqual([0, 3]);
    expect([...duplicateKeyPositions({ writeErrors: { index: 2, code: 11000 } })]).toEqual([2]);
  });

  it("takes FerretDB's SQLite unique-constraint refusal as a duplicate key", () => {
    const sqlite = { writeErrors: [{ index: 1, code: 1, errmsg: 'UNIQUE constraint failed: x._id' }] };
    expect([...duplicateKeyPositions(sqlite)]).toEqual([1]);
  });

  it('rethrows anything else: an outage or another refusal is not a lost race', () => {
    const outage = Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
    expect(() => duplicateKeyPositions(outage)).toThrow(outage);
    const mixed = {
      writeErrors: [
        { index: 0, code: 11000 },
        { index: 1, code: 2, errmsg: 'bad value' },
      ],
    };
    expect(() => duplicateKeyPositions(mixed)).toThrow();
    expect(() => duplicateKeyPositions({ writeErrors: [] })).toThrow();
  });
});
