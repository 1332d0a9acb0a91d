import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestIssuer {
  issuer: string;
  /** the console's redirect URI, once the gateway's address is known: the provider answers from then on */
  allowRedirect(uri: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the local OpenID Connect provider (`oidc-issuer.mjs`) with the given accounts (login → claims). */
export async function startTestIssuer(options: {
  audience: string;
  clientId: string;
  accounts: Record<string, { name: string; tenant: string | null; roles: string[]; org: string | null }>;
}): Promise<TestIssuer> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-issuer.mjs')], {
    env: {
      ...process.env,
      ISSUER_AUDIENCE: options.audience,
      ISSUER_CLIENT_ID: options.clientId,
      ISSUER_ACCOUNTS: JSON.stringify(options.accounts),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the test issuer stopped');
    return JSON.parse(line.value) as { issuer?: string; ready?: boolean };
  };
  const { issuer } = await nextLine();
  if (!issuer) throw new Error('the test issuer did not say where it listens');
  return {
    issuer,
    async allowRedirect(uri) {
      child.stdin?.write(`${uri}\n`);
      if (!(await nextLine()).ready) throw new Error('the test issuer did not start its provider');
    },
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
