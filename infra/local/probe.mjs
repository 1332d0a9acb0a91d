// Readiness probe for the local servers: asks each one a real question over its own protocol.
// Usage: node probe.mjs kafka|ferretdb|jaeger [more servers]   (exit 0 = every one named is ready;
//        one process for several: each node started costs a fifth of a CPU-second)
//        node probe.mjs <server> --wait <seconds> --pid <pid>: asks every 250 ms until the server
//        answers (exit 0), its process <pid> is gone (exit 3) or the time is up (exit 1). One process
//        for a whole start: a node started per attempt cost more CPU than the start itself on a
//        busy machine, where a broker takes tens of seconds to answer.
import { readFileSync } from 'node:fs';
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

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const names = firstFlag < 0 ? args : args.slice(0, firstFlag);
const options = firstFlag < 0 ? [] : args.slice(firstFlag);
const option = (flag) => {
  const at = options.indexOf(flag);
  return at >= 0 ? Number(options[at + 1]) : undefined;
};
const waitSeconds = option('--wait');
const pid = option('--pid');
if (
  names.length === 0 ||
  !names.every((n) => probes[n]) ||
  (waitSeconds !== undefined && !(waitSeconds > 0))
) {
  console.error(
    `usage: node probe.mjs ${Object.keys(probes).join('|')} [more servers] [--wait <seconds> [--pid <pid>]]`,
  );
  process.exit(2);
}

// a server that died lingers as a zombie until the starting shell reaps it: that is not alive
const alive = (p) => {
  try {
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    try {
      // no /proc (macOS): a signal 0 says whether it exists
      process.kill(p, 0);
      return true;
    } catch (err) {
      return err.code === 'EPERM';
    }
  }
};

const deadline = Date.now() + (waitSeconds ?? 0) * 1000;
let waiting = names;
for (;;) {
  const answers = await Promise.allSettled(waiting.map((n) => probes[n]()));
  for (const a of answers) if (a.status === 'fulfilled') console.log(a.value);
  const failed = waiting.flatMap((n, i) =>
    answers[i].status === 'rejected' ? [[n, answers[i].reason]] : [],
  );
  if (failed.length === 0) process.exit(0);
  waiting = failed.map(([n]) => n);
  if (pid !== undefined && !alive(pid)) {
    console.error(`${waiting.join(', ')}: the process ${pid} exited`);
    process.exit(3);
  }
  if (Date.now() >= deadline) {
    for (const [n, err] of failed) console.error(`${n}: not ready: ${err.message}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
