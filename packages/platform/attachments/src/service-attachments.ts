import type { Logger } from '@tradepilot/telemetry';
import type { TenantDatabases } from '@tradepilot/tenancy';
import { ownTenantAccess, type AttachmentAccess } from './attachment-access';
import { attachmentRoutes, attachmentsPath } from './attachment-routes';
import { AttachmentStore, defaultAttachmentLimits, type AttachmentLimits } from './attachment-store';

export interface ServiceAttachmentsOptions {
  databases: TenantDatabases;
  logger: Logger;
  access?: AttachmentAccess;
  limits?: AttachmentLimits;
  now?: () => Date;
}

/**
 * A service's attachment storage and its internal route, ready for `ServiceParts.internalRoutes`
 * (the service also lists `attachmentModels` among its models).
 */
export function serviceAttachments(options: ServiceAttachmentsOptions) {
  const store = new AttachmentStore(
    options.databases,
    options.limits ?? defaultAttachmentLimits,
    options.now,
  );
  const route = {
    path: attachmentsPath,
    handler: attachmentRoutes({
      store,
      access: options.access ?? ownTenantAccess,
      registry: options.databases.registry,
      logger: options.logger,
    }),
  };
  return { store, route };
}
