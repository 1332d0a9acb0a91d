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
          accessTokenTypes: ['at+jwt'],
        },
      ],
      clockToleranceSeconds: 2,
      isTenant: (id) => id === 'guangdong',
      organisationFits: (tenant, org) => org === tenant || (tenant === 'guangdong' && org === 'guangzhou'),
    });
  });

  const token = (claims: Record<string, unknown>, expiresInSeconds = 300, issuer = 'https://idp.example') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' })
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

  it('accepts access tokens only (typ at+jwt, also as application/at+jwt), not ID tokens', async () => {
    const claims = { tenant: null, roles: ['ministry-officer'], org: 'mofcom' };
    const typed = (typ: string | undefined) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...(typ ? { typ } : {}) })
        .setIssuer('https://idp.example')
        .setAudience('tradepilot')
        .setSubject('u1')
        .setExpirationTime(Math.floor(Date.now() / 1000) + 300)
        .sign(privateKey);
    await expect(verify(await typed('application/AT+JWT'))).resolves.toMatchObject({ userId: 'u1' });
    for (const typ of ['JWT', 'id+jwt', undefined])
      await expect(verify(await typed(typ))).rejects.toThrow('not an access token');
  });

  it('refuses a provincial user without an organisation, or with one outside the province', async () => {
    await expect(
      verify(await token({ tenant: 'guangdong', roles: ['pilot-area-officer'], org: 'guangzhou' })),
    ).resolves.toMatchObject({ organisationId: 'guangzhou' });
    for (const org of [undefined, null, 'hangzhou'])
      await expect(
        verify(
          await token({
            tenant: 'guangdong',
            roles: ['pilot-area-officer'],
            ...(org === undefined ? {} : { org }),
          }),
        ),
      ).rejects.toThrow(UserTokenError);
  });

  it('asks on every call, also for a remembered token, whether the user still stands', async () => {
    let standing = true;
    const seen: (number | undefined)[] = [];
    const { privateKey: key, publicKey: pub } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const checking = createUserTokenVerifier({
      issuers: [
        {
          issuer: 'https://idp.example',
          audience: 'tradepilot',
          keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(pub)), kid: 'k2', alg: 'RS256' }] }),
          algorithms: ['RS256'],
          claims: { tenant: 'tenant', roles: 'roles', organisation: 'org' },
          accessTokenTypes: ['at+jwt'],
        },
      ],
      clockToleranceSeconds: 2,
      isTenant: () => true,
      organisationFits: () => true,
      stillValid: async (_principal, userVersion) => {
        seen.push(userVersion);
        return standing;
      },
    });
    const jwt = await new SignJWT({ tenant: null, roles: ['operator'], org: null, uv: 4 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k2', typ: 'at+jwt' })
      .setIssuer('https://idp.example')
      .setAudience('tradepilot')
      .setSubject('u2')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 300)
      .sign(key);
    await expect(checking(jwt)).resolves.toMatchObject({ userId: 'u2' });
    standing = false;
    await expect(checking(jwt)).rejects.toThrow('user disabled or changed');
    expect(seen).toEqual([4, 4]);
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
            accessTokenTypes: ['at+jwt'],
          },
        ],
        clockToleranceSeconds: 0,
        isTenant: () => true,
        organisationFits: () => true,
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
