import { principalSchema, type Principal } from '@tradepilot/auth';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface UserTokenVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
}

export class UserTokenError extends Error {
  constructor(readonly reason: string) {
    super(`access token rejected: ${reason}`);
  }
}

/**
 * Verifies a user's access token (signature from the issuer's JWKS, issuer, audience, allowed
 * algorithms, expiry within the skew) and maps its claims to a principal.
 */
export function createUserTokenVerifier(options: UserTokenVerifierOptions) {
  return async function verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      throw new UserTokenError((err as { code?: string }).code ?? 'invalid');
    }
    const parsed = principalSchema.safeParse({
      userId: payload['sub'],
      ...(typeof payload['name'] === 'string' ? { name: payload['name'] } : {}),
      tenant: payload['tenant'] ?? null,
      roles: payload['roles'],
      organisationId: payload['org'] ?? null,
    });
    if (!parsed.success) throw new UserTokenError('claims do not name a tenant, roles and organisation');
    return parsed.data;
  };
}

export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  return match?.[1];
};
