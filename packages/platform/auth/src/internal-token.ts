import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { BoundedCache } from './bounded-cache';
import { principalSchema, type Principal } from './principal';

/**
 * Gateway → service tokens. The gateway alone holds the Ed25519 private key; services hold the
 * public key, so a service can verify but never mint. Audience = the target service.
 */
export const internalTokenHeader = 'x-internal-token';
export const internalTokenIssuer = 'tradepilot-gateway';
const algorithm = 'EdDSA';

export interface InternalKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateInternalKeyPair(): InternalKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** PEM as configured; `\n` escapes are accepted so a key fits in one environment variable. */
const pem = (value: string): string => value.replace(/\\n/g, '\n');

export interface InternalTokenSigner {
  sign(principal: Principal, audience: string, extra?: { actingRole?: string }): Promise<string>;
}

export function createInternalTokenSigner(privateKeyPem: string, ttlSeconds = 60): InternalTokenSigner {
  const key: KeyObject = createPrivateKey(pem(privateKeyPem));
  // a token is reused for the same principal and service during the first half of its life:
  // signing on every forwarded call cost the gateway a signature per request
  const minted = new BoundedCache<{ token: string; renewAt: number }>(10_000);
  return {
    async sign(principal, audience, extra = {}) {
      const cacheKey = JSON.stringify([principal, audience, extra.actingRole ?? null]);
      const now = Date.now();
      const reusable = minted.get(cacheKey);
      if (reusable && reusable.renewAt > now) return reusable.token;
      const token = await new SignJWT({
        ...principal,
        ...(extra.actingRole ? { actingRole: extra.actingRole } : {}),
      })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setIssuer(internalTokenIssuer)
        .setAudience(audience)
        .setSubject(principal.userId)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
      minted.set(cacheKey, { token, renewAt: now + (ttlSeconds * 1000) / 2 });
      return token;
    },
  };
}

export class InternalTokenError extends Error {
  constructor(reason: string) {
    super(`internal token rejected: ${reason}`);
    this.name = 'InternalTokenError';
  }
}

export interface InternalTokenVerifier {
  verify(token: string | undefined): Promise<Principal>;
}

export function createInternalTokenVerifier(publicKeyPem: string, audience: string): InternalTokenVerifier {
  const key = createPublicKey(pem(publicKeyPem));
  // a verified token stays verified up to its expiry; its principal is kept that long
  const verified = new BoundedCache<{ principal: Principal; expiresAt: number }>(10_000);
  return {
    async verify(token) {
      if (!token) throw new InternalTokenError('missing');
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.principal;
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          issuer: internalTokenIssuer,
          audience,
          clockTolerance: 5,
        });
        const {
          iss: _iss,
          aud: _aud,
          sub: _sub,
          iat: _iat,
          exp: _exp,
          actingRole: _actingRole,
          ...claims
        } = payload;
        const parsed = principalSchema.safeParse(claims);
        if (!parsed.success) throw new InternalTokenError('claims do not describe a principal');
        verified.set(token, { principal: parsed.data, expiresAt: (payload.exp ?? 0) * 1000 });
        return parsed.data;
      } catch (err) {
        if (err instanceof InternalTokenError) throw err;
        if (err instanceof joseErrors.JOSEError) throw new InternalTokenError(err.code);
        throw new InternalTokenError('unreadable');
      }
    },
  };
}
