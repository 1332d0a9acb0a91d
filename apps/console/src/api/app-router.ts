import type { AppRouter } from '@tradepilot/gateway';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** The gateway's one typed router (types only: nothing of the server reaches the bundle). */
export type { AppRouter };
export type Inputs = inferRouterInputs<AppRouter>;
export type Outputs = inferRouterOutputs<AppRouter>;
