import { setTimeout as delay } from 'node:timers/promises';

export interface DemoGatewayOptions {
  gatewayUrl: string;
  password: string;
  /** how long one step may wait for the events it depends on (default 90 s: a case opened by event
   * took over 30 s on two cores at load 26, and a seeding that gives up leaves half a demo) */
  stepTimeoutMs?: number;
  /** how often a waiting step asks again */
  pollMs?: number;
}

/**
 * The demo data's way in: tRPC calls through the gateway as the demo users (signed in once
 * each), as a newcomer's console would make them.
 */
export class DemoGateway {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly options: DemoGatewayOptions) {}

  private async send(user: string | null, path: string, type: 'query' | 'mutation', input: unknown) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (user) headers['authorization'] = `Bearer ${await this.token(user)}`;
    const url = `${this.options.gatewayUrl}/trpc/${path}`;
    const response =
      type === 'query'
        ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : await fetch(url, { method: 'POST', headers, body: JSON.stringify(input) });
    const body = (await response.json()) as {
      result?: { data: unknown };
      error?: { message: string; data?: { appCode?: string } };
    };
    if (!body.result)
      throw new Error(`${path} as ${user ?? 'anonymous'}: ${body.error?.message ?? response.status}`);
    return body.result.data;
  }

  private async token(user: string): Promise<string> {
    const known = this.tokens.get(user);
    if (known) return known;
    const { accessToken } = (await this.send(null, 'auth.devLogin', 'mutation', {
      username: user,
      password: this.options.password,
    })) as { accessToken: string };
    this.tokens.set(user, accessToken);
    return accessToken;
  }

  query<T>(user: string, path: string, input: unknown = {}): Promise<T> {
    return this.send(user, path, 'query', input) as Promise<T>;
  }

  mutate<T>(user: string, path: string, input: unknown): Promise<T> {
    return this.send(user, path, 'mutation', input) as Promise<T>;
  }

  /** Asks again until `find` answers (events travel between the services meanwhile); a refusal counts as not yet. */
  async until<T>(what: string, find: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + (this.options.stepTimeoutMs ?? 90_000);
    let last = 'not yet';
    for (;;) {
      const found = await find().catch((err: Error) => {
        last = err.message;
        return undefined;
      });
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`demo data: ${what} did not happen in time (${last})`);
      await delay(this.options.pollMs ?? 250);
    }
  }
}
