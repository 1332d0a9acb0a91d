import { internalTokenHeader, type InternalTokenSigner, type Principal } from '@tradepilot/auth';
import type { OwningService } from '@tradepilot/contracts';

export type RemoteService = Exclude<OwningService, 'gateway'>;

/** The gateway itself, when it asks a service about itself (descriptions), not for a user. */
export const gatewaySystemPrincipal: Principal = {
  userId: 'system:gateway',
  tenant: null,
  roles: ['operator'],
  organisationId: null,
};

export interface ServiceResponse {
  status: number;
  body: unknown;
}

/** Calls a service on the internal network with an internal token minted for it and the caller. */
export class ServiceClient {
  constructor(
    readonly urls: Partial<Record<RemoteService, string>>,
    private readonly signer: InternalTokenSigner,
    private readonly timeoutMs: number,
  ) {}

  configured(): RemoteService[] {
    return (Object.keys(this.urls) as RemoteService[]).filter((s) => this.urls[s]);
  }

  /** null when the service is not deployed here */
  async request(
    service: RemoteService,
    principal: Principal,
    request: { method: string; path: string; body?: string; timeoutMs?: number },
  ): Promise<ServiceResponse | null> {
    const base = this.urls[service];
    if (!base) return null;
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: {
        'content-type': 'application/json',
        [internalTokenHeader]: await this.signer.sign(principal, service),
      },
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body };
  }

  /**
   * Passes a request body through as a stream (file uploads) and hands back the raw response, so
   * neither side is held in the gateway's memory. null when the service is not deployed here.
   */
  async stream(
    service: RemoteService,
    principal: Principal,
    request: {
      method: 'GET' | 'POST';
      path: string;
      headers?: Record<string, string>;
      body?: ReadableStream<Uint8Array>;
      timeoutMs: number;
    },
  ): Promise<Response | null> {
    const base = this.urls[service];
    if (!base) return null;
    return fetch(`${base}${request.path}`, {
      method: request.method,
      headers: { ...request.headers, [internalTokenHeader]: await this.signer.sign(principal, service) },
      ...(request.body ? { body: request.body, duplex: 'half' as const } : {}),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  }
}
