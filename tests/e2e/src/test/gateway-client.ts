import type { AppRouter } from '@tradepilot/gateway';
import { testUserPassword, type TestStack } from '@tradepilot/test-stack';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

export interface GatewayClient {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** the x-trace-id of each response, in order */
  traceIds: string[];
}

/** The official tRPC client against the gateway, as a signed-in user (or anonymous). */
export function gatewayClient(stack: TestStack, accessToken?: string): GatewayClient {
  const traceIds: string[] = [];
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${stack.gatewayUrl}/trpc`,
        headers: () => (accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        fetch: async (url, init) => {
          const response = await fetch(url, init as RequestInit);
          const traceId = response.headers.get('x-trace-id');
          if (traceId) traceIds.push(traceId);
          return response;
        },
      }),
    ],
  });
  return { trpc, traceIds };
}

export async function signIn(stack: TestStack, username: string): Promise<GatewayClient> {
  const { accessToken } = await gatewayClient(stack).trpc.auth.devLogin.mutate({
    username,
    password: testUserPassword,
  });
  return gatewayClient(stack, accessToken);
}

export const sampleTask = {
  id: 't1',
  measureIds: ['M-3-02'],
  description: '推进服务贸易数字化',
  leadUnit: '广州市商务局',
  supportingUnits: ['广州市发展改革委'],
  milestones: [{ title: '出台方案', due: '2026-06-30' }],
  kpis: [{ name: '数字服务出口额', unit: '亿美元', baseline: 100, target: 130, due: '2026-12-31' }],
  keyProgram: true,
};
