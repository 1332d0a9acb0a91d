import {
  countsOf,
  groupCountsOf,
  implementationRate,
  periodRates,
  trendOf,
  type AreaPeriodCounts,
} from './implementation-rate';

const area = (
  province: string,
  pilotAreaId: string,
  periodId: string,
  groups: [string, number, number, number][],
): AreaPeriodCounts => {
  const g = groups.map(([taskGroupId, applicable, implemented, notPlanned]) => ({
    taskGroupId,
    applicable,
    implemented,
    notPlanned,
  }));
  return {
    province,
    pilotAreaId,
    periodId,
    groups: g,
    applicable: g.reduce((s, x) => s + x.applicable, 0),
    implemented: g.reduce((s, x) => s + x.implemented, 0),
    notPlanned: g.reduce((s, x) => s + x.notPlanned, 0),
  };
};

describe('implementation rate = implemented ÷ applicable', () => {
  it('is a percentage with one decimal, and null when nothing applies', () => {
    expect(implementationRate({ applicable: 3, implemented: 1 })).toBe(33.3);
    expect(implementationRate({ applicable: 122, implemented: 122 })).toBe(100);
    expect(implementationRate({ applicable: 0, implemented: 0 })).toBeNull();
  });

  it('counts not planned measures as applicable and not implemented', () => {
    const lines = [
      { taskGroupId: 'management', status: 'implemented' as const },
      { taskGroupId: 'management', status: 'not_planned' as const },
      { taskGroupId: 'opening-up', status: 'not_implemented' as const },
      { taskGroupId: 'opening-up', status: 'implemented' as const },
    ];
    expect(countsOf(lines)).toEqual({ applicable: 4, implemented: 2, notPlanned: 1 });
    expect(groupCountsOf(lines)).toEqual([
      { taskGroupId: 'management', applicable: 2, implemented: 1, notPlanned: 1 },
      { taskGroupId: 'opening-up', applicable: 2, implemented: 1, notPlanned: 0 },
    ]);
  });

  it('sums a period per province, per task group and nationally over the areas (not an average of rates)', () => {
    const rows = [
      area('guangdong', 'guangzhou', 'Q1', [
        ['management', 4, 4, 0],
        ['opening-up', 6, 0, 2],
      ]),
      area('guangdong', 'shenzhen', 'Q1', [['management', 10, 5, 0]]),
      area('zhejiang', 'hangzhou', 'Q1', [['opening-up', 20, 10, 0]]),
      area('zhejiang', 'hangzhou', 'Q2', [['opening-up', 20, 20, 0]]),
    ];
    const q1 = periodRates('Q1', rows);
    expect(q1.areas).toBe(3);
    expect(q1.totals).toEqual({ applicable: 40, implemented: 19, notPlanned: 2, rate: 47.5 });
    expect(q1.provinces).toEqual([
      { province: 'guangdong', areas: 2, applicable: 20, implemented: 9, notPlanned: 2, rate: 45 },
      { province: 'zhejiang', areas: 1, applicable: 20, implemented: 10, notPlanned: 0, rate: 50 },
    ]);
    expect(q1.groups).toEqual([
      { taskGroupId: 'management', applicable: 14, implemented: 9, notPlanned: 0, rate: 64.3 },
      { taskGroupId: 'opening-up', applicable: 26, implemented: 10, notPlanned: 2, rate: 38.5 },
    ]);
    expect(q1.pilotAreas.map((a) => [a.pilotAreaId, a.rate])).toEqual([
      ['guangzhou', 40],
      ['hangzhou', 50],
      ['shenzhen', 50],
    ]);
    expect(periodRates('Q2', rows).totals.rate).toBe(100);
  });

  it('gives the trend over periods in percentage points, skipping periods without a rate', () => {
    const point = (periodId: string, rate: number | null) => ({
      periodId,
      totals: { applicable: 1, implemented: 0, notPlanned: 0, rate },
    });
    expect(trendOf([point('Q1', 40), point('Q2', null), point('Q3', 47.5), point('Q4', 45)])).toEqual([
      { periodId: 'Q1', rate: 40, change: null },
      { periodId: 'Q2', rate: null, change: null },
      { periodId: 'Q3', rate: 47.5, change: 7.5 },
      { periodId: 'Q4', rate: 45, change: -2.5 },
    ]);
  });
});
