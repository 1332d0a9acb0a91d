import { serviceRegistry } from '@tradepilot/contracts';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const composeFile = join(__dirname, '../compose/docker-compose.yml');
const raw = readFileSync(composeFile, 'utf8');
const kafkaStart = readFileSync(join(__dirname, '../compose/kafka/start.sh'), 'utf8');

/** `docker-compose config` (no engine needed) with defaults applied, split into service blocks. */
function resolvedServices(env: NodeJS.ProcessEnv = {}): Map<string, string> {
  const run = spawnSync('docker-compose', ['-f', composeFile, 'config'], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], ...env },
  });
  if (run.error) throw new Error(`docker-compose is not installed: ${run.error.message}`);
  expect(run.status).toBe(0);
  const services = run.stdout.slice(run.stdout.indexOf('\nservices:\n'), run.stdout.indexOf('\nvolumes:\n'));
  const blocks = new Map<string, string>();
  for (const block of services.split(/\n(?= {2}[a-z][\w-]*:\n)/).slice(1))
    blocks.set((/^ {2}([\w-]+):/.exec(block) as RegExpExecArray)[1] as string, block);
  return blocks;
}

const env = (block: string, name: string) => new RegExp(`^ {6}${name}: (.*)$`, 'm').exec(block)?.[1];

describe('the compose deployment is closed by default', () => {
  const services = resolvedServices();
  const apps = serviceRegistry.map((s) => s.name);

  it('publishes no database or broker port; only the gateway, and the Jaeger UI on loopback', () => {
    for (const [name, block] of services) {
      if (name === 'gateway')
        expect(block).toMatch(/\n {4}ports:\n {4}- published: 3000\n {6}target: 3000\n/);
      else if (name === 'jaeger') expect(block).toMatch(/\n {4}ports:\n {4}- 127\.0\.0\.1:16686:16686\/tcp$/);
      else expect({ name, ports: /\n {4}ports:/.test(block) }).toEqual({ name, ports: false });
    }
  });

  it('keeps MongoDB and Kafka on an internal network only', () => {
    for (const name of ['mongo', 'kafka']) {
      const block = services.get(name) as string;
      expect(block).toMatch(/\n {4}networks:\n {6}internal: null\n/);
      expect(block).not.toMatch(/edge/);
    }
    expect(raw).toMatch(/^ {2}internal:\n {4}internal: true$/m);
  });

  it('runs MongoDB with authentication: a root password from a file and a replica-set key file', () => {
    const mongo = services.get('mongo') as string;
    expect(mongo).toContain('--keyFile');
    expect(env(mongo, 'MONGO_INITDB_ROOT_PASSWORD_FILE')).toBe('/secrets/platform/mongo-root-password');
    expect(env(mongo, 'MONGO_INITDB_ROOT_PASSWORD')).toBeUndefined();
  });

  it('runs Kafka with SASL/SCRAM only, ACLs enforced, no PLAINTEXT client listener', () => {
    expect(kafkaStart).toMatch(/^listeners=SASL_PLAINTEXT:\/\/:19092,CONTROLLER:\/\/localhost:9093$/m);
    expect(kafkaStart).toMatch(/^sasl\.enabled\.mechanisms=SCRAM-SHA-512$/m);
    expect(kafkaStart).toMatch(
      /^authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.StandardAuthorizer$/m,
    );
    expect(kafkaStart).toMatch(/^allow\.everyone\.if\.no\.acl\.found=false$/m);
    expect(kafkaStart).toMatch(/kafka-storage\.sh format .*"\$@"/);
    expect(kafkaStart).toContain('--add-scram');
  });

  it('gives every app its own Kafka principal and database user, secrets from files, no topic creation', () => {
    for (const name of apps) {
      const block = services.get(name) as string;
      expect({ name, user: env(block, 'KAFKA_SASL_USERNAME') }).toEqual({ name, user: name });
      expect(env(block, 'KAFKA_SASL_PASSWORD_FILE')).toBe('/run/secrets/tradepilot/kafka-password');
      expect(env(block, 'MONGODB_URL_FILE')).toBe('/run/secrets/tradepilot/mongodb-url');
      expect(env(block, 'MONGODB_URL')).toBeUndefined();
      expect(env(block, 'KAFKA_CREATE_TOPICS')).toBe('"false"');
      // its own secrets volume, and no other principal's
      expect(block).toContain(`secrets-${name}:/run/secrets/tradepilot:ro`);
      for (const other of apps.filter((a) => a !== name)) expect(block).not.toContain(`secrets-${other}`);
      expect(block).not.toContain('secrets-platform');
    }
  });

  it('writes no secret into the file, and the built-in login is off with no default password', () => {
    for (const line of raw.split('\n')) {
      const setting = /^\s+([A-Z_]*(PASSWORD|SECRET|KEY)[A-Z_]*): (.+)$/.exec(line);
      if (!setting) continue;
      const [, name, , value] = setting;
      // a path to a file, or a value the person starting the stack provides, with no default
      expect({ name, value }).toEqual({
        name,
        value: expect.stringMatching(/^(\/[\w./-]+|\$\{[A-Z_]+:-\})$/),
      });
    }
    const gateway = services.get('gateway') as string;
    expect(env(gateway, 'DEV_LOGIN_ENABLED')).toBe('"false"');
    expect(env(gateway, 'DEV_USERS_PASSWORD')).toBe("''");
    expect(raw).toContain('DEV_LOGIN_ENABLED: ${TRADEPILOT_DEV_LOGIN:-false}');
    const trial = resolvedServices({
      TRADEPILOT_DEV_LOGIN: 'true',
      TRADEPILOT_DEMO_PASSWORD: 'a-trial-password',
    });
    expect(env(trial.get('gateway') as string, 'DEV_LOGIN_ENABLED')).toBe('"true"');
  });

  it('generates the secrets, the database users and the Kafka ACLs in init steps the apps wait for', () => {
    expect(services.get('secrets')).toContain('compose-init/dist/main.js');
    expect(services.get('setup')).toMatch(
      /mongo-users && node tools\/compose-init\/dist\/main\.js\s+kafka-setup/,
    );
    for (const name of apps)
      expect(services.get(name)).toMatch(/setup:\n {8}condition: service_completed_successfully/);
  });
});
