import { TenantRegistry } from '@tradepilot/tenancy';
import { benchPassword } from './bench-stack';
import { mutate, signIn } from './gateway-calls';
import { copySignedPlan } from './plan-copies';

/** A signed plan never submitted, and the token of the province officer who may submit it. */
export interface SubmittablePlan {
  id: string;
  version: number;
  tenant: string;
  submitterToken: string;
}

interface Template {
  tenant: string;
  planId: string;
  version: number;
  submitterToken: string;
}

/**
 * One plan drafted and signed through the gateway in a province: its first pilot area drafts and
 * signs, its province officer signs; in a dual-role government one officer does both.
 */
async function signedTemplate(
  gatewayUrl: string,
  registry: TenantRegistry,
  tenant: string,
): Promise<Template> {
  const area = registry.pilotAreasOf(tenant)[0];
  if (!area) throw new Error(`province ${tenant} has no pilot area`);
  const dualRole = registry.isDualRole(tenant);
  const areaToken = await signIn(
    gatewayUrl,
    dualRole ? `${tenant}-officer` : `${area.id}-officer`,
    benchPassword,
  );
  const provinceToken = dualRole ? areaToken : await signIn(gatewayUrl, `${tenant}-province`, benchPassword);
  const drafted = await mutate<{ id: string; version: number }>(
    gatewayUrl,
    'plan.create',
    {
      pilotAreaId: area.id,
      title: { 'zh-CN': '基准测试方案', en: 'bench plan' },
      period: { start: '2026-01-01', end: '2028-12-31' },
    },
    areaToken,
  );
  let signed = await mutate<{ version: number }>(
    gatewayUrl,
    'plan.sign',
    { planId: drafted.id, version: drafted.version },
    areaToken,
  );
  if (!dualRole)
    signed = await mutate<{ version: number }>(
      gatewayUrl,
      'plan.sign',
      { planId: drafted.id, version: signed.version },
      provinceToken,
    );
  return { tenant, planId: drafted.id, version: signed.version, submitterToken: provinceToken };
}

/**
 * `count` fresh signed plans spread over every province, the i-th in the (i mod 21)-th: each
 * province's share are copies of one plan drafted and signed there (`copySignedPlan`). Spread as
 * production data is, a province holds a few plans: on FerretDB, which scans a collection for
 * every read, all of them in one province would make each read of a plan scan every sample's.
 */
export async function signedPlansByProvince(
  stack: { gatewayUrl: string; mongoUrl: string; databasePrefix: string },
  count: number,
): Promise<SubmittablePlan[]> {
  const registry = TenantRegistry.fromSeed();
  const tenants = registry.tenantIds().filter((t) => registry.pilotAreasOf(t).length > 0);
  const templates: Template[] = [];
  for (const tenant of tenants) templates.push(await signedTemplate(stack.gatewayUrl, registry, tenant));
  const copies = await Promise.all(
    templates.map(async (t, i) => {
      const share = Math.floor(count / templates.length) + (i < count % templates.length ? 1 : 0);
      return (await copySignedPlan(stack, t.tenant, t.planId, share)).map(
        (id): SubmittablePlan => ({
          id,
          version: t.version,
          tenant: t.tenant,
          submitterToken: t.submitterToken,
        }),
      );
    }),
  );
  return Array.from({ length: count }, (_, i) => {
    const plan = copies[i % templates.length]?.[Math.floor(i / templates.length)];
    if (!plan) throw new Error(`no copy for sample ${i}`);
    return plan;
  });
}
