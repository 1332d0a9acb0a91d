import type { Principal } from '@tradepilot/auth';
import { nationalScope, tenantScope, type TenantScope } from '@tradepilot/tenancy';
import type { AttachmentInfo } from './attachment-store';

/** Who may put files into a service and read them back; each service can narrow or widen it. */
export interface AttachmentAccess {
  /** the database the caller's upload goes to, or undefined when the caller may not upload */
  uploadScope(principal: Principal): TenantScope | undefined;
  /** whether the caller may read this file; a refusal answers NOT_FOUND, like a missing file */
  mayRead(principal: Principal, attachment: AttachmentInfo): boolean | Promise<boolean>;
}

const nationalReaders = ['ministry-officer'];

/**
 * The default: provincial users upload into and read from their own province's database; the
 * ministry uploads into the national one and reads every province's (the gateway records those
 * reads); operators never touch domain files.
 */
export const ownTenantAccess: AttachmentAccess = {
  uploadScope(principal) {
    if (principal.roles.every((r) => r === 'operator')) return undefined;
    if (principal.tenant) return tenantScope(principal.tenant);
    return principal.roles.some((r) => nationalReaders.includes(r)) ? nationalScope : undefined;
  },
  mayRead(principal, attachment) {
    if (principal.tenant) return principal.tenant === attachment.tenant;
    return principal.roles.some((r) => nationalReaders.includes(r));
  },
};
