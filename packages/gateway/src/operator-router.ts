import {
  bilingual,
  catalogTopics,
  isProvincialRole,
  registeredServices,
  roleSchema,
  tenantIdSchema,
} from '@tradepilot/contracts';
import { replayDeadLetters, type TopicNames } from '@tradepilot/messaging';
import { AppError, badInput, notFound, procedure, router } from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { nationalScope, type TenantDatabases, type TenantRegistry } from '@tradepilot/tenancy';
import type { Principal } from '@tradepilot/auth';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import type { PasswordHasher } from './password-hashing';
import type { JaegerTraces } from './jaeger-traces';
import type { OutboxQuarantineAccess } from './outbox-quarantine-access';
import type { RemoteService } from './service-client';
import type { ServiceHealth } from './service-health';
import type { RefreshTokens } from './refresh-tokens';
import { userModel, type UserDocument } from './user-model';

export interface OperatorDeps {
  databases: TenantDatabases;
  registry: TenantRegistry;
  refreshTokens: RefreshTokens;
  kafka: Kafka;
  topics: TopicNames;
  logger: Logger;
  now: () => Date;
  passwords: PasswordHasher;
  traces: JaegerTraces;
  /** a full Jaeger UI to link traces to, when there is one */
  jaegerUiUrl: string | undefined;
  health: () => Promise<ServiceHealth[]>;
  quarantine: OutboxQuarantineAccess;
}

const username = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/);
const traceId = z
  .string()
  .regex(
    /^[0-9a-f]{16,32}$/,
    bilingual('追踪编号为 16 至 32 位小写十六进制字符', 'a trace id is 16 to 32 lowercase hex characters'),
  );
const serviceName = z.string().trim().min(1).max(100);
const topicName = z.enum(catalogTopics as [string, ...string[]]);
const remoteService = z.enum(registeredServices.map((s) => s.name) as [string, ...string[]]);

