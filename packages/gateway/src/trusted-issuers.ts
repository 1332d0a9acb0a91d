import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import { devIssuer, tokenAudience, type DevIdentityProvider } from './dev-identity-provider';
import type { GatewayConfig } from './gateway-config';
import type { TrustedIssuer } from './user-token-verifier';

/**
 * The identity providers whose access tokens the gateway accepts: the external OpenID Connect
 * provider from configuration (keys fetched from its JWKS URL and cached by jose, refetched
 * when an unknown `kid` appears), and the built-in one when it is switched on.
 */
export function trustedIssuers(
  config: GatewayConfig,
  identity: DevIdentityProvider | undefined,
): TrustedIssuer[] {
  const issuers: TrustedIssuer[] = [];
  if (config.OIDC_JWKS_URL && config.OIDC_ISSUER && config.OIDC_AUDIENCE) {
    issuers.push({
      issuer: config.OIDC_ISSUER,
      audience: config.OIDC_AUDIENCE,
      keys: createRemoteJWKSet(new URL(config.OIDC_JWKS_URL), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
      }),
      algorithms: config.OIDC_ALGORITHMS,
      claims: {
        tenant: config.OIDC_TENANT_CLAIM,
        roles: config.OIDC_ROLES_CLAIM,
        organisation: config.OIDC_ORGANISATION_CLAIM,
      },
      accessTokenTypes: config.OIDC_ACCESS_TOKEN_TYPES,
    });
  }
  if (identity) {
    issuers.push({
      issuer: devIssuer,
      audience: tokenAudience,
      keys: createLocalJWKSet(identity.jwks()),
      algorithms: [identity.algorithm],
      claims: { tenant: 'tenant', roles: 'roles', organisation: 'org' },
      accessTokenTypes: ['at+jwt'],
    });
  }
  return issuers;
}
