import { registeredServices, serviceUrlVariable } from '@tradepilot/contracts';
import { baseConfigSchema } from '@tradepilot/service-kit';
import { z } from 'zod';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');
const serviceUrl = z
  .url({ protocol: /^https?$/ })
  .transform((u) => u.replace(/\/$/, ''))
  .optional();
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
/** an empty value (compose passes `${VAR:-}` through) is the same as none */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const count = z.coerce.number().int().min(1);
const seconds = z.coerce.number().int().min(1);

/**
 * `<SERVICE>_URL` for every service of the registry; a service without one is not deployed here.
 * Validated with the rest, but typed as no fields: read them with `serviceUrls(config)`.
 */
const serviceUrlShape = Object.fromEntries(
  registeredServices.map((s) => [serviceUrlVariable(s.name), serviceUrl]),
) as Record<never, never>;

export const serviceUrls = (config: GatewayConfig): Record<string, string | undefined> =>
  Object.fromEntries(
    registeredServices.map((s) => [
      s.name,
      (config as unknown as Record<string, string | undefined>)[serviceUrlVariable(s.name)],
    ]),
  );

export const gatewayConfigSchema = baseConfigSchema.extend(serviceUrlShape).extend({
  /** Ed25519 key (PKCS8 PEM) the gateway signs internal tokens with; services hold its public half */
  INTERNAL_TOKEN_PRIVATE_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'must be a PEM private key (PKCS8)' }),
  FORWARD_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** the largest attachment accepted (the services enforce it again on the content) */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  ATTACHMENT_FORWARD_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  /** where the public API is reached from outside (the OpenAPI document's server) */
  PUBLIC_URL: serviceUrl,

  /** an external OpenID Connect provider (production): its JWKS, issuer and our audience */
  OIDC_JWKS_URL: unsetWhenEmpty(serviceUrl),
  OIDC_ISSUER: unsetWhenEmpty(z.string().min(1)),
  OIDC_AUDIENCE: unsetWhenEmpty(z.string().min(1)),
  OIDC_ALGORITHMS: list
    .pipe(z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'])).min(1))
    .default(['RS256']),
  /** claim names carrying the province (tenant), roles and organisation */
  OIDC_TENANT_CLAIM: z.string().min(1).default('tenant'),
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  OIDC_ORGANISATION_CLAIM: z.string().min(1).default('org'),
  /**
   * the console's public client at that provider: when set (with OIDC_ISSUER), the sign-in page
   * offers "sign in with OIDC_DISPLAY_NAME" (authorization code + PKCE in the browser)
   */
  OIDC_CONSOLE_CLIENT_ID: unsetWhenEmpty(z.string().min(1).max(200)),
  OIDC_DISPLAY_NAME: unsetWhenEmpty(z.string().min(1).max(100)),
  OIDC_SCOPE: z.string().min(1).default('openid'),
  /** header `typ` of the provider's access tokens (RFC 9068); an ID token (`JWT`) is refused */
  OIDC_ACCESS_TOKEN_TYPES: list.pipe(z.array(z.string().min(1)).min(1)).default(['at+jwt']),
  /** how long a user's disabled flag and version are trusted before they are read again */
  USER_RECHECK_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  TOKEN_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(30),

  /** the built-in identity provider: local and demo only */
  DEV_LOGIN_ENABLED: flag('false'),
  DEV_IDP_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
  /** when set with DEV_LOGIN_ENABLED, the demo users are created at start with this password */
  DEV_USERS_PASSWORD: unsetWhenEmpty(z.string().min(8)),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(8 * 3600),
  /** scrypt cost as log2 N (OWASP: 17, about 128 MiB and 0.4 s per hash); tests lower it */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(17),
  /** sign-in attempts (a successful one is given back) per account and per address within the window, then 429 */
  LOGIN_FAILURES_PER_ACCOUNT: count.default(5),
  LOGIN_FAILURES_PER_ADDRESS: count.default(20),
  LOGIN_FAILURE_WINDOW_S: seconds.default(900),

  /** calls allowed per user and per tenant (province, or a national organisation) per window */
  RATE_LIMIT_USER_CALLS: count.default(50),
  RATE_LIMIT_TENANT_CALLS: count.default(200),
  RATE_LIMIT_ANONYMOUS_CALLS: count.default(30),
  RATE_LIMIT_WINDOW_S: seconds.default(1),

  /** browser origins allowed to call the API (CORS); none by default */
  CORS_ORIGINS: list.default([]),
  /** express "trust proxy": set to the hops of trusted proxies in front of the gateway */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** how long the services' descriptions (for REST routing and the OpenAPI document) are reused */
  CATALOG_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  /** the built console (its index.html and assets/), served at `/`; unset: no console */
  CONSOLE_DIR: z.string().min(1).optional(),
  /** Jaeger's query API, read by the operators' trace screens */
  JAEGER_QUERY_URL: serviceUrl,
  /** a full Jaeger UI people can open (compose has one); the console links each trace there */
  JAEGER_UI_URL: serviceUrl,
  NATIONAL_OVERVIEW_TIMEOUT_MS: z.coerce.number().int().min(50).default(2000),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
