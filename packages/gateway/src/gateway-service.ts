import { createInternalTokenSigner } from '@tradepilot/auth';
import { bodyErrors, defineService } from '@tradepilot/service-kit';
import { nationalScope } from '@tradepilot/tenancy';
import express, { type Express, type RequestHandler } from 'express';
import { createLocalJWKSet } from 'jose';
import { trpcForwarding } from './call-forwarding';
import { seedDemoUsers } from './demo-users';
import { DevIdentityProvider, devIssuer, tokenAudience } from './dev-identity-provider';
import { gatewayConfigSchema } from './gateway-config';
import { gatewayRouter } from './gateway-router';
import { userModel } from './user-model';
import { bearerToken, createUserTokenVerifier, UserTokenError } from './user-token-verifier';

const rejected = {
  error: {
    code: 'UNAUTHORIZED',
    appCode: 'INVALID_TOKEN',
    messages: {
      'zh-CN': '登录凭证无效或已过期，请重新登录',
      en: 'The access token is invalid or expired; sign in again',
    },
  },
};

/** The one public entry: verifies users, authorises each call and forwards it to its service. */
export const gatewayService = defineService({
  name: 'gateway',
  defaultPort: 3000,
  configSchema: gatewayConfigSchema,
  models: [userModel],
  topics: [],
  async setup(deps) {
    const { config } = deps;
    const identity = config.DEV_LOGIN_ENABLED
      ? DevIdentityProvider.create({
          privateKeyPem: config.DEV_IDP_PRIVATE_KEY,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_S,
        })
      : undefined;
    if (identity && config.DEV_USERS_PASSWORD) {
      const created = await seedDemoUsers(
        await deps.databases.model(nationalScope, userModel),
        deps.registry,
        config.DEV_USERS_PASSWORD,
      );
      if (created > 0) deps.logger.info({ created }, 'demo users created');
    }
    const ownRouter = gatewayRouter({ databases: deps.databases, identity });
    const verify = identity
      ? createUserTokenVerifier({
          keys: createLocalJWKSet(identity.jwks()),
          issuer: devIssuer,
          audience: tokenAudience,
          algorithms: ['RS256'],
          clockToleranceSeconds: config.TOKEN_CLOCK_SKEW_S,
        })
      : undefined;

    const resolvePrincipal: RequestHandler = async (req, res, next) => {
      const header = req.header('authorization');
      if (!header) return next();
      const token = bearerToken(header);
      try {
        if (!token || !verify)
          throw new UserTokenError(token ? 'no identity provider configured' : 'not a bearer token');
        res.locals['principal'] = await verify(token);
        next();
      } catch (err) {
        deps.logger.info({ reason: (err as UserTokenError).reason }, 'access token rejected');
        res.status(401).json(rejected);
      }
    };

    const http = (app: Express) => {
      if (identity) app.get('/.well-known/jwks.json', (_req, res) => void res.json(identity.jwks()));
      app.use(
        '/trpc',
        resolvePrincipal,
        express.json({ limit: config.BODY_LIMIT }),
        bodyErrors,
        trpcForwarding({
          services: {
            plans: config.PLANS_URL,
            approvals: config.APPROVALS_URL,
            supervision: config.SUPERVISION_URL,
            practices: config.PRACTICES_URL,
          },
          signer: createInternalTokenSigner(config.INTERNAL_TOKEN_PRIVATE_KEY),
          ownRouter,
          logger: deps.logger,
          timeoutMs: config.FORWARD_TIMEOUT_MS,
        }),
      );
    };
    return { router: ownRouter, http };
  },
});
