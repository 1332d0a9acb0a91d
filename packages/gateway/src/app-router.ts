import type { ApprovalsRouter } from '@tradepilot/approvals';
import type { PlansRouter } from '@tradepilot/plans';
import type { SupervisionRouter } from '@tradepilot/supervision';
import type { PracticesRouter } from '@tradepilot/practices';
import type { TRPCMergeRouters } from '@trpc/server';
import type { GatewayRouter } from './gateway-router';

/** The one typed router clients see: the merge of the gateway's and the services' routers (types only). */
export type AppRouter = TRPCMergeRouters<
  [GatewayRouter, PlansRouter, ApprovalsRouter, SupervisionRouter, PracticesRouter]
>;
