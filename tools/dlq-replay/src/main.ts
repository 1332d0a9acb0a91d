#!/usr/bin/env node
/**
 * Re-publishes the dead letters of a topic to the topic they came from.
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 node tools/dlq-replay/dist/main.js --topic plans.plan [--event-id <id>] [--dry-run] [--group <id>]
 *
 * Each dead letter is replayed once per replay group (the default group remembers what it
 * replayed); `--event-id` replays one letter; `--group` with a new name replays all again.
 * Replaying is safe: consumers apply an event once however often it arrives.
 */
import { createKafka, kafkaSaslFromEnv, replayDeadLetters, TopicNames } from '@tradepilot/messaging';
import { readFileSync } from 'node:fs';
import { createLogger } from '@tradepilot/telemetry';
import { parseArgs } from 'node:util';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      topic: { type: 'string' },
      'event-id': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      group: { type: 'string' },
      'timeout-ms': { type: 'string', default: '30000' },
    },
  });
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
  const problems = [
    ...(values.topic ? [] : ['--topic <logical topic, e.g. plans.plan> is required']),
    ...(brokers.length > 0 ? [] : ['KAFKA_BROKERS is required (e.g. 127.0.0.1:9092)']),
  ];
  if (problems.length > 0) {
    process.stderr.write(`dlq-replay: ${problems.join('; ')}\n`);
    return 2;
  }
  const logger = createLogger('dlq-replay', { level: process.env['LOG_LEVEL'] ?? 'warn' });
  const letters = await replayDeadLetters({
    kafka: createKafka({
      brokers,
      clientId: 'dlq-replay',
      logger,
      // the replay tool signs in as its own principal (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE)
      sasl: kafkaSaslFromEnv(process.env, (path) => readFileSync(path, 'utf8')),
    }),
    topics: new TopicNames(process.env['KAFKA_TOPIC_PREFIX'] ?? ''),
    topic: values.topic as string,
    logger,
    dryRun: values['dry-run'],
    timeoutMs: Number(values['timeout-ms']),
    ...(values['event-id'] ? { eventId: values['event-id'] } : {}),
    ...(values.group ? { groupId: values.group } : {}),
  });
  for (const letter of letters) process.stdout.write(`${JSON.stringify(letter)}\n`);
  const replayed = letters.filter((l) => l.replayed).length;
  process.stderr.write(`dlq-replay: ${replayed} replayed, ${letters.length - replayed} listed only\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`dlq-replay: ${err.message}\n`);
    process.exit(1);
  },
);
