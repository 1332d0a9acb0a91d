import { setTimeout as delay } from 'node:timers/promises';

/**
 * Spaces commands evenly at a fixed rate across every client (an open-loop cap: a slow answer
 * does not slow the others down, and a burst after an outage stays at the rate).
 */
export class CommandPace {
  private next = performance.now();

  constructor(private readonly perSecond: number) {}

  async permit(): Promise<void> {
    const interval = 1000 / this.perSecond;
    const now = performance.now();
    const slot = Math.max(this.next, now);
    this.next = slot + interval;
    if (slot > now) await delay(slot - now);
  }
}
