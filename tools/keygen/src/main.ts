#!/usr/bin/env node
/** `node tools/keygen/dist/main.js <dir>`: writes the internal-token key pair into <dir> unless it is there. */
import { ensureInternalKeyFiles } from '@tradepilot/local-stack';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: keygen <directory>\n');
  process.exit(2);
}
const { created, privateKeyPath, publicKeyPath } = ensureInternalKeyFiles(dir);
process.stdout.write(`${created ? 'created' : 'kept'} ${privateKeyPath} and ${publicKeyPath}\n`);
