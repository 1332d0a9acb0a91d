import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { currentContext } from '@tradepilot/context';

export const tenantAttribute = 'tradepilot.tenant';
export const actorRoleAttribute = 'tradepilot.actor.role';

/** Stamps every span started inside a request or event context with its tenant and acting role. */
export class TenantSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    const context = currentContext();
    if (!context) return;
    span.setAttribute(tenantAttribute, context.tenant);
    if (context.actor) span.setAttribute(actorRoleAttribute, context.actor.actingRole);
  }

  onEnd(_span: ReadableSpan): void {
    // nothing to do when a span ends
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
