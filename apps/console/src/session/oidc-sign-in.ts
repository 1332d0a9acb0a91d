import type { ApiProblem } from '../api/api-error';
import { codeChallenge, randomText } from './pkce';

/** The external provider as the gateway names it (`auth.signInOptions`). */
export interface OidcProvider {
  issuer: string;
  clientId: string;
  displayName: string;
  scope: string;
}

/** What survives the trip to the provider and back: this tab only (sessionStorage), removed on return. */
interface PendingSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
  tokenEndpoint: string;
  clientId: string;
  from: string | null;
}

const pendingKey = 'tradepilot-oidc-pending';
export const callbackPath = '/sign-in/callback';

const refusal = (appCode: string, zh: string, en: string): ApiProblem => ({
  appCode,
  messages: { 'zh-CN': zh, en },
  traceId: null,
  httpStatus: null,
  issues: [],
  details: null,
});

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).catch(() => null);
  if (!response?.ok)
    throw refusal('OIDC_UNREACHABLE', `无法读取身份提供方 ${issuer} 的配置，请稍后重试`, `The identity provider ${issuer} cannot be reached; try again later`);
  return (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** Sends the browser to the provider: authorization code with PKCE (S256) and a state bound to this tab. */
export async function beginOidcSignIn(provider: OidcProvider, from: string | null): Promise<void> {
  const config = await discover(provider.issuer);
  const pending: PendingSignIn = {
    state: randomText(16),
    verifier: randomText(32),
    redirectUri: `${window.location.origin}${callbackPath}`,
    tokenEndpoint: config.token_endpoint,
    clientId: provider.clientId,
    from,
  };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(config.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: pending.redirectUri,
    scope: provider.scope,
    state: pending.state,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Back from the provider: checks the state, exchanges the code (with the verifier) for the access token. */
export async function completeOidcSignIn(search: URLSearchParams): Promise<{ accessToken: string; expiresAt: number; from: string | null }> {
  const stored = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  const pending = stored ? (JSON.parse(stored) as PendingSignIn) : null;
  if (!pending || search.get('state') !== pending.state)
    throw refusal('OIDC_STATE_MISMATCH', '登录请求已失效或不是从本页面发起的，请重新登录', 'The sign-in did not start on this page or is no longer valid; sign in again');
  const error = search.get('error');
  if (error) {
    const detail = search.get('error_description') ?? error;
    throw refusal('OIDC_REFUSED', `身份提供方拒绝登录：${detail}`, `The identity provider refused the sign-in: ${detail}`);
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: search.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  }).catch(() => null);
  const answer = (await response?.json().catch(() => null)) as { access_token?: string; expires_in?: number; error?: string; error_description?: string } | null;
  if (!response?.ok || !answer?.access_token) {
    const detail = answer?.error_description ?? answer?.error ?? String(response?.status ?? '');
    throw refusal('OIDC_TOKEN_REFUSED', `身份提供方未签发访问令牌：${detail}`, `The identity provider issued no access token: ${detail}`);
  }
  return { accessToken: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 300) * 1000, from: pending.from };
}
