import { internalTokenHeader, type InternalTokenSigner, type Principal } from '@tradepilot/auth';
import type { OwningService } from '@tradepilot/contracts';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';

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
  private readonly pool = new Agent({ keepAliveTimeout: 4_000 });

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
    const timeout = request.timeoutMs ?? this.timeoutMs;
    // a pooled keep-alive client: global fetch built a Request, Headers, a web stream and a
    // timer signal per forwarded call, which cost the gateway more than the call itself
    const response = await undiciRequest(`${base}${request.path}`, {
      dispatcher: this.pool,
      method: request.method as Dispatcher.HttpMethod,
      headers: {
        'content-type': 'application/json',
        [internalTokenHeader]: await this.signer.sign(principal, service),
      },
      ...(request.body !== undefined ? { body: request.body } : {}),
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await response.body.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.statusCode, body };
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
