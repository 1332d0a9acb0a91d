import { AppError, procedure, publicProcedure, router } from '@tradepilot/service-kit';
import { nationalScope, type TenantDatabases } from '@tradepilot/tenancy';
import { z } from 'zod';
import type { GatewayProcedureContext } from './console-session';
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

const noConsoleSession = () =>
  new AppError('UNAUTHORIZED', 'NO_CONSOLE_SESSION', {
    'zh-CN': '没有控制台会话，请登录',
    en: 'There is no console session; sign in',
  });

/**
 * `token`: the refresh token is in the answer (API clients keep it). `cookie`: the console's
 * browser session; the gateway keeps the refresh token in an httpOnly, SameSite=Strict cookie
 * and the answer carries none, so no script on the page can read it.
 */
const sessionKind = z.enum(['token', 'cookie']).default('token');

/** The refresh token of a call: the one given, or the console session's cookie. */
function refreshTokenOf(input: { refreshToken?: string | undefined }, ctx: GatewayProcedureContext): string {
  const token = input.refreshToken ?? ctx.consoleSession?.refreshToken;
  if (!token) throw noConsoleSession();
  const parsed = refreshToken.safeParse(token);
  if (!parsed.success) throw refreshRejected('malformed');
  return parsed.data;
}

/** The console's sign-in with an external OpenID Connect provider (code + PKCE in the browser). */
export interface ConsoleOidc {
  issuer: string;
  clientId: string;
  displayName: string;
  scope: string;
}

export interface AuthDeps {
  databases: TenantDatabases;
  /** set when the gateway trusts an external provider and the console has a client there */
  oidc?: ConsoleOidc | undefined;
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
    /** what the sign-in page offers: the built-in provider, an external one, or both */
    signInOptions: publicProcedure.input(z.strictObject({}).default({})).query(() => ({
      builtIn: deps.identity !== undefined,
      oidc: deps.oidc ?? null,
    })),
    devLogin: publicProcedure
      .input(
        z.strictObject({
          username: z.string().min(1).max(64),
          password: z.string().min(1).max(256),
          session: sessionKind,
        }),
      )
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
        const inCookie = input.session === 'cookie' && (ctx as GatewayProcedureContext).consoleSession;
        if (inCookie) inCookie.keep(refresh.token, refresh.expiresAt);
        return {
          accessToken: access.token,
          expiresAt: access.expiresAt,
          refreshToken: inCookie ? null : refresh.token,
          refreshExpiresAt: refresh.expiresAt.toISOString(),
          user: userView(user),
        };
      }),
    /** without a refresh token in the input: the console session's cookie */
    refresh: publicProcedure
      .input(z.strictObject({ refreshToken: refreshToken.optional() }))
      .mutation(async ({ input, ctx }) => {
        if (!deps.identity) throw loginDisabled();
        const session = input.refreshToken ? undefined : (ctx as GatewayProcedureContext).consoleSession;
        const rotated = await deps.refreshTokens.rotate(refreshTokenOf(input, ctx));
        if (!rotated.ok) {
          session?.end();
          throw refreshRejected(rotated.reason);
        }
        const user = await (await users()).findById(rotated.userId).lean<UserDocument>();
        if (!user || user.disabled) {
          await deps.refreshTokens.revokeUser(rotated.userId, 'user disabled');
          session?.end();
          throw refreshRejected('user disabled');
        }
        const access = await deps.identity.issueAccessToken(user);
        session?.keep(rotated.token, rotated.expiresAt);
        return {
          accessToken: access.token,
          expiresAt: access.expiresAt,
          refreshToken: session ? null : rotated.token,
          refreshExpiresAt: rotated.expiresAt.toISOString(),
          user: userView(user),
        };
      }),
    logout: publicProcedure
      .input(z.strictObject({ refreshToken: refreshToken.optional() }))
      .mutation(async ({ input, ctx }) => {
        const session = input.refreshToken ? undefined : (ctx as GatewayProcedureContext).consoleSession;
        session?.end();
        if (!input.refreshToken && !session?.refreshToken) return { revoked: false };
        return { revoked: await deps.refreshTokens.revoke(refreshTokenOf(input, ctx)) };
      }),
    me: procedure.input(z.strictObject({}).default({})).query(({ ctx }) => ({
      ...ctx.principal,
      actingRole: ctx.actingRole,
    })),
  });
}
