// A local OpenID Connect provider (oidc-provider) for the browser tests: the console's sign-in
// with authorization code + PKCE against a real provider. Started as its own process (the
// package is ESM only). It prints {"issuer": ...} once it listens; the console's redirect URI
// (the gateway's address, known only once the stack runs) arrives as one line on stdin, and the
// provider answers from then on. Accounts: ISSUER_ACCOUNTS, a JSON object login → claims.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

const audience = process.env.ISSUER_AUDIENCE ?? 'urn:tradepilot:gateway';
const clientId = process.env.ISSUER_CLIENT_ID ?? 'tradepilot-console';
const accounts = JSON.parse(process.env.ISSUER_ACCOUNTS ?? '{}');
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'test-issuer-1',
  use: 'sig',
  alg: 'RS256',
};

let provider;
const server = createServer((req, res) => {
  if (!provider) {
    res.writeHead(503).end();
    return;
  }
  provider.callback()(req, res);
});
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  createInterface({ input: process.stdin }).once('line', (redirectUri) => {
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          token_endpoint_auth_method: 'none',
          redirect_uris: [redirectUri.trim()],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: ['only-for-the-browser-test'] },
      // the console calls the discovery document and the token endpoint from its own origin
      clientBasedCORS: () => true,
      features: {
        devInteractions: { enabled: true },
        // access tokens are JWTs (RFC 9068) for the gateway, the resource they are meant for
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: 'api',
            audience,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      findAccount: (_ctx, sub) =>
        accounts[sub] ? { accountId: sub, claims: () => ({ sub, name: accounts[sub].name }) } : undefined,
      // the claims the gateway reads (OIDC_TENANT_CLAIM, OIDC_ROLES_CLAIM, OIDC_ORGANISATION_CLAIM)
      extraTokenClaims: (_ctx, token) => {
        const account = accounts[token.accountId];
        return account ? { tenant: account.tenant, roles: account.roles, org: account.org, name: account.name } : undefined;
      },
    });
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
