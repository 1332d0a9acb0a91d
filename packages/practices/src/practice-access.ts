import { requireProvince, type AuthorizedContext } from '@tradepilot/service-kit';
import type { TenantScope } from '@tradepilot/tenancy';
import { practiceErrors } from './practice-errors';
import type { PracticeDocument } from './practice-model';
import type { PracticeRepository } from './practice-repository';

/**
 * Whether the caller sees a practice of their province: a province officer sees all of them, a
 * pilot-area officer those of their area and those that name their area as co-author.
 */
export function maySee(ctx: AuthorizedContext, practice: PracticeDocument): boolean {
  if (ctx.actingRole !== 'pilot-area-officer') return true;
  const own = ctx.principal.organisationId;
  return practice.pilotAreaId === own || practice.coAuthors.some((c) => c.pilotAreaId === own);
}

/** A practice of the caller's province that the caller may see; anything else is NOT_FOUND. */
export async function practiceForCaller(
  practices: PracticeRepository,
  ctx: AuthorizedContext,
  practiceId: string,
): Promise<{ scope: TenantScope; practice: PracticeDocument }> {
  const scope = requireProvince(ctx);
  const practice = await practices.get(scope, practiceId);
  if (!practice || !maySee(ctx, practice)) throw practiceErrors.notFound();
  return { scope, practice };
}

/** Only the submitting area edits and submits its practice. */
export function assertOwnArea(ctx: AuthorizedContext, practice: PracticeDocument): void {
  if (ctx.principal.organisationId !== practice.pilotAreaId)
    throw practiceErrors.notOwnArea(practice.pilotAreaId);
}
