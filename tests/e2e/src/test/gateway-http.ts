import { createInternalTokenSigner, internalTokenHeader } from '@tradepilot/auth';
import { eventually, testUserPassword, type TestStack } from '@tradepilot/test-stack';

/** One HTTP answer as a program sees it: status, headers, and the parsed JSON body. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function http(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

const auth = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/** A tRPC call over the wire (v11, no transformer): GET for queries, POST for mutations. */
export function trpcCall(
  stack: TestStack,
  token: string | undefined,
  path: string,
  type: 'query' | 'mutation',
  input: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const base = `${stack.gatewayUrl}/trpc/${path}`;
  if (type === 'query') {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return http(`${base}${query}`, { headers: { ...auth(token), ...headers } });
  }
  return http(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(token), ...headers },
    body: JSON.stringify(input ?? null),
  });
}

/** Several calls as one tRPC batch request. */
export function trpcBatch(
  stack: TestStack,
  token: string | undefined,
  type: 'query' | 'mutation',
  calls: { path: string; input: unknown }[],
): Promise<HttpAnswer> {
  const paths = calls.map((c) => c.path).join(',');
  const inputs = Object.fromEntries(calls.map((c, i) => [String(i), c.input]));
  const base = `${stack.gatewayUrl}/trpc/${paths}?batch=1`;
  if (type === 'query')
    return http(`${base}&input=${encodeURIComponent(JSON.stringify(inputs))}`, { headers: auth(token) });
  return http(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(token) },
    body: JSON.stringify(inputs),
  });
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

/** Signs in with the built-in identity provider over plain HTTP. */
export async function devLogin(
  stack: TestStack,
  username: string,
  password = testUserPassword,
): Promise<SignedIn> {
  const answer = await trpcCall(stack, undefined, 'auth.devLogin', 'mutation', { username, password });
  const data = (answer.body as { result?: { data: SignedIn } }).result?.data;
  if (!data) throw new Error(`sign-in of ${username} failed: ${answer.status} ${answer.text}`);
  return data;
}

/** The error part of a tRPC answer (single call). */
export const trpcError = (answer: HttpAnswer) =>
  (answer.body as { error?: { data: Record<string, unknown> & { code: string; appCode: string } } }).error;

export const trpcData = <T = unknown>(answer: HttpAnswer): T | undefined =>
  (answer.body as { result?: { data: T } }).result?.data;

/** Every procedure of every deployed service, as the gateway's catalog has them. */
export interface CatalogProcedure {
  path: string;
  service: string;
  type: 'query' | 'mutation';
  input: Record<string, unknown> | null;
  inputProblem?: string;
  rest: { method: string; path: string };
}

/**
 * Every procedure of every deployed service. A service's first description can miss the
 * gateway's deadline on a busy machine (the gateway then lists it unavailable and asks again a
 * second later): the generated suites need the whole catalog, so this waits for it.
 */
export async function procedureCatalog(
  stack: TestStack,
): Promise<{ services: { service: string; available: boolean }[]; procedures: CatalogProcedure[] }> {
  const token = await createInternalTokenSigner(stack.keys.privateKeyPem).sign(
    { userId: 'system:e2e', tenant: null, roles: ['operator'], organisationId: null },
    'gateway',
  );
  return eventually(
    async () => {
      const answer = await http(`${stack.gatewayUrl}/internal/catalog`, {
        headers: { [internalTokenHeader]: token },
      });
      if (answer.status !== 200) throw new Error(`catalog: ${answer.status} ${answer.text}`);
      const catalog = answer.body as {
        services: { service: string; available: boolean }[];
        procedures: CatalogProcedure[];
      };
      return catalog.services.every((s) => s.available) ? catalog : undefined;
    },
    { description: 'every service described in the gateway catalog', timeoutMs: 30_000, intervalMs: 500 },
  );
}

/** Every error the platform sends names a stable code and says it in zh-CN and en. */
export function expectBilingualError(error: unknown): void {
  const e = error as { appCode?: unknown; messages?: { 'zh-CN'?: unknown; en?: unknown } };
  expect(typeof e.appCode).toBe('string');
  expect((e.appCode as string).length).toBeGreaterThan(0);
  expect(typeof e.messages?.['zh-CN']).toBe('string');
  expect(typeof e.messages?.en).toBe('string');
}
