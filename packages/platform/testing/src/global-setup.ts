import { ensureInfra } from './local-infra';

/** Jest globalSetup: the suite starts the real Kafka, FerretDB and Jaeger itself when they are down. */
export default async function globalSetup(): Promise<void> {
  await ensureInfra();
}
