import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JSONWebKeySet } from 'jose';
import type { UserDocument } from './user-model';

export const devIssuer = 'tradepilot-dev-idp';
export const tokenAudience = 'tradepilot';

export type DevSigningAlgorithm = 'ES256' | 'RS256' | 'EdDSA';

/** The JWS algorithm a configured key signs with; a key of another kind is refused at start. */
function algorithmOf(key: KeyObject): DevSigningAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return 'RS256';
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  throw new Error(
    `DEV_IDP_PRIVATE_KEY: cannot sign with this key (${[type ?? 'symmetric', curve].filter(Boolean).join(' ')}); use RSA, EC P-256 or Ed25519`,
  );
}

/**
 * The built-in identity provider for local use and demos: it signs access tokens for seeded
 * users and publishes its key as a JWKS, so the gateway verifies them exactly as it verifies an
 * external OpenID Connect provider's.
 */
export class DevIdentityProvider {
  private constructor(
    private readonly privateKey: KeyObject,
    private readonly keySet: JSONWebKeySet,
    private readonly kid: string,
    readonly algorithm: DevSigningAlgorithm,
    readonly accessTokenTtlSeconds: number,
  ) {}

  /**
   * With no key configured, an EC P-256 key is generated (ES256): it takes well under a
   * millisecond where an RSA-2048 key took a quarter of a CPU-second at every gateway start.
   * Its tokens then end with the process.
   */
  static async create(options: {
    privateKeyPem?: string | undefined;
    accessTokenTtlSeconds: number;
  }): Promise<DevIdentityProvider> {
    const privateKey = options.privateKeyPem
      ? createPrivateKey(options.privateKeyPem.replace(/\\n/g, '\n'))
      : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const algorithm = algorithmOf(privateKey);
    const jwk = await exportJWK(createPublicKey(privateKey));
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    return new DevIdentityProvider(
      privateKey,
      { keys: [{ ...jwk, kid, alg: algorithm, use: 'sig' }] },
      kid,
      algorithm,
      options.accessTokenTtlSeconds,
    );
  }

  jwks(): JSONWebKeySet {
    return this.keySet;
  }

  async issueAccessToken(
    user: UserDocument,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.accessTokenTtlSeconds;
    const token = await new SignJWT({
      name: user.displayName,
      tenant: user.tenant,
      roles: user.roles,
      org: user.organisationId,
      uv: user.version ?? 0,
    })
      .setProtectedHeader({ alg: this.algorithm, kid: this.kid, typ: 'at+jwt' })
      .setIssuer(devIssuer)
      .setAudience(tokenAudience)
      .setSubject(user._id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}
