import express, { type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@tradepilot/telemetry';
import type { ConsoleOidc } from './auth-router';
import type { GatewayConfig } from './gateway-config';

/** Paths the API owns: the console's fallback never answers them with its page. */
export const apiPathPrefixes = ['/trpc', '/api', '/health', '/openapi.json', '/docs', '/.well-known', '/internal'];

/**
 * The console's page: same-origin scripts only; Ant Design writes its styles into <style>
 * elements. No upgrade-insecure-requests (helmet's default), which breaks a console served over
 * plain http on a local address. With an external sign-in, the page also talks to the provider
 * (its discovery document and token endpoint).
 */
const consolePolicy = (connect: string[]) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src ${['self', ...connect].map((c) => (c === 'self' ? "'self'" : c)).join(' ')}; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'`;

/** The console's external sign-in, when the gateway trusts a provider and the console has a client there. */
export function consoleOidc(config: GatewayConfig): ConsoleOidc | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CONSOLE_CLIENT_ID || !config.OIDC_JWKS_URL) return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CONSOLE_CLIENT_ID,
    displayName: config.OIDC_DISPLAY_NAME ?? new URL(config.OIDC_ISSUER).host,
    scope: config.OIDC_SCOPE,
  };
}

const ownedByApi = (path: string) =>
  apiPathPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Serves the built console (Vite's `dist`) at `/`: hashed assets are immutable for a year,
 * `index.html` is revalidated on every load (a deploy is picked up at once), and any other
 * page path a person can type answers with `index.html` (the console routes in the browser).
 */
export function mountConsole(app: Express, directory: string | undefined, logger: Logger, oidc?: ConsoleOidc): void {
  if (!directory) return;
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn({ directory }, 'CONSOLE_DIR has no index.html (build the console): the console is not served');
    return;
  }
  const policy = consolePolicy(oidc ? [new URL(oidc.issuer).origin] : []);
  const asPage = (res: express.Response) => {
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', policy);
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
