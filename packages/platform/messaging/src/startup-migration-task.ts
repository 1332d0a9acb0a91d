import type { Logger } from 'pino';

/**
 * A data migration as a background task of a service (moving embedded arrays or history out of
 * hot collections): run at start; when the database is away it is retried every `retryMs` (the
 * service starts regardless, reading from the new place). `run` is idempotent and safe with
 * several instances at once, and returns how many documents it moved, logged with `movedWhat`.
 */
export function startupMigrationTask(
  name: string,
  run: () => Promise<number>,
  logger: Logger,
  movedWhat: string,
  retryMs = 5_000,
): { name: string; start(): Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (): Promise<void> => {
    try {
      const moved = await run();
      if (moved > 0) logger.info({ migration: name, moved }, movedWhat);
    } catch (err) {
      logger.warn({ err, migration: name }, 'start-up migration failed; retried');
      if (!stopped) timer = setTimeout(() => void attempt(), retryMs);
    }
  };
  return {
    name,
    start: attempt,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
