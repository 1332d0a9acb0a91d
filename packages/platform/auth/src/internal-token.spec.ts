import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateInternalKeyPair,
  InternalTokenError,
} from './internal-token';
import type { Principal } from './principal';

const officer: Principal = {
  userId: 'gd-province-officer',
  tenant: 'guangdong',
  roles: ['province-officer'],
  organisationId: 'guangdong',
};

describe('internal tokens', () => {
  const keys = generateInternalKeyPair();
  const signer = createInternalTokenSigner(keys.privateKeyPem);

  it('round-trips the principal for the audience it was minted for', async () => {
    const token = await signer.sign(officer, 'plans');
    await expect(createInternalTokenVerifier(keys.publicKeyPem, 'plans').verify(token)).resolves.toEqual(
      officer,
    );
  });

  it('rejects a token minted for another service', async () => {
    const token = await signer.sign(officer, 'approvals');
    await expect(createInternalTokenVerifier(keys.publicKeyPem, 'plans').verify(token)).rejects.toThrow(
      InternalTokenError,
    );
  });

  it('rejects a token signed by another key, a missing one and garbage', async () => {
    const other = createInternalTokenSigner(generateInternalKeyPair().privateKeyPem);
    const verifier = createInternalTokenVerifier(keys.publicKeyPem, 'plans');
    await expect(verifier.verify(await other.sign(officer, 'plans'))).rejects.toThrow(
      'internal token rejected',
    );
    await expect(verifier.verify(undefined)).rejects.toThrow('missing');
    await expect(verifier.verify('not.a.token')).rejects.toThrow(InternalTokenError);
  });

  it('rejects an expired token and one whose claims are not a principal', async () => {
    const key = createPrivateKey(keys.privateKeyPem);
    const verifier = createInternalTokenVerifier(keys.publicKeyPem, 'plans');
    const expired = await new SignJWT({ ...officer })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('tradepilot-gateway')
      .setAudience('plans')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(key);
    await expect(verifier.verify(expired)).rejects.toThrow('ERR_JWT_EXPIRED');
    const noRoles = await new SignJWT({ ...officer, roles: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('tradepilot-gateway')
      .setAudience('plans')
      .setExpirationTime('1m')
      .sign(key);
    await expect(verifier.verify(noRoles)).rejects.toThrow('claims do not describe a principal');
  });
});

describe('internal token reuse', () => {
  it('mints one token per principal and service for half its life, and verifies a known token without signing again', async () => {
    const keys = generateInternalKeyPair();
    const signer = createInternalTokenSigner(keys.privateKeyPem, 60);
    const first = await signer.sign(officer, 'plans');
    expect(await signer.sign(officer, 'plans')).toBe(first);
    expect(await signer.sign(officer, 'approvals')).not.toBe(first);
    expect(await signer.sign({ ...officer, roles: ['pilot-area-officer'] }, 'plans')).not.toBe(first);

    const verifier = createInternalTokenVerifier(keys.publicKeyPem, 'plans');
    await expect(verifier.verify(first)).resolves.toEqual(officer);
    await expect(verifier.verify(first)).resolves.toEqual(officer);
    // a token for another service is still refused, cache or not
    await expect(verifier.verify(await signer.sign(officer, 'approvals'))).rejects.toThrow(
      InternalTokenError,
    );
  });
});
