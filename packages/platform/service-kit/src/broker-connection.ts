import type { Logger } from '@tradepilot/telemetry';
import { setTimeout as delay } from 'node:timers/promises';

export interface BrokerConnectionOptions {
  /** topics, producer, consumers: everything of the service that needs the broker; safe to repeat */
  connect: () => Promise<void>;
  logger: Logger;
  /** how long start waits for the first attempt before serving without the broker */
  startWaitMs?: number;
  /** the longest pause between attempts */
  maxBackoffMs?: number;
}

export interface BrokerConnection {
  /** resolves when connected, or after `startWaitMs` with the attempts going on in the background */
  start(): Promise<void>;
  connected(): boolean;
  stop(): Promise<void>;
}

/**
 * A service starts whether or not the broker answers: commands land in the outboxes meanwhile,
 * and the attempts go on with capped backoff until it does.
 */
export function brokerConnection({
  connect,
  logger,
  startWaitMs = 5000,
  maxBackoffMs = 5000,
}: BrokerConnectionOptions): BrokerConnection {
  let connected = false;
  let stopped = false;
  let attempts: Promise<void> | undefined;
  const loop = async () => {
    for (let attempt = 1; !stopped; attempt += 1) {
      try {
        await connect();
        connected = true;
        if (attempt > 1) logger.info({ attempt }, 'broker reached: topics, producer and consumers up');
        return;
      } catch (err) {
        if (stopped) return;
        if (attempt === 1 || attempt % 10 === 0)
          logger.warn({ err, attempt }, 'broker unreachable: serving anyway, events wait in the outboxes');
        await delay(Math.min(maxBackoffMs, 250 * 2 ** attempt));
      }
    }
  };
  return {
    async start() {
      attempts = loop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        attempts,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, startWaitMs))),
      ]).finally(() => clearTimeout(timer));
    },
    connected: () => connected,
    async stop() {
      stopped = true;
      // an attempt under way may wait out its timeouts: shutdown does not wait for it
      if (connected) await attempts;
    },
  };
}
