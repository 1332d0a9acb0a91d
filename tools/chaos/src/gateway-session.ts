/** What one call through the gateway came to: data, or why not (never thrown: faults are expected). */
export type CallOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string };

async function trpc<T>(
  url: string,
  path: string,
  kind: 'query' | 'mutation',
  input: unknown,
  token: string | undefined,
  timeoutMs: number,
): Promise<CallOutcome<T>> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  try {
    const res =
      kind === 'query'
        ? await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            headers,
            signal: AbortSignal.timeout(timeoutMs),
          })
        : await fetch(`${url}/trpc/${path}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(input),
            signal: AbortSignal.timeout(timeoutMs),
          });
    const body = (await res.json().catch(() => ({}))) as {
      result?: { data: T };
      error?: { message?: string; data?: { code?: string; appCode?: string } };
    };
    if (res.ok && body.result) return { ok: true, data: body.result.data };
    return {
      ok: false,
      status: res.status,
      code: body.error?.data?.appCode ?? body.error?.data?.code ?? 'HTTP_ERROR',
      message: body.error?.message ?? `HTTP ${res.status}`,
    };
  } catch (err) {
    // refused, reset or timed out: the answer is unknown, the effect may or may not have happened
    return { ok: false, status: 0, code: 'NO_ANSWER', message: (err as Error).message };
  }
}

/**
 * A signed-in user of the gateway, as a client program holds one: signs in again when its token is
 * refused (a restarted gateway may hold another signing key) and never throws on a failed call.
 */
export class GatewaySession {
  private token: string | undefined;

  constructor(
    private readonly gatewayUrl: () => string,
    readonly username: string,
    private readonly password: string,
    private readonly timeoutMs = 15_000,
  ) {}

  private async signIn(): Promise<boolean> {
    const answer = await trpc<{ accessToken: string }>(
      this.gatewayUrl(),
      'auth.devLogin',
      'mutation',
      { username: this.username, password: this.password },
      undefined,
      this.timeoutMs,
    );
    this.token = answer.ok ? answer.data.accessToken : undefined;
    return answer.ok;
  }

  async call<T>(path: string, kind: 'query' | 'mutation', input: unknown): Promise<CallOutcome<T>> {
    if (!this.token && !(await this.signIn()))
      return { ok: false, status: 0, code: 'NOT_SIGNED_IN', message: `${this.username} could not sign in` };
    const first = await trpc<T>(this.gatewayUrl(), path, kind, input, this.token, this.timeoutMs);
    if (first.ok || first.status !== 401) return first;
    if (!(await this.signIn()))
      return { ok: false, status: 0, code: 'NOT_SIGNED_IN', message: `${this.username} could not sign in` };
    return trpc<T>(this.gatewayUrl(), path, kind, input, this.token, this.timeoutMs);
  }

  query<T>(path: string, input: unknown): Promise<CallOutcome<T>> {
    return this.call<T>(path, 'query', input);
  }

  mutate<T>(path: string, input: unknown): Promise<CallOutcome<T>> {
    return this.call<T>(path, 'mutation', input);
  }
}
