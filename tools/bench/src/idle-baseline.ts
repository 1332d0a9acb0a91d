/**
 * The floor an idle service is measured against: a process that loads express, mongoose and
 * kafkajs and connects as a service does (an HTTP listener, a database connection, a producer
 * and a consumer in its group), with nothing else: no OpenTelemetry, no tRPC, no service code.
 * It prints `ready` once connected and stays idle until SIGTERM.
 * (`idle-baseline-corrected.ts` is the same with the platform's correction of kafkajs' timer loop.)
 *
 *   MONGODB_URL=… KAFKA_BROKERS=… BASELINE_PREFIX=… node tools/bench/dist/idle-baseline.js
 */
import express from 'express';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import type { AddressInfo } from 'node:net';

async function main() {
  const prefix = process.env['BASELINE_PREFIX'] ?? `baseline${process.pid}`;
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const mongoUrl = process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017';

  const connection = await mongoose.createConnection(mongoUrl, { dbName: `${prefix}_baseline` }).asPromise();
  const probes = connection.model('Probe', new mongoose.Schema({ _id: String, at: Date }));
  await probes.findById('none').lean();

  const kafka = new Kafka({ clientId: 'idle-baseline', brokers, logLevel: logLevel.NOTHING });
  const topic = `${prefix}.baseline`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `${prefix}.baseline` });
  await consumer.connect();
  await consumer.subscribe({ topic });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({ eachMessage: async () => undefined });
  await joined;

  const app = express();
  app.get('/health/ready', async (_req, res) => {
    await probes.findById('none').lean();
    res.json({ status: 'ready' });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
  });

  process.once('SIGTERM', () => {
    server.close();
    void Promise.allSettled([consumer.disconnect(), producer.disconnect(), connection.close()]).then(() =>
      process.exit(0),
    );
  });
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