const userView = (u: UserDocument) => ({
  id: u._id,
  displayName: u.displayName,
  tenant: u.tenant,
  roles: u.roles,
  organisationId: u.organisationId,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

/**
 * What operators run: tenants (read from the registry), users of the built-in identity
 * provider, and dead letters. Nothing here reads or changes a province's domain data.
 */
export function operatorRouter(deps: OperatorDeps) {
  const users = () => deps.databases.model(nationalScope, userModel);

  /** a user's tenant, roles and organisation must describe one real place in the program */
  const checkPlacement = (input: {
    tenant: string | null;
    roles: string[];
    organisationId: string | null;
  }) => {
    const provincial = input.roles.every((r) => isProvincialRole(r as never));
    const national = input.roles.every((r) => !isProvincialRole(r as never));
    if (input.tenant) {
      if (!deps.registry.isTenant(input.tenant))
        throw badInput(
          { 'zh-CN': `没有租户 ${input.tenant}`, en: `There is no tenant ${input.tenant}` },
          'UNKNOWN_TENANT',
        );
      if (!provincial)
        throw badInput(
          {
            'zh-CN': '省级用户只能担任省级或试点地区角色',
            en: 'A provincial user holds provincial roles only',
          },
          'ROLES_DO_NOT_FIT_TENANT',
        );
      const org = input.organisationId;
      const fits = org === input.tenant || (org && deps.registry.pilotArea(org)?.province === input.tenant);
      if (!fits)
        throw badInput(
          {
            'zh-CN': '所属单位须为该省或其试点地区',
            en: 'The organisation must be the province or one of its pilot areas',
          },
          'ORGANISATION_DOES_NOT_FIT',
        );
    } else if (!national) {
      throw badInput(
        { 'zh-CN': '国家层面用户不能担任省级角色', en: 'A national user cannot hold provincial roles' },
        'ROLES_DO_NOT_FIT_TENANT',
      );
    }
  };

  return router({
    tenant: router({
      list: procedure.input(z.strictObject({}).default({})).query(async () => {
        const counts = await (
          await users()
        ).aggregate<{ _id: string | null; users: number }>([
          { $group: { _id: '$tenant', users: { $sum: 1 } } },
        ]);
        const usersOf = new Map(counts.map((c) => [c._id, c.users]));
        return deps.registry.provinces().map((p) => ({
          id: p.id,
          code: p.code,
          name: p.name,
          dualRole: deps.registry.isDualRole(p.id),
          pilotAreas: deps.registry.pilotAreasOf(p.id).map((a) => ({ id: a.id, name: a.name })),
          users: usersOf.get(p.id) ?? 0,
        }));
      }),
    }),
    user: router({
      list: procedure
        .input(
          z
            .strictObject({ tenant: tenantIdSchema.optional(), limit: z.int().min(1).max(1000).default(500) })
            .default({ limit: 500 }),
        )
        .query(async ({ input }) => {
          const filter = input.tenant ? { tenant: input.tenant } : {};
          const found = await (await users())
            .find(filter)
            .sort({ _id: 1 })
            .limit(input.limit)
            .lean<UserDocument[]>();
          return found.map(userView);
        }),
      create: procedure
        .input(
          z.strictObject({
            username,
            displayName: z.string().trim().min(1).max(200),
            tenant: tenantIdSchema.nullable(),
            roles: z.array(roleSchema).min(1).max(5),
            organisationId: z.string().min(1).max(64).nullable(),
            password: z.string().min(12).max(256),
          }),
        )
        .mutation(async ({ input }) => {
          checkPlacement(input);
          const model = await users();
          if (await model.exists({ _id: input.username }))
            throw new AppError('CONFLICT', 'USER_EXISTS', {
              'zh-CN': `用户 ${input.username} 已存在`,
              en: `User ${input.username} already exists`,
            });
          const created = await model.create({
            _id: input.username,
            displayName: input.displayName,
            passwordHash: await deps.passwords.hash(input.password),
            tenant: input.tenant,
            roles: input.roles,
            organisationId: input.organisationId,
            disabled: false,
            version: 0,
            createdAt: deps.now(),
          });
          return userView(created.toObject());
        }),
      setDisabled: procedure
        .input(z.strictObject({ username, disabled: z.boolean() }))
        .mutation(async ({ input }) => {
          const updated = await (await users())
            .findOneAndUpdate(
              { _id: input.username },
              { $set: { disabled: input.disabled }, $inc: { version: 1 } },
              { new: true },
            )
            .lean<UserDocument>();
          if (!updated)
            throw notFound(
              { 'zh-CN': `用户 ${input.username}`, en: `User ${input.username}` },
              'USER_NOT_FOUND',
            );
          // a disabled user's sessions end now, not when their refresh token would have expired
          if (input.disabled) await deps.refreshTokens.revokeUser(input.username, 'user disabled');
          return userView(updated);
        }),
    }),
    health: procedure.input(z.strictObject({}).default({})).query(() => deps.health()),
    /** Jaeger's traces for people who quote a trace id from an error (the local Jaeger has no UI) */
    trace: router({
      services: procedure.input(z.strictObject({}).default({})).query(async () => ({
        services: await deps.traces.services(),
        jaegerUiUrl: deps.jaegerUiUrl ?? null,
      })),
      search: procedure
        .input(
          z.strictObject({
            service: serviceName,
            tenant: tenantIdSchema.optional(),
            errorsOnly: z.boolean().default(false),
            lookbackMinutes: z
              .int()
              .min(1)
              .max(7 * 24 * 60)
              .default(60),
            limit: z.int().min(1).max(100).default(20),
          }),
        )
        .query(({ input }) => deps.traces.search(input)),
      get: procedure.input(z.strictObject({ traceId })).query(async ({ input }) => ({
        ...(await deps.traces.trace(input.traceId)),
        jaegerUiUrl: deps.jaegerUiUrl ? `${deps.jaegerUiUrl}/trace/${input.traceId}` : null,
      })),
    }),
    /** outbox entries a relay set aside (too large for the broker, refused again and again) */
    quarantine: router({
      list: procedure
        .input(z.strictObject({}).default({}))
        .query(({ ctx }) => deps.quarantine.list(ctx.principal as Principal)),
      replay: procedure
        .input(
          z.strictObject({
            service: remoteService,
            tenant: z.union([tenantIdSchema, z.literal('national')]),
            eventId: z.string().min(1).max(100),
          }),
        )
        .mutation(async ({ ctx, input }) => {
          await deps.quarantine.replay(
            ctx.principal as Principal,
            input.service as RemoteService,
            input.tenant,
            input.eventId,
          );
          // the relay of that service publishes it at its next sweep; it leaves the list once acknowledged
          return { requested: true };
        }),
    }),
    deadLetter: router({
      list: procedure.input(z.strictObject({}).default({})).query(async () => {
        const admin = deps.kafka.admin();
        await admin.connect();
        try {
          const existing = new Set(await admin.listTopics());
          return await Promise.all(
            catalogTopics.map(async (topic) => {
              const dlq = deps.topics.deadLetter(topic);
              if (!existing.has(dlq)) return { topic, deadLetters: 0 };
              const offsets = await admin.fetchTopicOffsets(dlq);
              const deadLetters = offsets.reduce((sum, p) => sum + (Number(p.high) - Number(p.low)), 0);
              return { topic, deadLetters };
            }),
          );
        } finally {
          await admin.disconnect();
        }
      }),
      replay: procedure
        .input(
          z.strictObject({
            topic: topicName,
            eventId: z.uuid().optional(),
            dryRun: z.boolean().default(false),
          }),
        )
        .mutation(async ({ input }) => {
          const letters = await replayDeadLetters({
            kafka: deps.kafka,
            topics: deps.topics,
            topic: input.topic,
            logger: deps.logger,
            dryRun: input.dryRun,
            ...(input.eventId ? { eventId: input.eventId } : {}),
          });
          return { replayed: letters.filter((l) => l.replayed).length, letters };
        }),
    }),
  });
}
