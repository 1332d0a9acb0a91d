import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfigSchema, ConfigError, internalAuthConfigSchema, loadConfig } from './config';

const schema = baseConfigSchema.extend(internalAuthConfigSchema.shape);
const valid = {
  PORT: '3001',
  MONGODB_URL: 'mongodb://127.0.0.1:27017/',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  INTERNAL_TOKEN_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----',
};

describe('service configuration', () => {
  it('parses and fills defaults', () => {
    const config = loadConfig('plans', schema, valid);
    expect(config).toMatchObject({
      PORT: 3001,
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.2:9092'],
      RELAY_ENABLED: true,
    });
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
  });

  it('lists every problem at once, by variable, in one message', () => {
    let error: unknown;
    try {
      loadConfig('plans', schema, { PORT: 'eighty', MONGODB_URL: 'postgres://x', BODY_LIMIT: 'huge' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^MONGODB_URL: must be a mongodb:\/\/ URL/m);
    expect(problems).toMatch(/^KAFKA_BROKERS: is required but not set/m);
    expect(problems).toMatch(/^INTERNAL_TOKEN_PUBLIC_KEY: is required but not set/m);
    expect(problems).toMatch(/^BODY_LIMIT: a size such as 512kb or 1mb/m);
    expect((error as Error).message.split('\n')[0]).toBe('plans: invalid configuration');
  });

  it('reads NAME_FILE into NAME (mounted keys), and says which file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'public.pem'), `${valid.INTERNAL_TOKEN_PUBLIC_KEY}\n`);
    const { INTERNAL_TOKEN_PUBLIC_KEY: _key, ...withoutKey } = valid;
    const config = loadConfig('plans', schema, {
      ...withoutKey,
      INTERNAL_TOKEN_PUBLIC_KEY_FILE: join(dir, 'public.pem'),
    });
    expect(config.INTERNAL_TOKEN_PUBLIC_KEY).toBe(valid.INTERNAL_TOKEN_PUBLIC_KEY);
    expect(() =>
      loadConfig('plans', schema, {
        ...withoutKey,
        INTERNAL_TOKEN_PUBLIC_KEY_FILE: join(dir, 'missing.pem'),
      }),
    ).toThrow(/INTERNAL_TOKEN_PUBLIC_KEY_FILE: cannot read .*missing\.pem \(ENOENT\)/);
  });
});
