import { createInternalTokenSigner } from '@tradepilot/auth';
import {
  bodyErrors,
  ConfigError,
  defineService,
  describeService,
  requireInternalToken,
  type ServiceDescription,
} from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import express, { type Express } from 'express';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { attachmentForwarding } from './attachment-forwarding';
import { AuditLog } from './audit-log';
import { consoleOidc, mountConsole } from './console-assets';
import { JaegerTraces } from './jaeger-traces';
import { serviceHealth } from './service-health';
import { OutboxQuarantineAccess } from './outbox-quarantine-access';
import { auditEntryModel } from './audit-entry-model';
import { trpcForwarding } from './call-forwarding';
import { CallRateLimits } from './call-rate-limits';
import { seedDemoUsers } from './demo-users';
import { DevIdentityProvider } from './dev-identity-provider';
import { gatewayConfigSchema, serviceUrls, type GatewayConfig } from './gateway-config';
import { gatewayRouter } from './gateway-router';
import { httpHardening, notFoundFallback } from './http-hardening';
import { loginAttemptModel } from './login-attempt-model';
import { LoginThrottle } from './login-throttle';
import { mountOpenApi, publicOpenApiDocument } from './openapi-publication';
import { PasswordHasher } from './password-hashing';
import { principalResolution } from './principal-resolution';
import { ProcedureCatalog } from './procedure-catalog';
import { quotaGate } from './quota-gate';
import { refreshTokenModel } from './refresh-token-model';
import { refreshTokenUseModel } from './refresh-token-use-model';
import { RefreshTokens } from './refresh-tokens';
import { restForwarding } from './rest-forwarding';
import { ServiceClient } from './service-client';
import { trustedIssuers } from './trusted-issuers';
import { userModel } from './user-model';
import { UserRevocation } from './user-revocation';
import { createUserTokenVerifier } from './user-token-verifier';

const publicKeyOf = (privateKeyPem: string) =>
  createPublicKey(createPrivateKey(privateKeyPem.replace(/\\n/g, '\n')))
    .export({ type: 'spki', format: 'pem' })
    .toString();

function checkIdentityConfig(config: GatewayConfig): void {
  const oidc = [config.OIDC_JWKS_URL, config.OIDC_ISSUER, config.OIDC_AUDIENCE];
  const problems: string[] = [];
  if (oidc.some(Boolean) && !oidc.every(Boolean))
    problems.push('OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE are set together or not at all');
  if (!oidc.some(Boolean) && !config.DEV_LOGIN_ENABLED)
    problems.push(
      'no identity provider: set OIDC_JWKS_URL/OIDC_ISSUER/OIDC_AUDIENCE, or DEV_LOGIN_ENABLED=true (local only)',
    );
  // a service still working after the gateway gave up would commit behind an "unavailable"
  if (config.FORWARD_TIMEOUT_MS <= config.REQUEST_DEADLINE_MS)
    problems.push(
      `FORWARD_TIMEOUT_MS (${config.FORWARD_TIMEOUT_MS}) must be longer than the services' REQUEST_DEADLINE_MS (${config.REQUEST_DEADLINE_MS})`,
    );
  if (problems.length > 0) throw new ConfigError('gateway', problems);
}

