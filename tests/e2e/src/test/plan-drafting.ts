import type { PlanView } from '@tradepilot/plans';
import type { TestStack } from '@tradepilot/test-stack';
import { signIn, type GatewayClient } from './gateway-client';

/** A period every test plan may use. */
export const testPeriod = { start: '2026-01-01', end: '2028-12-31' };

type CreateInput = Parameters<GatewayClient['trpc']['plan']['create']['mutate']>[0];

/**
 * Creates a plan as the province and has both parties sign it (the pilot area's officer, then the
 * province; in a dual-role government the one officer signs once): ready to submit.
 */
export async function signedDraft(
  stack: TestStack,
  province: GatewayClient,
  input: CreateInput,
): Promise<PlanView> {
  const draft = await province.trpc.plan.create.mutate({ period: testPeriod, ...input });
  return signedByBothParties(stack, province, draft);
}

/** Both parties sign the plan as it is now (again after a return: a submission clears sign-offs). */
export async function signedByBothParties(
  stack: TestStack,
  province: GatewayClient,
  plan: Pick<PlanView, 'id' | 'version' | 'pilotAreaId'>,
): Promise<PlanView> {
  const area = await signIn(stack, `${plan.pilotAreaId}-officer`);
  const first = await area.trpc.plan.sign.mutate({ planId: plan.id, version: plan.version });
  if (first.missingSignOffs.length === 0) return first;
  return province.trpc.plan.sign.mutate({ planId: plan.id, version: first.version });
}
