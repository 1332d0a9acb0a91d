import express, { type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tradepilot/telemetry';

/** Paths the API owns: the console's fallback never answers them with its page. */
export const apiPathPrefixes = ['/trpc', '/api', '/health', '/openapi.json', '/docs', '/.well-known', '/internal'];

const ownedByApi = (path: string) =>
  apiPathPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Serves the built console (Vite's `dist`) at `/`: hashed assets are immutable for a year,
 * `index.html` is revalidated on every load (a deploy is picked up at once), and any other
 * page path a person can type answers with `index.html` (the console routes in the browser).
 */
export function mountConsole(app: Express, directory: string | undefined, logger: Logger): void {
  if (!directory) return;
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn({ directory }, 'CONSOLE_DIR has no index.html (build the console): the console is not served');
    return;
  }
  const noCache = (res: express.Response) => res.setHeader('cache-control', 'no-cache');
  app.use(
    '/assets',
    express.static(join(directory, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
    }),
  );
  app.use(
    express.static(directory, {
      index: false,
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) noCache(res);
        else res.setHeader('cache-control', 'public, max-age=3600');
      },
    }),
  );
  const page: RequestHandler = (req, res, next) => {
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !ownedByApi(req.path) &&
      !req.path.startsWith('/assets/') &&
      (req.headers.accept ?? '').includes('text/html');
    if (!isPage) {
      next();
      return;
    }
    noCache(res);
    res.sendFile(indexFile);
  };
  app.use(page);
}
