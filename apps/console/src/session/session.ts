import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter, Outputs } from '../api/app-router';

export type SignedInUser = Outputs['auth']['devLogin']['user'];

export interface SessionState {
  user: SignedInUser;
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
}

export type SessionEvent = 'signed-in' | 'refreshed' | 'signed-out' | 'expired';

type TabMessage =
  | { kind: 'refreshed'; state: SessionState }
  | { kind: 'signed-out' };

// the sign-in procedures: no bearer token, no retry; the refresh token stays in the gateway's cookie
const auth = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/trpc' })] }).auth;
const lockName = 'tradepilot-console-refresh';
/** refresh this long before the access token expires */
const refreshMarginMs = 60_000;

/**
 * The browser session. The access token lives in this object only (memory); the refresh token
 * in an httpOnly SameSite=Strict cookie the gateway sets. A refresh rotates that token and a
 * reused one ends the session, so refreshes run one at a time across every tab (Web Locks), and a
 * tab that refreshed tells the others (BroadcastChannel) so they need not refresh as well.
 */
export class Session {
  private state: SessionState | null = null;
  /** signed in through an external provider: the gateway holds no refresh token for it */
  private external = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tradepilot-console-session');

  constructor() {
    this.channel?.addEventListener('message', (e: MessageEvent<TabMessage>) => {
      if (e.data.kind === 'refreshed') this.adopt(e.data.state, 'refreshed', false);
      else this.clear('signed-out', false);
    });
  }

  current(): SessionState | null {
    return this.state;
  }

  accessToken(): string | null {
    return this.state?.accessToken ?? null;
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<SessionState> {
    const answer = await auth.devLogin.mutate({ username, password, session: 'cookie' });
    const state = { user: answer.user, accessToken: answer.accessToken, expiresAt: Date.parse(answer.expiresAt) };
    this.adopt(state, 'signed-in', true);
    return state;
  }

  /** What the sign-in page offers: the built-in provider and/or an external OpenID Connect one. */
  signInOptions(): Promise<Outputs['auth']['signInOptions']> {
    return auth.signInOptions.query({});
  }

  /**
   * Signed in through the external provider (code + PKCE): the access token stays in memory like
   * the built-in one's; who it names is what the gateway reads from it (`auth.me`).
   */
  async signInWithToken(accessToken: string, expiresAt: number): Promise<SessionState> {
    const me = await createTRPCClient<AppRouter>({
      links: [httpLink({ url: '/trpc', headers: { authorization: `Bearer ${accessToken}` } })],
    }).auth.me.query({});
    const user: SignedInUser = {
      id: me.userId,
      displayName: me.name ?? me.userId,
      tenant: me.tenant,
      roles: me.roles,
      organisationId: me.organisationId,
    };
    const state = { user, accessToken, expiresAt };
    this.external = true;
    this.adopt(state, 'signed-in', false);
    return state;
  }

  /** A new access token from the cookie's refresh token; false (and signed out) when the session ended. */
  async refresh(): Promise<boolean> {
    // an external provider's session is not refreshed here: it ends with its access token
    if (this.external) {
      this.clear('expired', false);
      return false;
    }
    const seen = this.state?.accessToken ?? null;
    const run = async () => {
      // another tab may have refreshed while this one waited for the lock
      if (this.state && this.state.accessToken !== seen && this.fresh(this.state)) return true;
      try {
        const answer = await auth.refresh.mutate({});
        this.adopt(
          { user: answer.user, accessToken: answer.accessToken, expiresAt: Date.parse(answer.expiresAt) },
          'refreshed',
          true,
        );
        return true;
      } catch {
        this.clear(seen ? 'expired' : 'signed-out', false);
        return false;
      }
    };
    if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(lockName, run);
    return run();
  }

  /** On load: a session survives a reload through the cookie. */
  restore(): Promise<boolean> {
    return this.refresh();
  }

  async signOut(): Promise<void> {
    try {
      await auth.logout.mutate({});
    } finally {
      this.clear('signed-out', true);
    }
  }

  private fresh(state: SessionState): boolean {
    return state.expiresAt - Date.now() > refreshMarginMs / 2;
  }

  private adopt(state: SessionState, event: SessionEvent, tellOtherTabs: boolean) {
    this.state = state;
    if (tellOtherTabs && event === 'refreshed') this.channel?.postMessage({ kind: 'refreshed', state });
    if (tellOtherTabs && event === 'signed-in') this.channel?.postMessage({ kind: 'refreshed', state });
    clearTimeout(this.timer);
    const due = Math.max(5_000, state.expiresAt - Date.now() - refreshMarginMs);
    this.timer = setTimeout(() => void this.refresh(), due);
    this.emit(event);
  }

  private clear(event: SessionEvent, tellOtherTabs: boolean) {
    const had = this.state !== null;
    this.state = null;
    this.external = false;
    clearTimeout(this.timer);
    if (tellOtherTabs) this.channel?.postMessage({ kind: 'signed-out' });
    if (had || event === 'signed-out') this.emit(event);
  }

  private emit(event: SessionEvent) {
    for (const listener of this.listeners) listener(event);
  }
}

export const session = new Session();
