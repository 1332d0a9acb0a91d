import type { AttachmentStore } from '@tradepilot/attachments';
import { procedure, router, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { carryOutInspection, recordFinding, scheduleInspection } from './inspection-commands';
import { findInspection, findRectification, type Reach } from './inspection-context';
import {
  findingRecordInput,
  inspectionCarryOutInput,
  inspectionKeyInput,
  inspectionListInput,
  inspectionScheduleInput,
  nationalInspectionListInput,
  nationalRectificationListInput,
  rectificationCloseInput,
  rectificationKeyInput,
  rectificationListInput,
  rectificationProgressInput,
  rectificationSendBackInput,
  rectificationSubmitInput,
} from './inspection-inputs';
import {
  inspectionDetail,
  listInspections,
  listRectifications,
  nationalCounts,
  nationalInspections,
  nationalRectifications,
  provinceCounts,
  rectificationDetail,
} from './inspection-reads';
import { actOnRectification, type RectificationInput } from './rectification-commands';

/**
 * Inspections (督查) and rectification (整改): the ministry or a province schedules an inspection
 * of a pilot area and records its findings; the area reports on each rectification and submits
 * it; the inspecting organisation closes it or sends it back. The ministry reaches across
 * provinces through separately named procedures (audited by the gateway as cross-province calls).
 */
export function inspectionRouter(deps: ServiceDeps, attachments: AttachmentStore) {
  const carryOut =
    (reach: Reach) =>
    async ({ ctx, input }: { ctx: AuthorizedContext; input: typeof inspectionCarryOutInput._output }) => {
      const { scope, inspection } = await findInspection(deps, ctx, reach, input.inspectionId);
      return carryOutInspection(deps, ctx, reach, scope, inspection, input);
    };
  const finding =
    (reach: Reach) =>
    async ({ ctx, input }: { ctx: AuthorizedContext; input: typeof findingRecordInput._output }) => {
      const { scope, inspection } = await findInspection(deps, ctx, reach, input.inspectionId);
      return recordFinding(deps, ctx, reach, scope, inspection, input);
    };
  const getInspection =
    (reach: Reach) =>
    async ({ ctx, input }: { ctx: AuthorizedContext; input: { inspectionId: string } }) => {
      const { scope, inspection } = await findInspection(deps, ctx, reach, input.inspectionId);
      return inspectionDetail(deps, ctx, reach, scope, inspection);
    };
  const getRectification =
    (reach: Reach) =>
    async ({ ctx, input }: { ctx: AuthorizedContext; input: { rectificationId: string } }) => {
      const { scope, rectification } = await findRectification(deps, ctx, reach, input.rectificationId);
      return rectificationDetail(deps, ctx, reach, scope, rectification);
    };
  const act =
    (reach: Reach) => async (ctx: AuthorizedContext, rectificationId: string, input: RectificationInput) => {
      const { scope, rectification } = await findRectification(deps, ctx, reach, rectificationId);
      return actOnRectification(deps, attachments, ctx, reach, scope, rectification, input);
    };
  const close =
    (reach: Reach) =>
    ({ ctx, input }: { ctx: AuthorizedContext; input: typeof rectificationCloseInput._output }) =>
      act(reach)(ctx, input.rectificationId, {
        action: 'close',
        version: input.version,
        comment: input.comment,
      });
  const sendBack =
    (reach: Reach) =>
    ({ ctx, input }: { ctx: AuthorizedContext; input: typeof rectificationSendBackInput._output }) =>
      act(reach)(ctx, input.rectificationId, {
        action: 'sendBack',
        version: input.version,
        reason: input.reason,
        dueDate: input.dueDate,
      });

  return router({
    // the province (its own areas) and the pilot area (its own)
    schedule: procedure
      .input(inspectionScheduleInput)
      .mutation(({ ctx, input }) => scheduleInspection(deps, ctx, 'province', input)),
    carryOut: procedure.input(inspectionCarryOutInput).mutation(carryOut('province')),
    recordFinding: procedure.input(findingRecordInput).mutation(finding('province')),
    get: procedure.input(inspectionKeyInput).query(getInspection('province')),
    list: procedure.input(inspectionListInput).query(({ ctx, input }) => listInspections(deps, ctx, input)),
    rectificationGet: procedure.input(rectificationKeyInput).query(getRectification('province')),
    rectificationList: procedure
      .input(rectificationListInput)
      .query(({ ctx, input }) => listRectifications(deps, ctx, input)),
    reportProgress: procedure.input(rectificationProgressInput).mutation(({ ctx, input }) =>
      act('province')(ctx, input.rectificationId, {
        action: 'reportProgress',
        version: input.version,
        status: input.status,
        narrative: input.narrative,
        attachmentIds: input.attachmentIds,
      }),
    ),
    submitRectification: procedure.input(rectificationSubmitInput).mutation(({ ctx, input }) =>
      act('province')(ctx, input.rectificationId, {
        action: 'submit',
        version: input.version,
        narrative: input.narrative,
        attachmentIds: input.attachmentIds,
      }),
    ),
    closeRectification: procedure.input(rectificationCloseInput).mutation(close('province')),
    sendBackRectification: procedure.input(rectificationSendBackInput).mutation(sendBack('province')),
    counts: procedure.query(({ ctx }) => provinceCounts(deps, ctx)),

    // the ministry, across provinces
    ministrySchedule: procedure
      .input(inspectionScheduleInput)
      .mutation(({ ctx, input }) => scheduleInspection(deps, ctx, 'ministry', input)),
    ministryCarryOut: procedure.input(inspectionCarryOutInput).mutation(carryOut('ministry')),
    ministryRecordFinding: procedure.input(findingRecordInput).mutation(finding('ministry')),
    ministryGet: procedure.input(inspectionKeyInput).query(getInspection('ministry')),
    ministryList: procedure
      .input(nationalInspectionListInput)
      .query(({ input }) => nationalInspections(deps, input)),
    ministryRectificationGet: procedure.input(rectificationKeyInput).query(getRectification('ministry')),
    ministryRectificationList: procedure
      .input(nationalRectificationListInput)
      .query(({ input }) => nationalRectifications(deps, input)),
    ministryCloseRectification: procedure.input(rectificationCloseInput).mutation(close('ministry')),
    ministrySendBackRectification: procedure.input(rectificationSendBackInput).mutation(sendBack('ministry')),
    nationalCounts: procedure.query(() => nationalCounts(deps)),
  });
}
