import type { Logger } from '@tradepilot/telemetry';
import type { RequestHandler } from 'express';
import { headerTenantConflict } from './tenant-guard';
import { bearerToken, UserTokenError, type UserTokenVerifier } from './user-token-verifier';

/** The one answer to any bad token: no hint of what was wrong, nothing about any tenant. */
export const tokenRejectedBody = {
  error: {
    code: 'UNAUTHORIZED',
    appCode: 'INVALID_TOKEN',
    message: 'The access token is invalid or expired; sign in again',
    messages: {
      'zh-CN': '登录凭证无效或已过期，请重新登录',
      en: 'The access token is invalid or expired; sign in again',
    },
  },
};

/**
 * Who is calling: no Authorization header means anonymous (public procedures only); a header
 * with anything but a valid token is 401. Then a tenant named in a header must be the token's.
 */
export function principalResolution(verify: UserTokenVerifier, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization');
    if (header !== undefined) {
      const token = bearerToken(header);
      try {
        if (!token) throw new UserTokenError('not a bearer token');
        res.locals['principal'] = await verify(token);
      } catch (err) {
        logger.info({ reason: (err as UserTokenError).reason ?? 'invalid' }, 'access token rejected');
        res.status(401).setHeader('www-authenticate', 'Bearer error="invalid_token"').json(tokenRejectedBody);
        return;
      }
    }
    const conflict = headerTenantConflict(req.headers, res.locals['principal'] ?? null);
    if (conflict) {
      res.status(403).json({
        error: {
          code: conflict.code,
          appCode: conflict.appCode,
          message: conflict.messages.en,
          messages: conflict.messages,
        },
      });
      return;
    }
    next();
  };
}
