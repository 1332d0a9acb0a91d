import { generateInternalKeyPair } from '@tradepilot/auth';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const privateKeyFile = 'internal-token-private.pem';
export const publicKeyFile = 'internal-token-public.pem';

/**
 * The gateway's Ed25519 key pair as two files in `dir`, made once: an existing pair is kept, so
 * every restart (and every service) sees the same keys.
 */
export function ensureInternalKeyFiles(dir: string): {
  privateKeyPath: string;
  publicKeyPath: string;
  created: boolean;
} {
  const privateKeyPath = join(dir, privateKeyFile);
  const publicKeyPath = join(dir, publicKeyFile);
  if (existsSync(privateKeyPath) && existsSync(publicKeyPath))
    return { privateKeyPath, publicKeyPath, created: false };
  mkdirSync(dir, { recursive: true });
  const keys = generateInternalKeyPair();
  writeFileSync(privateKeyPath, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyPath, keys.publicKeyPem, { mode: 0o644 });
  return { privateKeyPath, publicKeyPath, created: true };
}

export function readInternalKeyFiles(dir: string): { privateKeyPem: string; publicKeyPem: string } {
  return {
    privateKeyPem: readFileSync(join(dir, privateKeyFile), 'utf8'),
    publicKeyPem: readFileSync(join(dir, publicKeyFile), 'utf8'),
  };
}
