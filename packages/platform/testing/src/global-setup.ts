import { ensureInfra } from './local-infra';
import { testBrokerJvmFlags } from './test-broker-flags';

/** Jest globalSetup: the suite starts the real Kafka, FerretDB and Jaeger itself when they are down. */
export default async function globalSetup(): Promise<void> {
  await ensureInfra({ ...process.env, KAFKA_JVM_FLAGS: process.env['KAFKA_JVM_FLAGS'] ?? testBrokerJvmFlags });
}
