import { createLocalJWKSet, exportJWK, SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { createUserTokenVerifier, UserTokenError } from './user-token-verifier';

describe('user token verifier', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let verify: ReturnType<typeof createUserTokenVerifier>;

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    verify = createUserTokenVerifier({
      issuers: [
        {
          issuer: 'https://idp.example',
          audience: 'tradepilot',
          keys: createLocalJWKSet({ keys: [jwk] }),
          algorithms: ['RS256'],
          claims: { tenant: 'tenant', roles: 'roles', organisation: 'org' },
        },
      ],
      clockToleranceSeconds: 2,
      isTenant: (id) => id === 'guangdong',
    });
  });

  const token = (claims: Record<string, unknown>, expiresInSeconds = 300, issuer = 'https://idp.example') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('tradepilot')
      .setSubject('u1')
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey);

  it('maps claims to a principal whose tenant and roles fit together', async () => {
    await expect(
      verify(await token({ tenant: 'guangdong', roles: ['province-officer'], org: 'guangdong' })),
    ).resolves.toEqual({
      userId: 'u1',
      tenant: 'guangdong',
      roles: ['province-officer'],
      organisationId: 'guangdong',
    });
    for (const claims of [
      { tenant: null, roles: ['province-officer'], org: 'guangdong' },
      { tenant: 'guangdong', roles: ['ministry-officer'], org: 'mofcom' },
      { tenant: 'atlantis', roles: ['province-officer'], org: 'atlantis' },
      { tenant: 'guangdong', roles: ['province-officer', 'operator'], org: 'guangdong' },
    ]) {
      await expect(verify(await token(claims))).rejects.toThrow(UserTokenError);
    }
  });

  it('trusts only configured issuers and refuses to trust a symmetric algorithm', async () => {
    await expect(
      verify(await token({ tenant: null, roles: ['operator'], org: null }, 300, 'https://other.example')),
    ).rejects.toThrow('untrusted issuer');
    expect(() =>
      createUserTokenVerifier({
        issuers: [
          {
            issuer: 'x',
            audience: 'y',
            keys: createLocalJWKSet({ keys: [] }),
            algorithms: ['HS256'],
            claims: { tenant: 't', roles: 'r', organisation: 'o' },
          },
        ],
        clockToleranceSeconds: 0,
        isTenant: () => true,
      }),
    ).toThrow('only asymmetric');
  });

  it('remembers a verified token only until it expires (plus the skew)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'], now: Date.now() });
    try {
      const shortLived = await token({ tenant: null, roles: ['ministry-officer'], org: 'mofcom' }, 10);
      await expect(verify(shortLived)).resolves.toMatchObject({ userId: 'u1' });
      jest.setSystemTime(Date.now() + 11_000);
      await expect(verify(shortLived)).resolves.toMatchObject({ userId: 'u1' });
      jest.setSystemTime(Date.now() + 2_000);
      await expect(verify(shortLived)).rejects.toThrow('ERR_JWT_EXPIRED');
    } finally {
      jest.useRealTimers();
    }
  });
});
