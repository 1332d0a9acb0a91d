import { gatewaySystemPrincipal, type RemoteService, type ServiceClient } from './service-client';

export interface ServiceHealth {
  service: RemoteService | 'gateway';
  url: string | null;
  state: 'ready' | 'not-ready' | 'unreachable';
  latencyMs: number | null;
  /** what the service's readiness answer said (database, Kafka, consumers) */
  detail: unknown;
}

/** Asks every deployed service whether it is ready (its `/health/ready`), all at once, each bounded in time. */
export async function serviceHealth(client: ServiceClient, timeoutMs: number): Promise<ServiceHealth[]> {
  const services = await Promise.all(
    client.configured().map(async (service): Promise<ServiceHealth> => {
      const started = Date.now();
      const url = client.urls[service] ?? null;
      try {
        const answer = await client.request(service, gatewaySystemPrincipal, {
          method: 'GET',
          path: '/health/ready',
          timeoutMs,
        });
        return {
          service,
          url,
          state: answer?.status === 200 ? 'ready' : 'not-ready',
          latencyMs: Date.now() - started,
          detail: answer?.body ?? null,
        };
      } catch (err) {
        return { service, url, state: 'unreachable', latencyMs: null, detail: String(err) };
      }
    }),
  );
  return [{ service: 'gateway', url: null, state: 'ready', latencyMs: 0, detail: null }, ...services];
}
