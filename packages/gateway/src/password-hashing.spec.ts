import { randomBytes, scryptSync } from 'node:crypto';
import { PasswordHasher } from './password-hashing';

describe('password hashing', () => {
  it("hashes at OWASP's scrypt parameters by default (N=2^17, r=8, p=1)", async () => {
    const hash = await new PasswordHasher().hash('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(new PasswordHasher().verify('correct horse battery staple', hash)).resolves.toEqual({
      ok: true,
      needsUpgrade: false,
    });
  });

  it('verifies a hash made with older parameters and asks for it to be replaced', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('an old password', salt, 32, { N: 1024, r: 8, p: 1 });
    const old = ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    const hasher = new PasswordHasher(12);
    await expect(hasher.verify('an old password', old)).resolves.toEqual({ ok: true, needsUpgrade: true });
    await expect(hasher.verify('another password', old)).resolves.toEqual({ ok: false, needsUpgrade: false });
    expect(await hasher.hash('x')).toMatch(/^scrypt\$4096\$8\$1\$/);
  });

  it('refuses a stored value that is not a hash it knows', async () => {
    const hasher = new PasswordHasher(12);
    for (const stored of ['', 'plain-text', 'scrypt$x$8$1$c2FsdA$aGFzaA', 'bcrypt$2b$10$abc'])
      await expect(hasher.verify('plain-text', stored)).resolves.toEqual({ ok: false, needsUpgrade: false });
  });
});
