import { attachmentModels, serviceAttachments, type AttachmentAccess } from '@tradepilot/attachments';
import { baseConfigSchema, defineService, internalAuthConfigSchema } from '@tradepilot/service-kit';
import { tenantScope } from '@tradepilot/tenancy';
import { z } from 'zod';
import { LibraryIndex } from './library-index';
import { LibraryReader } from './library-reads';
import { adoptionModel, adoptionProjectionModel } from './adoption-model';
import { adoptionProjectionHandler } from './adoption-projection';
import { appliedEventModel } from './applied-event-model';
import { batchModel, batchNumberModel } from './batch-model';
import {
  libraryAdditionModel,
  libraryPracticeModel,
  libraryStateModel,
  publicationLockModel,
} from './library-model';
import { practiceAuditModel } from './practice-audit-model';
import { practiceModel } from './practice-model';
import { practiceOutcomeHandler } from './practice-outcome';
import { practicePublishedHandler } from './practice-publication';
import { PracticeRepository } from './practice-repository';
import { practicesRouter } from './practices-router';
import { recommendedPracticeModel } from './recommended-practice-model';

export const practicesConfigSchema = baseConfigSchema.extend(internalAuthConfigSchema.shape).extend({
  /** how often each instance checks the library version to refresh its search index */
  LIBRARY_POLL_MS: z.coerce.number().int().min(50).max(2000).default(500),
  /** how often each instance reads the whole library again and rebuilds its index (a repair) */
  LIBRARY_REBUILD_MS: z.coerce.number().int().min(10_000).default(600_000),
  /** a practice adopted in at least this many provinces is replicated nationwide */
  REPLICATED_NATIONWIDE_PROVINCES: z.coerce.number().int().min(1).max(34).default(3),
});

/**
 * Who reads a practice's files: its province (a pilot-area officer only those of practices they
 * see), and the ministry, as for every attachment.
 */
const practiceAttachmentAccess = (practices: PracticeRepository): AttachmentAccess => ({
  uploadScope: (principal) =>
    principal.tenant && principal.roles.some((r) => r === 'pilot-area-officer' || r === 'province-officer')
      ? tenantScope(principal.tenant)
      : undefined,
  async mayRead(principal, attachment) {
    if (principal.roles.every((r) => r === 'operator')) return false;
    const practice =
      attachment.owner && attachment.tenant !== 'national'
        ? await practices.get(tenantScope(attachment.tenant), attachment.owner.id)
        : null;
    // a published practice's files are for every signed-in user, like the practice
    if (practice?.status === 'published') return true;
    if (principal.tenant === null) return principal.roles.includes('ministry-officer');
    if (principal.tenant !== attachment.tenant) return false;
    if (!attachment.owner) return attachment.uploadedBy === principal.userId;
    if (!practice) return false;
    if (principal.roles.includes('province-officer')) return true;
    const own = principal.organisationId;
    return practice.pilotAreaId === own || practice.coAuthors.some((c) => c.pilotAreaId === own);
  },
});

/** The practices service: exemplary practices, the recommended pool, batches and the library. */
export const practicesService = defineService({
  name: 'practices',
  configSchema: practicesConfigSchema,
  models: [
    practiceModel,
    practiceAuditModel,
    appliedEventModel,
    recommendedPracticeModel,
    batchModel,
    batchNumberModel,
    libraryPracticeModel,
    libraryStateModel,
    libraryAdditionModel,
    publicationLockModel,
    adoptionModel,
    adoptionProjectionModel,
    ...attachmentModels,
  ],
  setup: (deps) => {
    const practices = new PracticeRepository(deps.databases);
    const library = new LibraryReader(deps);
    const index = new LibraryIndex(deps, library, {
      pollMs: deps.config.LIBRARY_POLL_MS,
      rebuildMs: deps.config.LIBRARY_REBUILD_MS,
    });
    const attachments = serviceAttachments({
      databases: deps.databases,
      logger: deps.logger,
      access: practiceAttachmentAccess(practices),
      now: deps.now,
    });
    return {
      router: practicesRouter(
        { deps, practices, attachments: attachments.store },
        library,
        index,
        deps.config.REPLICATED_NATIONWIDE_PROVINCES,
      ),
      tasks: [index],
      handlers: [
        practiceOutcomeHandler(deps, practices),
        practicePublishedHandler(deps, practices),
        adoptionProjectionHandler(deps, practices),
      ],
      internalRoutes: [attachments.route],
    };
  },
});
