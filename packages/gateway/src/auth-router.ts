import { AppError, procedure, publicProcedure, router } from '@tradepilot/service-kit';
import { nationalScope, type TenantDatabases } from '@tradepilot/tenancy';
import { z } from 'zod';
import type { DevIdentityProvider } from './dev-identity-provider';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hashing';
import type { RefreshTokens } from './refresh-tokens';
import { userModel, type UserDocument } from './user-model';

const invalidLogin = () =>
  new AppError('UNAUTHORIZED', 'INVALID_CREDENTIALS', {
    'zh-CN': '用户名或密码不正确',
    en: 'The user name or password is not correct',
  });

const loginDisabled = () =>
  new AppError('NOT_FOUND', 'DEV_LOGIN_DISABLED', {
    'zh-CN': '本环境未启用内置登录',
    en: 'The built-in login is not enabled here',
  });

const refreshRejected = (reason: string) =>
  new AppError(
    'UNAUTHORIZED',
    'REFRESH_TOKEN_REJECTED',
    {
      'zh-CN': '刷新凭证无效、已过期或已注销，请重新登录',
      en: 'The refresh token is invalid, expired or revoked; sign in again',
    },
    { reason },
  );

const refreshToken = z
  .string()
  .min(32)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/);

export interface AuthDeps {
  databases: TenantDatabases;
  identity: DevIdentityProvider | undefined;
  refreshTokens: RefreshTokens;
  throttle: LoginThrottle;
  passwords: PasswordHasher;
}

const userView = (user: UserDocument) => ({
  id: user._id,
  displayName: user.displayName,
  tenant: user.tenant,
  roles: user.roles,
  organisationId: user.organisationId,
});

/** Signing in with the built-in identity provider, refreshing, signing out, and who am I. */
export function authRouter(deps: AuthDeps) {
  const users = () => deps.databases.model(nationalScope, userModel);

  return router({
    devLogin: publicProcedure
      .input(z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }))
      .mutation(async ({ input, ctx }) => {
        if (!deps.identity) throw loginDisabled();
        const address = ctx.clientAddress ?? 'unknown';
        // the attempt counts from here on, whatever the check below says and however many run at once
        const reservation = await deps.throttle.reserve(input.username, address);
        const model = await users();
        const user = await model.findById(input.username).lean<UserDocument>();
        if (!user) {
          await deps.passwords.verifyNobody(input.password);
          throw invalidLogin();
        }
        const check = await deps.passwords.verify(input.password, user.passwordHash);
        if (!check.ok || user.disabled) throw invalidLogin();
        await deps.throttle.succeeded(reservation);
        if (check.needsUpgrade)
          await model.updateOne(
            { _id: user._id, passwordHash: user.passwordHash },
            { $set: { passwordHash: await deps.passwords.hash(input.password) } },
          );
        const access = await deps.identity.issueAccessToken(user);
        const refresh = await deps.refreshTokens.issue(user._id);
        return {
          accessToken: access.token,
          expiresAt: access.expiresAt,
          refreshToken: refresh.token,
          refreshExpiresAt: refresh.expiresAt.toISOString(),
          user: userView(user),
        };
      }),
    refresh: publicProcedure.input(z.strictObject({ refreshToken })).mutation(async ({ input }) => {
      if (!deps.identity) throw loginDisabled();
      const rotated = await deps.refreshTokens.rotate(input.refreshToken);
      if (!rotated.ok) throw refreshRejected(rotated.reason);
      const user = await (await users()).findById(rotated.userId).lean<UserDocument>();
      if (!user || user.disabled) {
        await deps.refreshTokens.revokeUser(rotated.userId, 'user disabled');
        throw refreshRejected('user disabled');
      }
      const access = await deps.identity.issueAccessToken(user);
      return {
        accessToken: access.token,
        expiresAt: access.expiresAt,
        refreshToken: rotated.token,
        refreshExpiresAt: rotated.expiresAt.toISOString(),
      };
    }),
    logout: publicProcedure
      .input(z.strictObject({ refreshToken }))
      .mutation(async ({ input }) => ({ revoked: await deps.refreshTokens.revoke(input.refreshToken) })),
    me: procedure.input(z.strictObject({}).default({})).query(({ ctx }) => ({
      ...ctx.principal,
      actingRole: ctx.actingRole,
    })),
  });
}
