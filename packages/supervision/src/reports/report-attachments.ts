import type { AttachmentAccess } from '@tradepilot/attachments';
import type { ServiceDeps } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import { rectifications } from '../inspections/inspection-context';
import { reportById } from './report-context';

/**
 * Who reads a report's (or a rectification's) evidence: its province's officers, the pilot area that reported it, and the
 * ministry (the gateway records that cross-province read); an upload not yet linked, only its
 * uploader. Operators never read domain files.
 */
export const reportAttachmentAccess = (deps: ServiceDeps): AttachmentAccess => ({
  uploadScope: (principal) =>
    principal.tenant && principal.roles.some((r) => r === 'pilot-area-officer' || r === 'province-officer')
      ? tenantScope(principal.tenant)
      : undefined,
  async mayRead(principal, attachment) {
    if (principal.roles.every((r) => r === 'operator')) return false;
    if (principal.tenant === null) return principal.roles.includes('ministry-officer');
    if (principal.tenant !== attachment.tenant) return false;
    if (!attachment.owner) return attachment.uploadedBy === principal.userId;
    if (principal.roles.includes('province-officer')) return true;
    if (attachment.owner.kind === 'rectification') {
      const rectification = await (await rectifications(deps, tenantScope(attachment.tenant)))
        .findById(attachment.owner.id)
        .select({ pilotAreaId: 1 })
        .lean<{ pilotAreaId: string }>();
      return rectification?.pilotAreaId === principal.organisationId;
    }
    const { report } = await reportById(deps, tenantScope(attachment.tenant), attachment.owner.id);
    return report?.pilotAreaId === principal.organisationId;
  },
});
