import { randomBytes } from 'node:crypto';

/**
 * A short id unique to this test file's run, for database, topic and consumer-group names, so
 * test files never share state and the suite can run twice in a row.
 */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${uniqueSuffix()}`;
}
