import { errorResponseSchema } from '@tradepilot/service-kit';
import express, { type Express } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ProcedureCatalog } from './procedure-catalog';

type Operation = Record<string, unknown>;

/**
 * One OpenAPI 3.1 document for the whole public REST API: the documents the services generate
 * from their own procedures (trpc-to-openapi), merged, with the gateway's public address.
 * Services that did not answer are named in `x-unavailable-services`.
 */
export async function publicOpenApiDocument(
  catalog: ProcedureCatalog,
  info: { serverUrl: string; version: string },
): Promise<Record<string, unknown>> {
  const paths: Record<string, Record<string, Operation>> = {};
  const schemas: Record<string, unknown> = {};
  const unavailable: string[] = [];
  const undocumented: unknown[] = [];
  for (const entry of await catalog.services()) {
    if (!entry.available) unavailable.push(entry.service);
    const document = entry.description?.openapi as
      | {
          paths?: Record<string, Record<string, Operation>>;
          components?: { schemas?: Record<string, unknown> };
        }
      | undefined;
    if (!document) continue;
    for (const [path, operations] of Object.entries(document.paths ?? {})) {
      paths[path] = { ...paths[path] };
      for (const [method, operation] of Object.entries(operations)) {
        (paths[path] as Record<string, Operation>)[method] = {
          ...operation,
          'x-tradepilot-service': entry.service,
        };
      }
    }
    Object.assign(schemas, document.components?.schemas ?? {});
    const skipped =
      (document as { 'x-undocumented-procedures'?: unknown[] })['x-undocumented-procedures'] ?? [];
    undocumented.push(...skipped.map((u) => ({ service: entry.service, ...(u as object) })));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tradepilot API',
      version: info.version,
      description:
        '服务贸易创新发展试点平台的公开接口 / The public API of the pilot program platform. ' +
        'Sign in (auth/devLogin locally, or your OpenID Connect provider) and send the access token as a bearer token. ' +
        'Every error carries a stable appCode and messages in zh-CN and en; every response names its trace in x-trace-id.',
    },
    servers: [{ url: `${info.serverUrl}/api` }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...schemas, ErrorResponse: errorResponseSchema },
    },
    ...(unavailable.length > 0 ? { 'x-unavailable-services': unavailable } : {}),
    ...(undocumented.length > 0 ? { 'x-undocumented-procedures': undocumented } : {}),
  };
}

const docsPage = `<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8">
    <title>Tradepilot API</title>
    <link rel="stylesheet" type="text/css" href="/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/reference.js" charset="UTF-8"></script>
  </body>
</html>
`;

const docsScript = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
};
`;

/**
 * /openapi.json and the interactive reference at /docs (Swagger UI, served from this process:
 * no CDN, so it works offline and under our content security policy).
 */
export function mountOpenApi(app: Express, document: () => Promise<Record<string, unknown>>): void {
  // the package's folder, found without evaluating its entry point (which loads the whole UI
  // bundle: a third of a second of CPU at every start)
  const assets = dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));
  app.get('/openapi.json', async (_req, res) => void res.json(await document()));
  // Swagger UI sets inline styles on its elements; scripts stay same-origin only
  const docsPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
  app.use('/docs', (_req, res, next) => {
    res.setHeader('content-security-policy', docsPolicy);
    next();
  });
  app.get('/docs', (_req, res) => void res.type('html').send(docsPage));
  app.get('/docs/reference.js', (_req, res) => void res.type('application/javascript').send(docsScript));
  app.use('/docs/assets', express.static(assets, { index: false, fallthrough: false }));
}
