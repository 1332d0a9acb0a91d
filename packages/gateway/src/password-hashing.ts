import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const keyLength = 32;
const blockSize = 8;
const parallelism = 1;

/** scrypt needs 128·N·r bytes; twice that leaves room for node's own accounting */
const maxmemFor = (n: number, r: number) => 2 * 128 * n * r;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

interface StoredHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const numbers = [Number(n), Number(r), Number(p)];
  if (scheme !== 'scrypt' || !salt || !hash || numbers.some((x) => !Number.isSafeInteger(x) || x < 1))
    return undefined;
  return {
    n: numbers[0] as number,
    r: numbers[1] as number,
    p: numbers[2] as number,
    salt: Buffer.from(salt, 'base64url'),
    hash: Buffer.from(hash, 'base64url'),
  };
}

export interface PasswordCheck {
  ok: boolean;
  /** the hash was made with other parameters than today's: store a fresh one */
  needsUpgrade: boolean;
}

/**
 * scrypt with OWASP's parameters by default (N=2^17, r=8, p=1: about 128 MiB and 0.4 s per hash
 * here); the cost (log2 N) is configuration so tests can lower it. Hashes are stored as
 * `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with each hash, so an older one
 * still verifies and is replaced at the next sign-in.
 */
export class PasswordHasher {
  private readonly n: number;
  private dummy: Promise<string> | undefined;

  constructor(costLog2 = 17) {
    this.n = 2 ** costLog2;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, {
      N: this.n,
      r: blockSize,
      p: parallelism,
      maxmem: maxmemFor(this.n, blockSize),
    });
    return [
      'scrypt',
      this.n,
      blockSize,
      parallelism,
      salt.toString('base64url'),
      key.toString('base64url'),
    ].join('$');
  }

  async verify(password: string, stored: string): Promise<PasswordCheck> {
    const parsed = parse(stored);
    if (!parsed) return { ok: false, needsUpgrade: false };
    const key = await derive(password, parsed.salt, {
      N: parsed.n,
      r: parsed.r,
      p: parsed.p,
      maxmem: maxmemFor(parsed.n, parsed.r) * parsed.p,
    });
    const ok = key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
    const current = parsed.n === this.n && parsed.r === blockSize && parsed.p === parallelism;
    return { ok, needsUpgrade: ok && !current };
  }

  /**
   * Spends the time of a real check on a password that cannot match, so a user name that does
   * not exist is answered as slowly as a wrong password for one that does.
   */
  async verifyNobody(password: string): Promise<void> {
    this.dummy ??= this.hash(randomBytes(24).toString('base64url'));
    await this.verify(password, await this.dummy);
  }
}
