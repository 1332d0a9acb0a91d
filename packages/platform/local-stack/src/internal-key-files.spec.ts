import { createInternalTokenSigner, createInternalTokenVerifier } from '@tradepilot/auth';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInternalKeyFiles, readInternalKeyFiles } from './internal-key-files';

describe('internal key files', () => {
  it('creates a working pair once and keeps it afterwards', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'keys-')), 'nested');
    expect(ensureInternalKeyFiles(dir).created).toBe(true);
    const first = readInternalKeyFiles(dir);
    expect(ensureInternalKeyFiles(dir).created).toBe(false);
    expect(readInternalKeyFiles(dir)).toEqual(first);
    expect(statSync(join(dir, 'internal-token-private.pem')).mode & 0o077).toBe(0);

    const principal = {
      userId: 'u',
      tenant: 'hainan',
      roles: ['province-officer' as const],
      organisationId: 'hainan',
    };
    const token = await createInternalTokenSigner(first.privateKeyPem).sign(principal, 'plans');
    await expect(createInternalTokenVerifier(first.publicKeyPem, 'plans').verify(token)).resolves.toEqual(
      principal,
    );
  });
});
