import { bilingual } from '@tradepilot/contracts';
import { z } from 'zod';

/** Where a page of the plan list ended: its last plan's change time and id (the list's order). */
export interface PlanListPosition {
  updatedAt: Date;
  id: string;
}

const position = z.tuple([z.int().min(0).max(8_640_000_000_000_000), z.uuid()]);

/** Opaque to callers: base64url of `[updatedAt in ms, plan id]`. */
export const encodePlanListCursor = (at: PlanListPosition): string =>
  Buffer.from(JSON.stringify([at.updatedAt.getTime(), at.id])).toString('base64url');

export function decodePlanListCursor(cursor: string): PlanListPosition | null {
  try {
    const parsed = position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { updatedAt: new Date(parsed.data[0]), id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** The `cursor` input: a `nextCursor` the list gave, read back into the position it names. */
export const planListCursorInput = z
  .string()
  .max(200)
  .transform((cursor, ctx) => {
    const at = decodePlanListCursor(cursor);
    if (at) return at;
    ctx.issues.push({
      code: 'custom',
      input: cursor,
      message: bilingual(
        '翻页游标无效：请使用上一页返回的 nextCursor，或不带游标从第一页开始',
        'the cursor is not valid: pass the nextCursor of the previous page, or leave it out to start from the first page',
      ),
    });
    return z.NEVER;
  });
