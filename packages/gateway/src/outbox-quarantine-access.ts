import type { Principal } from '@tradepilot/auth';
import type { QuarantineView } from '@tradepilot/messaging';
import { AppError, badInput, notFound } from '@tradepilot/service-kit';
import type { RemoteService, ServiceClient } from './service-client';

/** A service's quarantined outbox entries, or why they could not be read. */
export interface ServiceQuarantine {
  service: RemoteService;
  reachable: boolean;
  entries: QuarantineView[];
}

const path = '/internal/quarantine';

/** The gateway's view of every service's outbox quarantine, through their internal routes. */
export class OutboxQuarantineAccess {
  constructor(
    private readonly client: ServiceClient,
    private readonly timeoutMs: number,
  ) {}

  list(principal: Principal): Promise<ServiceQuarantine[]> {
    return Promise.all(
      this.client.configured().map(async (service): Promise<ServiceQuarantine> => {
        try {
          const answer = await this.client.request(service, principal, {
            method: 'GET',
            path,
            timeoutMs: this.timeoutMs,
          });
          const entries = (answer?.body as { entries?: QuarantineView[] } | null)?.entries;
          return answer?.status === 200 && entries
            ? { service, reachable: true, entries }
            : { service, reachable: false, entries: [] };
        } catch {
          return { service, reachable: false, entries: [] };
        }
      }),
    );
  }

  async replay(principal: Principal, service: RemoteService, tenant: string, eventId: string): Promise<void> {
    if (!this.client.configured().includes(service))
      throw badInput(
        { 'zh-CN': `服务 ${service} 未部署`, en: `The service ${service} is not deployed here` },
        'UNKNOWN_SERVICE',
      );
    const answer = await this.client.request(service, principal, {
      method: 'POST',
      path: `${path}/replay`,
      body: JSON.stringify({ tenant, eventId }),
      timeoutMs: this.timeoutMs,
    });
    if (answer?.status === 200) return;
    if (answer?.status === 404)
      throw notFound(
        {
          'zh-CN': `租户 ${tenant} 中被隔离的事件 ${eventId}`,
          en: `Quarantined event ${eventId} of tenant ${tenant}`,
        },
        'QUARANTINED_EVENT_NOT_FOUND',
      );
    throw new AppError('SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', {
      'zh-CN': `服务 ${service} 暂时无法处理重放请求`,
      en: `The service ${service} could not take the replay request`,
    });
  }
}
