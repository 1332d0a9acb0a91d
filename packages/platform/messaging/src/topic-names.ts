import { deadLetterTopic } from '@tradepilot/contracts';

/**
 * Logical topic names (contracts) → the names on the broker. A prefix lets several deployments or
 * test runs share one broker without seeing each other's messages.
 */
export class TopicNames {
  constructor(private readonly prefix = '') {}

  physical(logical: string): string {
    return `${this.prefix}${logical}`;
  }

  deadLetter(logical: string): string {
    return this.physical(deadLetterTopic(logical));
  }

  /** the logical name of a physical topic of this prefix */
  logical(physical: string): string {
    return physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }
}
