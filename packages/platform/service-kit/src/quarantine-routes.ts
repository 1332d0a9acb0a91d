import type { Principal } from '@tradepilot/auth';
import { listQuarantine, requestQuarantineReplay } from '@tradepilot/messaging';
import type { Logger } from '@tradepilot/telemetry';
import { nationalScope, tenantScope, type TenantDatabases } from '@tradepilot/tenancy';
import express, { type Express, type RequestHandler, type Response } from 'express';
import { z } from 'zod';

/** Where the gateway's operator procedures reach a service's outbox quarantine (internal network). */
export const quarantinePath = '/internal/quarantine';

const replayInput = z.strictObject({
  tenant: z.string().min(1).max(64),
  eventId: z.string().min(1).max(100),
});

const refuse = (res: Response, status: number, appCode: string, zh: string, en: string) =>
  void res.status(status).json({ error: { appCode, message: en, messages: { 'zh-CN': zh, en } } });

/**
 * Every service's quarantined outbox entries, for operators only (the gateway's
 * `operator.quarantine.*`): the list, and a replay request the relay carries out.
 */
export function mountQuarantineRoutes(
  app: Express,
  options: {
    databases: TenantDatabases;
    tokenRequired: RequestHandler;
    now: () => Date;
    logger: Logger;
    /** the relay looks at the tenant now rather than at its next (possibly idle) poll */
    replayRequested?: (tenant: string) => void;
  },
): void {
  const operatorsOnly: RequestHandler = (_req, res, next) => {
    const principal = res.locals['principal'] as Principal | undefined;
    if (principal?.roles.includes('operator')) return next();
    refuse(res, 403, 'OPERATORS_ONLY', '仅运维人员可查看隔离的事件', 'Only operators see quarantined events');
  };
  app.get(quarantinePath, options.tokenRequired, operatorsOnly, async (_req, res, next) => {
    try {
      res.json({ entries: await listQuarantine(options.databases) });
    } catch (err) {
      next(err);
    }
  });
  app.post(
    `${quarantinePath}/replay`,
    options.tokenRequired,
    operatorsOnly,
    express.json({ limit: '4kb' }),
    async (req, res, next) => {
      const input = replayInput.safeParse(req.body);
      if (!input.success)
        return refuse(
          res,
          400,
          'BAD_INPUT',
          '须提供租户 tenant 与事件编号 eventId',
          'tenant and eventId are required',
        );
      const { tenant, eventId } = input.data;
      const isNational = tenant === nationalScope.tenant;
      if (!isNational && !options.databases.registry.isTenant(tenant))
        return refuse(res, 400, 'UNKNOWN_TENANT', `没有租户 ${tenant}`, `There is no tenant ${tenant}`);
      try {
        const principal = res.locals['principal'] as Principal;
        const scope = isNational ? nationalScope : tenantScope(tenant);
        const found = await requestQuarantineReplay(
          options.databases,
          scope,
          eventId,
          principal.userId,
          options.now(),
        );
        if (!found)
          return refuse(
            res,
            404,
            'QUARANTINED_EVENT_NOT_FOUND',
            `租户 ${tenant} 没有被隔离的事件 ${eventId}`,
            `Tenant ${tenant} has no quarantined event ${eventId}`,
          );
        options.logger.info({ tenant, eventId, by: principal.userId }, 'quarantined event replay requested');
        options.replayRequested?.(tenant);
        res.json({ requested: true });
      } catch (err) {
        next(err);
      }
    },
  );
}
