import express, { type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tradepilot/telemetry';

/** Paths the API owns: the console's fallback never answers them with its page. */
export const apiPathPrefixes = ['/trpc', '/api', '/health', '/openapi.json', '/docs', '/.well-known', '/internal'];

/**
 * The console's page: same-origin scripts only; Ant Design writes its styles into <style>
 * elements. No upgrade-insecure-requests (helmet's default), which breaks a console served over
 * plain http on a local address.
 */
const consolePolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

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
  const asPage = (res: express.Response) => {
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', consolePolicy);
  };
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
        if (path.endsWith('.html')) asPage(res);
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
    asPage(res);
    res.sendFile(indexFile);
  };
  app.use(page);
}
