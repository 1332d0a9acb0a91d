import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { devIssuer, DevIdentityProvider, tokenAudience } from './dev-identity-provider';
import type { UserDocument } from './user-model';

const officer: UserDocument = {
  _id: 'u-guangdong',
  displayName: '广东省商务厅',
  passwordHash: 'unused',
  tenant: 'guangdong',
  roles: ['province-officer'],
  organisationId: 'guangdong',
  disabled: false,
  version: 3,
  createdAt: new Date(),
};

const pem = (type: 'rsa' | 'ec' | 'ed25519' | 'x25519') => {
  const { privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
        : type === 'ed25519'
          ? generateKeyPairSync('ed25519')
          : generateKeyPairSync('x25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
};

async function verified(identity: DevIdentityProvider) {
  const { token } = await identity.issueAccessToken(officer);
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(identity.jwks()), {
    issuer: devIssuer,
    audience: tokenAudience,
    algorithms: [identity.algorithm],
  });
  return { payload, protectedHeader, header: decodeProtectedHeader(token) };
}

describe('dev identity provider', () => {
  it('generates an ES256 key when none is configured, and its JWKS verifies its tokens', async () => {
    const identity = await DevIdentityProvider.create({ accessTokenTtlSeconds: 300 });
    expect(identity.algorithm).toBe('ES256');
    const { payload, protectedHeader } = await verified(identity);
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(protectedHeader.kid).toBe(identity.jwks().keys[0]?.kid);
    expect(payload).toMatchObject({ sub: 'u-guangdong', tenant: 'guangdong', org: 'guangdong', uv: 3 });
    expect(identity.jwks().keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(identity.jwks().keys[0]).not.toHaveProperty('d');
  });

  it('keeps the algorithm of a configured key: RSA signs RS256, Ed25519 EdDSA', async () => {
    const rsa = await DevIdentityProvider.create({ privateKeyPem: pem('rsa'), accessTokenTtlSeconds: 60 });
    expect((await verified(rsa)).header.alg).toBe('RS256');
    expect(rsa.jwks().keys[0]).not.toHaveProperty('d');
    const ed = await DevIdentityProvider.create({ privateKeyPem: pem('ed25519'), accessTokenTtlSeconds: 60 });
    expect((await verified(ed)).header.alg).toBe('EdDSA');
  });

  it('reads a key given on one line with escaped newlines, as an env file holds it', async () => {
    const oneLine = pem('rsa').replace(/\n/g, '\\n');
    const identity = await DevIdentityProvider.create({ privateKeyPem: oneLine, accessTokenTtlSeconds: 60 });
    expect(identity.algorithm).toBe('RS256');
  });

  it('names the RFC 7638 thumbprint as kid: the same key gives the same kid across restarts', async () => {
    const key = pem('rsa');
    const first = await DevIdentityProvider.create({ privateKeyPem: key, accessTokenTtlSeconds: 60 });
    const again = await DevIdentityProvider.create({ privateKeyPem: key, accessTokenTtlSeconds: 60 });
    const other = await DevIdentityProvider.create({ accessTokenTtlSeconds: 60 });
    expect(first.jwks().keys[0]?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again.jwks().keys[0]?.kid).toBe(first.jwks().keys[0]?.kid);
    expect(other.jwks().keys[0]?.kid).not.toBe(first.jwks().keys[0]?.kid);
  });

  it('refuses a key that cannot sign a token the gateway accepts, naming the setting', async () => {
    await expect(
      DevIdentityProvider.create({ privateKeyPem: pem('ec'), accessTokenTtlSeconds: 60 }),
    ).rejects.toThrow(/DEV_IDP_PRIVATE_KEY: cannot sign with this key \(ec secp384r1\)/);
    await expect(
      DevIdentityProvider.create({ privateKeyPem: pem('x25519'), accessTokenTtlSeconds: 60 }),
    ).rejects.toThrow(/DEV_IDP_PRIVATE_KEY: cannot sign with this key \(x25519\)/);
  });
});
