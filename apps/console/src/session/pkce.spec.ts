import { codeChallenge, randomText } from './pkce';

describe('PKCE for the OpenID Connect sign-in', () => {
  it('derives the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 URL-safe characters, a new one each time', () => {
    const a = randomText(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomText(32)).not.toBe(a);
  });
});
