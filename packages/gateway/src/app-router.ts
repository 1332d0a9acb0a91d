// Written by `nx sync` from packages/contracts/src/services.json (@tradepilot/workspace:app-router): edit the registry, not this file.
import type { PlansRouter } from '@tradepilot/plans';
import type { ApprovalsRouter } from '@tradepilot/approvals';
import type { SupervisionRouter } from '@tradepilot/supervision';
import type { PracticesRouter } from '@tradepilot/practices';
import type { TRPCMergeRouters } from '@trpc/server';
import type { GatewayRouter } from './gateway-router';

/** The one typed router clients see: the merge of the gateway's and the services' routers (types only). */
export type AppRouter = TRPCMergeRouters<
  [GatewayRouter, PlansRouter, ApprovalsRouter, SupervisionRouter, PracticesRouter]
>;
