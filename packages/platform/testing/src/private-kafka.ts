import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { infraScript, isAnswering } from './local-infra';
import { freePort, killServer } from './server-process';
import { testBrokerJvmFlags } from './test-broker-flags';

/**
 * A broker of this test file's own (own ports, own data dir), for tests that stop and restart
 * Kafka: the shared broker keeps serving every other test file meanwhile.
 */
export class PrivateKafka {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly dataDir: string,
    readonly brokers: string[],
  ) {}

  /**
   * `scramUsers` (name → password, the first is the super user): the broker's client listener
   * speaks SASL_PLAINTEXT with SCRAM-SHA-512 for exactly these users, and enforces ACLs.
   */
  static async start(options: { scramUsers?: Record<string, string> } = {}): Promise<PrivateKafka> {
    const [port, controllerPort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(join(tmpdir(), 'tradepilot-kafka-'));
    const scram = Object.entries(options.scramUsers ?? {});
    const env = {
      ...process.env,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_DATA_DIR: dataDir,
      // a broker that fault tests kill and restart: C1 with the serial collector starts about a
      // third sooner on two cores
      KAFKA_JVM_FLAGS: process.env['PRIVATE_KAFKA_JVM_FLAGS'] ?? testBrokerJvmFlags,
      KAFKA_SCRAM_USERS: scram.map(([name, password]) => `${name}:${password}`).join(','),
      // the readiness probe signs in as the super user
      ...(scram[0] ? { KAFKA_SASL_USERNAME: scram[0][0], KAFKA_SASL_PASSWORD: scram[0][1] } : {}),
    };
    const kafka = new PrivateKafka(env, dataDir, [`127.0.0.1:${port}`]);
    try {
      kafka.start();
    } catch (err) {
      // a broker that missed its start deadline may still come up later: it must not outlive the test
      kafka.remove();
      throw err;
    }
    return kafka;
  }

  /** starts (or restarts) the broker and waits until it answers */
  start(): void {
    infraScript(['kafka', 'start'], this.env);
  }

  /** stops the real broker process (SIGTERM, then SIGKILL after the script's grace period) */
  stop(): void {
    infraScript(['kafka', 'stop'], this.env);
  }

  /** SIGKILL, no shutdown of any kind */
  async kill9(): Promise<void> {
    await killServer(this.dataDir);
  }

  answering(): Promise<boolean> {
    return isAnswering('kafka', this.env);
  }

  remove(): void {
    this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
