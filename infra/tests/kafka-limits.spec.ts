import { defaultMaxMessageBytes } from '@tradepilot/messaging';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (path: string) => readFileSync(join(__dirname, '..', path), 'utf8');
const property = (text: string, name: string) =>
  text.match(new RegExp(`^${name.replace(/\./g, '\\.')}=(\\d+)$`, 'm'))?.[1];
const variable = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`^\\s+${name}: "(\\d+)"$`, 'gm'))].map((m) => m[1]);

describe('Kafka limits and durability settings agree between brokers and producers', () => {
  const local = read('local/kafka/kafka.sh');
  const composeBroker = read('compose/kafka/start.sh');
  const compose = read('compose/docker-compose.yml');

  it('the brokers take exactly the largest record the producers send', () => {
    expect(property(local, 'message.max.bytes')).toBe(String(defaultMaxMessageBytes));
    expect(property(composeBroker, 'message.max.bytes')).toBe(String(defaultMaxMessageBytes));
    expect(variable(compose, 'KAFKA_MAX_MESSAGE_BYTES')).toEqual([String(defaultMaxMessageBytes)]);
  });

  it('a single broker runs replication factor 1 and min.insync.replicas 1, locally and in compose', () => {
    for (const broker of [local, composeBroker]) {
      expect(property(broker, 'default.replication.factor')).toBe('1');
      expect(property(broker, 'min.insync.replicas')).toBe('1');
    }
    // the apps and the init step that creates the topics
    expect(variable(compose, 'KAFKA_REPLICATION_FACTOR')).toEqual(['1', '1']);
    expect(variable(compose, 'KAFKA_MIN_INSYNC_REPLICAS')).toEqual(['1', '1']);
  });
});
