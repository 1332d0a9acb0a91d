import type { AppErrorData } from '@tradepilot/contracts';
import { AppError, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import type { ApprovalsRepository } from './approvals-repository';
import type { CalendarSource } from './calendar-source';
import { capacitiesOf } from './case-access';
import { decideCase } from './case-decision';

export interface BulkItemResult {
  caseId: string;
  ok: boolean;
  status: string | null;
  version: number | null;
  error: Pick<AppErrorData, 'appCode' | 'messages'> | null;
}

/**
 * Approves or returns each selected case on its own, exactly as `case.decide` would (each is its
 * own conditional write with its own events, so each is audited): one failing item stops nothing.
 */
export async function bulkDecide(
  deps: ServiceDeps,
  repository: ApprovalsRepository,
  calendars: CalendarSource,
  ctx: AuthorizedContext,
  input: {
    decision: 'approve' | 'return';
    reason?: string | undefined;
    items: { caseId: string; version: number }[];
  },
): Promise<{ succeeded: number; failed: number; items: BulkItemResult[] }> {
  const capacities = await capacitiesOf(repository, ctx, deps.now());
  const items: BulkItemResult[] = [];
  for (const item of input.items) {
    try {
      const view = await decideCase(
        deps,
        repository,
        calendars,
        ctx,
        { ...item, decision: input.decision, reason: input.reason },
        { capacities },
      );
      items.push({ caseId: item.caseId, ok: true, status: view.status, version: view.version, error: null });
    } catch (err) {
      if (!(err instanceof AppError)) {
        deps.logger.error({ err, caseId: item.caseId }, 'bulk decision item failed unexpectedly');
      }
      const error =
        err instanceof AppError
          ? { appCode: err.appCode, messages: err.messages }
          : { appCode: 'INTERNAL_SERVER_ERROR', messages: { 'zh-CN': '服务内部错误', en: 'Internal error' } };
      items.push({ caseId: item.caseId, ok: false, status: null, version: null, error });
    }
  }
  const succeeded = items.filter((i) => i.ok).length;
  return { succeeded, failed: items.length - succeeded, items };
}
