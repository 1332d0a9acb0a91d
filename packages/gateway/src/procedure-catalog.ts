import {
  internalDescriptionPath,
  type ProcedureDescription,
  type ServiceDescription,
} from '@tradepilot/service-kit';
import type { Logger } from '@tradepilot/telemetry';
import { gatewaySystemPrincipal, type RemoteService, type ServiceClient } from './service-client';

export type CatalogService = 'gateway' | RemoteService;

export interface CatalogEntry {
  service: CatalogService;
  /** the last description the service gave; absent if it never answered */
  description: ServiceDescription | undefined;
  available: boolean;
}

export interface CatalogProcedure extends ProcedureDescription {
  service: CatalogService;
}

/**
 * What the deployed services offer, from their own descriptions (GET /internal/description):
 * the gateway routes REST calls and writes its OpenAPI document from this, so a procedure a
 * service adds appears here without the gateway changing. Descriptions are reused for a while;
 * a service that does not answer keeps its last known description but is marked unavailable.
 */
export class ProcedureCatalog {
  private entries = new Map<RemoteService, CatalogEntry>();
  private fetchedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly own: () => ServiceDescription,
    private readonly client: ServiceClient,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  async services(): Promise<CatalogEntry[]> {
    const age = Date.now() - this.fetchedAt;
    if (age > this.ttlMs || (this.missing() && age > 1000)) await this.refresh();
    return [
      { service: 'gateway', description: this.own(), available: true },
      ...this.client
        .configured()
        .map((s) => this.entries.get(s) ?? { service: s, description: undefined, available: false }),
    ];
  }

  async procedures(): Promise<CatalogProcedure[]> {
    return (await this.services()).flatMap((entry) =>
      (entry.description?.procedures ?? []).map((p) => ({ ...p, service: entry.service })),
    );
  }

  /** The procedure answering `method path` over REST, and whether the path exists at all. */
  async route(method: string, path: string): Promise<{ procedure?: CatalogProcedure; methods: string[] }> {
    const find = async () => (await this.procedures()).filter((p) => p.rest.path === path);
    let candidates = await find();
    if (candidates.length === 0 && Date.now() - this.fetchedAt > 1000) {
      // a service may have just gained the route (deployed since): look once more
      await this.refresh();
      candidates = await find();
    }
    const procedure = candidates.find((p) => p.rest.method === method);
    return { ...(procedure ? { procedure } : {}), methods: candidates.map((p) => p.rest.method) };
  }

  private missing(): boolean {
    return this.client.configured().some((s) => !this.entries.get(s)?.available);
  }

  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      await Promise.all(
        this.client.configured().map(async (service) => {
          const previous = this.entries.get(service);
          try {
            const answer = await this.client.request(service, gatewaySystemPrincipal, {
              method: 'GET',
              path: internalDescriptionPath,
              timeoutMs: 3000,
            });
            if (answer?.status !== 200) throw new Error(`status ${answer?.status}`);
            this.entries.set(service, {
              service,
              description: answer.body as ServiceDescription,
              available: true,
            });
          } catch (err) {
            this.logger.warn({ err, service }, 'service description unavailable');
            this.entries.set(service, { service, description: previous?.description, available: false });
          }
        }),
      );
      this.fetchedAt = Date.now();
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }
}
