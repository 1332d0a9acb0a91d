import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { SignJWT, type JSONWebKeySet } from 'jose';
import type { UserDocument } from './user-model';

export const devIssuer = 'tradepilot-dev-idp';
export const tokenAudience = 'tradepilot';

/**
 * The built-in identity provider for local use and demos: it signs RS256 access tokens for
 * seeded users and publishes its key as a JWKS, so the gateway verifies them exactly as it
 * verifies an external OpenID Connect provider's.
 */
export class DevIdentityProvider {
  private constructor(
    private readonly privateKey: KeyObject,
    private readonly keySet: JSONWebKeySet,
    private readonly kid: string,
    readonly accessTokenTtlSeconds: number,
  ) {}

  /** With no key configured, one is generated: its tokens then end with the process. */
  static create(options: {
    privateKeyPem?: string | undefined;
    accessTokenTtlSeconds: number;
  }): DevIdentityProvider {
    const privateKey = options.privateKeyPem
      ? createPrivateKey(options.privateKeyPem.replace(/\\n/g, '\n'))
      : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as { kty: 'RSA'; n: string; e: string };
    // RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order
    const kid = createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
      .digest('base64url');
    return new DevIdentityProvider(
      privateKey,
      { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
      kid,
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
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'at+jwt' })
      .setIssuer(devIssuer)
      .setAudience(tokenAudience)
      .setSubject(user._id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}
