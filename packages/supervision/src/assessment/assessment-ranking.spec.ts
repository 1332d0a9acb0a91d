import { rankAreas } from './assessment-ranking';

const area = (pilotAreaId: string, score: number) => ({ pilotAreaId, province: 'p', score });

describe('ranking the areas of a run', () => {
  it('best score first', () => {
    expect(
      rankAreas([area('a', 50), area('b', 80), area('c', 65)]).map((r) => [r.pilotAreaId, r.rank]),
    ).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('equal scores share a rank, listed by area id, and the next rank skips', () => {
    expect(
      rankAreas([area('d', 70), area('c', 90), area('a', 90), area('b', 70), area('e', 10)]).map((r) => [
        r.pilotAreaId,
        r.rank,
      ]),
    ).toEqual([
      ['a', 1],
      ['c', 1],
      ['b', 3],
      ['d', 3],
      ['e', 5],
    ]);
  });

  it('one area is first; no areas, no ranking', () => {
    expect(rankAreas([area('a', 0)])).toEqual([{ ...area('a', 0), rank: 1 }]);
    expect(rankAreas([])).toEqual([]);
  });
});
