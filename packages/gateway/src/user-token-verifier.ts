import { BoundedCache, principalSchema, type Principal } from '@tradepilot/auth';
import { isProvincialRole } from '@tradepilot/contracts';
import { decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** One identity provider the gateway trusts: where its keys are, and what its tokens must say. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  /** asymmetric algorithms only: a symmetric one would let anyone holding the public key sign */
  algorithms: string[];
  claims: { tenant: string; roles: string; organisation: string };
  /** the header `typ` values of its access tokens (RFC 9068: `at+jwt`); an ID token has another */
  accessTokenTypes: string[];
}

export interface UserTokenVerifierOptions {
  issuers: TrustedIssuer[];
  clockToleranceSeconds: number;
  /** a token's tenant must be a province of the registry */
  isTenant: (id: string) => boolean;
  /** a provincial user's organisation must be the province or one of its pilot areas */
  organisationFits: (tenant: string, organisationId: string) => boolean;
  /**
   * Asked on every call, also for a token verified before: false ends the user's access before
   * the token expires (a disabled user, or a user version newer than the token's `uv`).
   */
  stillValid?: (principal: Principal, userVersion: number | undefined) => Promise<boolean>;
}

export class UserTokenError extends Error {
  constructor(readonly reason: string) {
    super(`access token rejected: ${reason}`);
  }
}

const symmetric = /^HS/;
/** RFC 8725 3.11: `application/at+jwt` and `at+jwt` are the same type, case-insensitively */
const normalisedType = (typ: unknown) =>
  typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : undefined;
const maxRemembered = 10_000;

/**
 * Verifies a user's access token and maps its claims to a principal. The token names its
 * issuer; that issuer must be one we trust, and then everything is checked against it:
 * signature from its JWKS (the `kid` must be there), allowed algorithms, issuer, audience,
 * expiry and not-before within the clock skew. The tenant comes from this token only.
 */
export function createUserTokenVerifier(options: UserTokenVerifierOptions) {
  for (const issuer of options.issuers) {
    if (issuer.algorithms.some((a) => symmetric.test(a) || a === 'none'))
      throw new Error(`issuer ${issuer.issuer}: only asymmetric algorithms may be trusted`);
  }
  const byIssuer = new Map(options.issuers.map((i) => [i.issuer, i]));
  // a token verified once is not verified again before its expiry, so busy callers cost less
  const verified = new BoundedCache<{
    principal: Principal;
    userVersion: number | undefined;
    validUntilMs: number;
  }>(maxRemembered);
  const stillValid = async (principal: Principal, userVersion: number | undefined) => {
    if (options.stillValid && !(await options.stillValid(principal, userVersion)))
      throw new UserTokenError('user disabled or changed since the token was issued');
    return principal;
  };
  return async function verify(token: string): Promise<Principal> {
    const known = verified.get(token);
    if (known && known.validUntilMs > Date.now()) return stillValid(known.principal, known.userVersion);
    let claimedIssuer: unknown;
    try {
      claimedIssuer = decodeJwt(token).iss;
    } catch {
      throw new UserTokenError('malformed');
    }
    const trusted = typeof claimedIssuer === 'string' ? byIssuer.get(claimedIssuer) : undefined;
    if (!trusted) throw new UserTokenError('untrusted issuer');
    let payload: Record<string, unknown>;
    let typ: unknown;
    try {
      ({
        payload,
        protectedHeader: { typ },
      } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer,
        audience: trusted.audience,
        algorithms: trusted.algorithms,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      throw new UserTokenError((err as { code?: string }).code ?? 'invalid');
    }
    if (!trusted.accessTokenTypes.map(normalisedType).includes(normalisedType(typ)))
      throw new UserTokenError('not an access token (typ)');
    const { claims } = trusted;
    const parsed = principalSchema.safeParse({
      userId: payload['sub'],
      ...(typeof payload['name'] === 'string' ? { name: payload['name'] } : {}),
      tenant: payload[claims.tenant] ?? null,
      roles: payload[claims.roles],
      organisationId: payload[claims.organisation] ?? null,
    });
    if (!parsed.success) throw new UserTokenError('claims do not name a tenant, roles and organisation');
    const principal = parsed.data;
    // provincial roles belong to exactly one province; national roles to none
    const provincial = principal.roles.every((r) => isProvincialRole(r));
    const national = principal.roles.every((r) => !isProvincialRole(r));
    if (principal.tenant ? !provincial || !options.isTenant(principal.tenant) : !national)
      throw new UserTokenError('tenant and roles do not fit together');
    // without its organisation a pilot-area officer would see the whole province
    if (
      principal.tenant &&
      (!principal.organisationId || !options.organisationFits(principal.tenant, principal.organisationId))
    )
      throw new UserTokenError('organisation missing or not of the province');
    const userVersion = typeof payload['uv'] === 'number' ? payload['uv'] : undefined;
    verified.set(token, {
      principal,
      userVersion,
      validUntilMs: ((payload['exp'] as number) + options.clockToleranceSeconds) * 1000,
    });
    return stillValid(principal, userVersion);
  };
}

export type UserTokenVerifier = ReturnType<typeof createUserTokenVerifier>;

export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  return match?.[1];
};
