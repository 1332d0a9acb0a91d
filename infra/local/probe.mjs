// Readiness probe for the local servers: asks each one a real question over its own protocol.
// Usage: node probe.mjs kafka|ferretdb|jaeger   (exit 0 = ready)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = process.env;
const timeoutMs = 3000;

const probes = {
  async kafka() {
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({
      clientId: 'tradepilot-probe',
      brokers: [`${env.KAFKA_HOST ?? '127.0.0.1'}:${env.KAFKA_PORT ?? 9092}`],
      ...(env.KAFKA_SASL_USERNAME
        ? {
            sasl: {
              mechanism: 'scram-sha-512',
              username: env.KAFKA_SASL_USERNAME,
              password: env.KAFKA_SASL_PASSWORD ?? '',
            },
          }
        : {}),
      connectionTimeout: timeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      if (!cluster.controller && cluster.controller !== 0) throw new Error('no active controller yet');
      return `kafka: ${cluster.brokers.length} broker(s), controller ${cluster.controller}`;
    } finally {
      await admin.disconnect();
    }
  },
  async ferretdb() {
    const { MongoClient } = require('mongodb');
    const url = `mongodb://${env.FERRETDB_HOST ?? '127.0.0.1'}:${env.FERRETDB_PORT ?? 27017}/`;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, directConnection: true });
    try {
      await client.connect();
      const info = await client.db('admin').command({ buildInfo: 1 });
      return `ferretdb: ${info.ferretdbVersion ?? info.version}`;
    } finally {
      await client.close();
    }
  },
  async jaeger() {
    const url = `http://${env.JAEGER_HOST ?? '127.0.0.1'}:${env.JAEGER_QUERY_PORT ?? 16686}/api/services`;
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    await res.json();
    // the OTLP receiver must also be listening; an empty export is a valid request
    const otlp = `http://${env.JAEGER_HOST ?? '127.0.0.1'}:${env.JAEGER_OTLP_HTTP_PORT ?? 4318}/v1/traces`;
    const ingest = await fetch(otlp, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceSpans":[]}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!ingest.ok) throw new Error(`${otlp} answered ${ingest.status}`);
    return 'jaeger: query API and OTLP receiver answering';
  },
};

const name = process.argv[2];
if (!probes[name]) {
  console.error(`usage: node probe.mjs ${Object.keys(probes).join('|')}`);
  process.exit(2);
}
try {
  console.log(await probes[name]());
} catch (err) {
  console.error(`${name}: not ready: ${err.message}`);
  process.exit(1);
}
