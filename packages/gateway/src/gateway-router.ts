import { AppError, procedure, publicProcedure, router } from '@tradepilot/service-kit';
import { nationalScope, type TenantDatabases } from '@tradepilot/tenancy';
import { z } from 'zod';
import type { DevIdentityProvider } from './dev-identity-provider';
import { verifyPassword } from './password-hashing';
import { userModel } from './user-model';

const invalidLogin = () =>
  new AppError('UNAUTHORIZED', 'INVALID_CREDENTIALS', {
    'zh-CN': '用户名或密码不正确',
    en: 'The user name or password is not correct',
  });

/** The gateway's own procedures: signing in with the built-in identity provider, and who am I. */
export function gatewayRouter(deps: {
  databases: TenantDatabases;
  identity: DevIdentityProvider | undefined;
}) {
  return router({
    auth: router({
      devLogin: publicProcedure
        .input(z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }))
        .mutation(async ({ input }) => {
          if (!deps.identity) {
            throw new AppError('NOT_FOUND', 'DEV_LOGIN_DISABLED', {
              'zh-CN': '本环境未启用内置登录',
              en: 'The built-in login is not enabled here',
            });
          }
          const users = await deps.databases.model(nationalScope, userModel);
          const user = await users.findById(input.username).lean();
          if (!user || user.disabled || !(await verifyPassword(input.password, user.passwordHash)))
            throw invalidLogin();
          const { token, expiresAt } = await deps.identity.issueAccessToken(user);
          return {
            accessToken: token,
            expiresAt,
            user: {
              id: user._id,
              displayName: user.displayName,
              tenant: user.tenant,
              roles: user.roles,
              organisationId: user.organisationId,
            },
          };
        }),
      me: procedure.input(z.strictObject({}).default({})).query(({ ctx }) => ({
        ...ctx.principal,
        actingRole: ctx.actingRole,
      })),
    }),
  });
}

export type GatewayRouter = ReturnType<typeof gatewayRouter>;
