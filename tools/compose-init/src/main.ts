#!/usr/bin/env node
/**
 * The compose deployment's init steps (see infra/compose/docker-compose.yml):
 *   secrets <dir>   generates every secret once: <dir>/platform for the databases and the broker,
 *                   <dir>/<principal> for each service and the replay tool (mounted into that one only)
 *   mongo-users     creates a MongoDB user per service with readWrite on exactly its own databases
 *   kafka-setup     creates the topics and the ACL table as the admin principal
 */
import { createKafka, ensureTopics, TopicNames } from '@tradepilot/messaging';
import { createLogger } from '@tradepilot/telemetry';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allTopics,
  databasesOf,
  aclTable,
  deployedServices,
  kafkaAcls,
  replayPrincipal,
  type KafkaAclRow,
} from './deployment-access';

const logger = createLogger('compose-init', { level: 'info' });
const secret = () => randomBytes(24).toString('base64url');
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const fromFile = (name: string) => readFileSync(env(`${name}_FILE`), 'utf8').trim();

/** uid of the images' users: mongo's `mongodb`; node's `node` and kafka's `appuser` are both 1000 */
const owners = { mongo: 999, app: 1000 };

/** Writes a secret unless it exists; only its owner may read it. */
function writeOnce(path: string, make: () => string, owner = owners.app): string {
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o400 });
  chmodSync(path, 0o400);
  chownSync(path, owner, owner);
  return readFileSync(path, 'utf8').trim();
}

function secrets(dir: string): void {
  const platform = join(dir, 'platform');
  mkdirSync(platform, { recursive: true });
  writeOnce(join(platform, 'mongo-root-password'), secret, owners.mongo);
  // mongod's replica-set key: 6–1024 base64 characters, readable by its owner only
  writeOnce(join(platform, 'mongo-keyfile'), () => randomBytes(512).toString('base64'), owners.mongo);
  const admin = writeOnce(join(platform, 'kafka-admin-password'), secret);
  const scramUsers = [`admin=${admin}`];
  for (const principal of [...deployedServices.map((s) => s.name), replayPrincipal]) {
    const own = join(dir, principal);
    mkdirSync(own, { recursive: true });
    scramUsers.push(`${principal}=${writeOnce(join(own, 'kafka-password'), secret)}`);
  }
  for (const { name } of deployedServices) {
    const password = writeOnce(join(platform, `mongo-${name}-password`), secret);
    writeOnce(
      join(dir, name, 'mongodb-url'),
      () => `mongodb://${name}:${password}@mongo:27017/?replicaSet=rs0&authSource=admin`,
    );
  }
  // the broker formats its storage with these SCRAM users (one line each: name=password)
  const users = join(platform, 'kafka-scram-users');
  writeFileSync(users, `${scramUsers.join('\n')}\n`, { mode: 0o400 });
  writeOnce(users, () => '');
  logger.info({ principals: scramUsers.length }, 'secrets in place');
}

async function mongoUsers(): Promise<void> {
  const client = await MongoClient.connect(env('MONGODB_URL'), {
    auth: { username: 'root', password: fromFile('MONGO_ROOT_PASSWORD') },
  });
  try {
    const admin = client.db('admin');
    for (const { name } of deployedServices) {
      const password = readFileSync(
        join(env('SECRETS_DIR'), 'platform', `mongo-${name}-password`),
        'utf8',
      ).trim();
      const roles = databasesOf(name).map((db) => ({ role: 'readWrite', db }));
      const exists = ((await admin.command({ usersInfo: name })) as { users: unknown[] }).users.length > 0;
      await admin.command(
        exists ? { updateUser: name, pwd: password, roles } : { createUser: name, pwd: password, roles },
      );
      logger.info({ user: name, databases: roles.length }, exists ? 'user updated' : 'user created');
    }
  } finally {
    await client.close();
  }
}

const operations: Record<string, AclOperationTypes> = {
  READ: AclOperationTypes.READ,
  WRITE: AclOperationTypes.WRITE,
  DESCRIBE: AclOperationTypes.DESCRIBE,
};

const aclEntries = (row: KafkaAclRow) =>
  row.operations.map((operation) => ({
    resourceType: row.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: row.name,
    resourcePatternType:
      row.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
    principal: `User:${row.principal}`,
    host: '*',
    operation: operations[operation] as AclOperationTypes,
    permissionType: AclPermissionTypes.ALLOW,
  }));

async function kafkaSetup(): Promise<void> {
  const kafka = createKafka({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'compose-init',
    logger,
    sasl: { mechanism: 'scram-sha-512', username: 'admin', password: fromFile('KAFKA_ADMIN_PASSWORD') },
  });
  await ensureTopics(kafka, new TopicNames(''), allTopics(), {
    replicationFactor: Number(process.env['KAFKA_REPLICATION_FACTOR'] ?? 1),
    minInsyncReplicas: Number(process.env['KAFKA_MIN_INSYNC_REPLICAS'] ?? 1),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: kafkaAcls().flatMap(aclEntries) });
  } finally {
    await admin.disconnect();
  }
  logger.info({ topics: allTopics().length, acls: kafkaAcls().length }, 'topics and ACLs in place');
}

const [command, arg] = process.argv.slice(2);
const run: Record<string, () => Promise<void> | void> = {
  secrets: () => secrets(arg ?? env('SECRETS_DIR')),
  'mongo-users': mongoUsers,
  'kafka-setup': kafkaSetup,
  // the README's ACL table, printed from the same rows the broker is given
  'acl-table': () => void process.stdout.write(`${aclTable()}\n`),
};
const step = command ? run[command] : undefined;
if (!step) {
  process.stderr.write('usage: compose-init secrets <dir> | mongo-users | kafka-setup | acl-table\n');
  process.exit(2);
}
Promise.resolve(step()).catch((err: unknown) => {
  logger.error({ err }, `${command} failed`);
  process.exit(1);
});
