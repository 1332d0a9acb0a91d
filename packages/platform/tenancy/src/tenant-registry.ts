import type { LocalizedText } from '@tradepilot/contracts';
import pilotAreasSeed from './seed/pilot-areas.json';
import provincesSeed from './seed/provinces.json';
import centralDepartmentsSeed from './seed/central-departments.json';
import reportingChainsSeed from './seed/reporting-chains.json';

export interface Province {
  id: string;
  /** GB/T 2260 administrative division code */
  code: string;
  name: LocalizedText;
  kind: string;
  pilotAreas: string[];
}

export interface PilotArea {
  id: string;
  province: string;
  name: LocalizedText;
  kind: string;
  rounds: number[];
  /** one government is both the pilot area and the province (Beijing, Tianjin, Shanghai, Chongqing, Hainan) */
  dualRoleProvince: boolean;
}

/** A central department (national): answers key issues, is responsible for measures. */
export interface CentralDepartment {
  id: string;
  name: LocalizedText;
}

export interface ChainOrganisation {
  id: string;
  name: LocalizedText;
}

/** The provinces (tenants) and pilot areas of the program, from the seed data shipped with the code. */
export class TenantRegistry {
  private readonly provincesById: Map<string, Province>;
  private readonly areasById: Map<string, PilotArea>;

  constructor(
    provinces: Province[],
    pilotAreas: PilotArea[],
    private readonly chains: Record<string, ChainOrganisation[]> = {},
    private readonly centralDepartments: CentralDepartment[] = [],
  ) {
    this.provincesById = new Map(provinces.map((p) => [p.id, p]));
    this.areasById = new Map(pilotAreas.map((a) => [a.id, a]));
    for (const area of pilotAreas) {
      if (!this.provincesById.has(area.province)) {
        throw new Error(`pilot area ${area.id} names unknown province ${area.province}`);
      }
    }
  }

  static fromSeed(): TenantRegistry {
    const areas = (
      pilotAreasSeed as (Omit<PilotArea, 'dualRoleProvince'> & { dualRoleProvince?: boolean })[]
    ).map((a): PilotArea => ({ ...a, dualRoleProvince: a.dualRoleProvince === true }));
    const { _comment: _ignored, ...chains } = reportingChainsSeed as Record<string, unknown>;
    return new TenantRegistry(
      provincesSeed as Province[],
      areas,
      chains as Record<string, ChainOrganisation[]>,
      centralDepartmentsSeed.departments,
    );
  }

  provinces(): Province[] {
    return [...this.provincesById.values()];
  }

  tenantIds(): string[] {
    return [...this.provincesById.keys()];
  }

  isTenant(id: string): boolean {
    return this.provincesById.has(id);
  }

  province(id: string): Province | undefined {
    return this.provincesById.get(id);
  }

  pilotArea(id: string): PilotArea | undefined {
    return this.areasById.get(id);
  }

  pilotAreas(): PilotArea[] {
    return [...this.areasById.values()];
  }

  pilotAreasOf(provinceId: string): PilotArea[] {
    return this.pilotAreas().filter((a) => a.province === provinceId);
  }

  /** The program rounds any pilot area takes part in, oldest first. */
  rounds(): number[] {
    return [...new Set(this.pilotAreas().flatMap((a) => a.rounds))].sort((a, b) => a - b);
  }

  /** The newest round of the program: what a read means when it names no round. */
  latestRound(): number {
    const all = this.rounds();
    const latest = all[all.length - 1];
    if (latest === undefined) throw new Error('the pilot areas name no round');
    return latest;
  }

  /** The newest round a pilot area takes part in. */
  latestRoundOf(pilotAreaId: string): number | undefined {
    const rounds = this.areasById.get(pilotAreaId)?.rounds ?? [];
    return rounds.length === 0 ? undefined : Math.max(...rounds);
  }

  departments(): CentralDepartment[] {
    return [...this.centralDepartments];
  }

  department(id: string): CentralDepartment | undefined {
    return this.centralDepartments.find((d) => d.id === id);
  }

  /** True where one government is both pilot area and province: one officer signs for both. */
  isDualRole(provinceId: string): boolean {
    return this.pilotAreasOf(provinceId).some((a) => a.dualRoleProvince);
  }

  /** The organisations a pilot area's submissions pass through, from the area up to its province. */
  reportingChain(pilotAreaId: string): string[] {
    const area = this.areasById.get(pilotAreaId);
    if (!area) throw new Error(`unknown pilot area ${pilotAreaId}`);
    if (area.dualRoleProvince) return [area.province];
    return [area.id, ...(this.chains[area.id] ?? []).map((o) => o.id), area.province];
  }
}
