/** Plain-HTTP tRPC calls through the gateway (what a non-TypeScript client does). */
export async function mutate<T>(
  gatewayUrl: string,
  path: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${gatewayUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${path}: ${body.error?.message ?? res.status}`);
  return body.result.data;
}

export async function query<T>(gatewayUrl: string, path: string, input: unknown, token: string): Promise<T> {
  const res = await fetch(`${gatewayUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${path}: ${body.error?.message ?? res.status}`);
  return body.result.data;
}

export async function signIn(gatewayUrl: string, username: string, password: string): Promise<string> {
  return (await mutate<{ accessToken: string }>(gatewayUrl, 'auth.devLogin', { username, password }))
    .accessToken;
}