/** The one public entry: verifies users, authorises each call and forwards it to its service. */
export const gatewayService = defineService({
  name: 'gateway',
  configSchema: gatewayConfigSchema,
  models: [userModel, refreshTokenModel, refreshTokenUseModel, auditEntryModel, loginAttemptModel],
  async setup(deps) {
    const { config } = deps;
    checkIdentityConfig(config);
    const passwords = new PasswordHasher(config.PASSWORD_HASH_COST);
    if (config.DEV_LOGIN_ENABLED)
      deps.logger.warn(
        { demoUsers: Boolean(config.DEV_USERS_PASSWORD) },
        'DEV_LOGIN_ENABLED: the built-in identity provider signs users in; for local trials only, never in production',
      );
    const identity = config.DEV_LOGIN_ENABLED
      ? await DevIdentityProvider.create({
          privateKeyPem: config.DEV_IDP_PRIVATE_KEY,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_S,
        })
      : undefined;
    if (identity && config.DEV_USERS_PASSWORD) {
      const created = await seedDemoUsers(
        await deps.databases.model(nationalScope, userModel),
        deps.registry,
        config.DEV_USERS_PASSWORD,
        passwords,
      );
      if (created > 0) deps.logger.info({ created }, 'demo users created');
    }

    const client = new ServiceClient(
      serviceUrls(config),
      createInternalTokenSigner(config.INTERNAL_TOKEN_PRIVATE_KEY),
      config.FORWARD_TIMEOUT_MS,
    );
    const audit = new AuditLog(deps.databases, deps.registry, deps.now);
    const refreshTokens = new RefreshTokens(deps.databases, config.REFRESH_TOKEN_TTL_S, deps.now);
    // the gateway's own description is made from its router on first use
    let ownDescription: ServiceDescription | undefined;
    const catalog = new ProcedureCatalog(
      () => (ownDescription ??= describeService(ownRouter, 'gateway', config.SERVICE_VERSION)),
      client,
      config.CATALOG_TTL_MS,
      deps.logger,
    );
    const ownRouter = gatewayRouter({
      auth: {
        databases: deps.databases,
        identity,
        oidc: consoleOidc(config),
        refreshTokens,
        throttle: new LoginThrottle(
          deps.databases,
          {
            attemptsPerAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
            attemptsPerAddress: config.LOGIN_FAILURES_PER_ADDRESS,
            windowSeconds: config.LOGIN_FAILURE_WINDOW_S,
          },
          deps.now,
          deps.logger,
        ),
        passwords,
      },
      audit,
      national: {
        catalog: catalog,
        client,
        logger: deps.logger,
        timeoutMs: config.NATIONAL_OVERVIEW_TIMEOUT_MS,
        now: deps.now,
      },
      operator: {
        databases: deps.databases,
        registry: deps.registry,
        refreshTokens,
        kafka: deps.kafka,
        topics: deps.topics,
        logger: deps.logger,
        now: deps.now,
        passwords,
        traces: new JaegerTraces(config.JAEGER_QUERY_URL),
        jaegerUiUrl: config.JAEGER_UI_URL,
        health: () => serviceHealth(client, 2000),
        quarantine: new OutboxQuarantineAccess(client, 5000),
      },
    });

    const revocation = new UserRevocation(deps.databases, config.USER_RECHECK_MS);
    const verify = createUserTokenVerifier({
      issuers: trustedIssuers(config, identity),
      clockToleranceSeconds: config.TOKEN_CLOCK_SKEW_S,
      isTenant: (id) => deps.registry.isTenant(id),
      organisationFits: (tenant, org) => org === tenant || deps.registry.pilotArea(org)?.province === tenant,
      stillValid: (principal, userVersion) => revocation.stillValid(principal, userVersion),
    });
    const rateLimits = new CallRateLimits({
      userCalls: config.RATE_LIMIT_USER_CALLS,
      tenantCalls: config.RATE_LIMIT_TENANT_CALLS,
      anonymousCalls: config.RATE_LIMIT_ANONYMOUS_CALLS,
      windowSeconds: config.RATE_LIMIT_WINDOW_S,
    });
    const resolvePrincipal = principalResolution(verify, deps.logger);
    const json = [express.json({ limit: config.BODY_LIMIT }), bodyErrors];

    const http = (app: Express) => {
      if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
      httpHardening(app, config.CORS_ORIGINS);
      if (identity) app.get('/.well-known/jwks.json', (_req, res) => void res.json(identity.jwks()));
      mountOpenApi(app, () =>
        publicOpenApiDocument(catalog, {
          serverUrl: config.PUBLIC_URL ?? '',
          version: config.SERVICE_VERSION,
        }),
      );
      app.use(
        '/trpc',
        resolvePrincipal,
        quotaGate(rateLimits, 'trpc'),
        ...json,
        trpcForwarding({ client, ownRouter, audit, logger: deps.logger }),
      );
      // files stream past the JSON body limit straight to the owning service
      app.use(
        '/attachments',
        resolvePrincipal,
        quotaGate(rateLimits, 'rest'),
        attachmentForwarding({
          client,
          audit,
          logger: deps.logger,
          maxBytes: config.ATTACHMENT_MAX_BYTES,
          timeoutMs: config.ATTACHMENT_FORWARD_TIMEOUT_MS,
        }),
      );
      app.use(
        '/api',
        resolvePrincipal,
        quotaGate(rateLimits, 'rest'),
        ...json,
        restForwarding({ catalog, client, ownRouter, audit, logger: deps.logger }),
      );
      // every procedure of every deployed service, for tools and the generated test suites
      app.get(
        '/internal/catalog',
        requireInternalToken({
          service: 'gateway',
          publicKeyPem: publicKeyOf(config.INTERNAL_TOKEN_PRIVATE_KEY),
          logger: deps.logger,
        }),
        async (_req, res) => {
          const services = await catalog.services();
          res.json({
            services: services.map((s) => ({ service: s.service, available: s.available })),
            procedures: await catalog.procedures(),
          });
        },
      );
      mountConsole(app, config.CONSOLE_DIR, deps.logger, consoleOidc(config));
      app.use(notFoundFallback);
    };
    return { router: ownRouter, http };
  },
});
