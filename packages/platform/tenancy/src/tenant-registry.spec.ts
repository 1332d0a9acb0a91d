import { TenantRegistry } from './tenant-registry';

describe('TenantRegistry from the seed data', () => {
  const registry = TenantRegistry.fromSeed();

  it('knows the 21 provinces and 28 pilot areas of the third round', () => {
    expect(registry.provinces()).toHaveLength(21);
    expect(registry.pilotAreas()).toHaveLength(28);
    expect(registry.province('guangdong')?.code).toBe('440000');
    expect(
      registry
        .pilotAreasOf('guangdong')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['guangzhou', 'shenzhen']);
  });

  it('marks the five dual-role governments and only them', () => {
    const dual = registry
      .provinces()
      .filter((p) => registry.isDualRole(p.id))
      .map((p) => p.id);
    expect(dual.sort()).toEqual(['beijing', 'chongqing', 'hainan', 'shanghai', 'tianjin']);
  });

  it('gives each pilot area its reporting chain, with a managing city where configured', () => {
    expect(registry.reportingChain('guangzhou')).toEqual(['guangzhou', 'guangdong']);
    expect(registry.reportingChain('xixian')).toEqual(['xixian', 'xian', 'shaanxi']);
    expect(registry.reportingChain('beijing')).toEqual(['beijing']);
    expect(() => registry.reportingChain('atlantis')).toThrow('unknown pilot area atlantis');
  });

  it('knows the rounds each pilot area takes part in, and the newest round of the program', () => {
    expect(registry.rounds()).toEqual([2016, 2018, 2020]);
    expect(registry.latestRound()).toBe(2020);
    expect(registry.latestRoundOf('tianjin')).toBe(2020);
    expect(registry.pilotArea('dalian')?.rounds).toEqual([2020]);
    expect(registry.latestRoundOf('atlantis')).toBeUndefined();
  });

  it('knows the central departments that answer key issues', () => {
    expect(registry.departments().length).toBeGreaterThanOrEqual(8);
    expect(registry.department('safe')?.name['zh-CN']).toBe('国家外汇管理局');
    expect(registry.department('nowhere')).toBeUndefined();
  });

  it('refuses a pilot area whose province is unknown', () => {
    expect(
      () =>
        new TenantRegistry(
          [],
          [
            {
              id: 'x',
              province: 'nowhere',
              name: { 'zh-CN': 'x', en: 'x' },
              kind: 'city',
              rounds: [],
              dualRoleProvince: false,
            },
          ],
        ),
    ).toThrow('unknown province nowhere');
  });
});
