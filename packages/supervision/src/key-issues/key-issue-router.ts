import { procedure, router, type AuthorizedContext, type ServiceDeps } from '@tradepilot/service-kit';
import { actOnKeyIssue, raiseKeyIssue } from './key-issue-commands';
import {
  departmentCallers,
  departmentSees,
  ministryCallers,
  nationalIssue,
  provinceCallers,
  provinceIssue,
} from './key-issue-context';
import {
  keyIssueAnswerInput,
  keyIssueCountsInput,
  keyIssueInboxInput,
  keyIssueKeyInput,
  keyIssueListInput,
  keyIssueMinistryPassUpInput,
  keyIssuePassUpInput,
  keyIssueRaiseInput,
  keyIssueReopenInput,
  keyIssueResolveInput,
} from './key-issue-inputs';
import {
  inbox,
  keyIssueAudit,
  listKeyIssues,
  nationalCounts,
  provinceCounts,
  viewFor,
} from './key-issue-reads';
import type { KeyIssueAction } from './key-issue-transitions';

type Finder = (
  deps: ServiceDeps,
  ctx: AuthorizedContext,
  keyIssueId: string,
) => ReturnType<typeof provinceIssue>;

const fromProvince: Finder = provinceIssue;
const fromMinistry: Finder = (deps, _ctx, id) => nationalIssue(deps, id, () => true);
const fromDepartment: Finder = (deps, ctx, id) =>
  nationalIssue(deps, id, departmentSees(ctx.principal.organisationId));

/** One action through one way of finding the issue, acting as the caller's identities there. */
const action =
  (deps: ServiceDeps, find: Finder, callersOf: typeof provinceCallers, act: KeyIssueAction) =>
  async ({
    ctx,
    input,
  }: {
    ctx: AuthorizedContext;
    input: { keyIssueId: string; version: number; text: string; departmentIds?: string[] | undefined };
  }) => {
    return actOnKeyIssue(
      deps,
      await find(deps, ctx, input.keyIssueId),
      callersOf(ctx),
      ctx.actor,
      act,
      input,
    );
  };

const get =
  (deps: ServiceDeps, find: Finder, callersOf: typeof provinceCallers) =>
  async ({ ctx, input }: { ctx: AuthorizedContext; input: { keyIssueId: string } }) => {
    const { scope, issue } = await find(deps, ctx, input.keyIssueId);
    return {
      ...viewFor(deps, scope, issue, callersOf(ctx)),
      history: await keyIssueAudit(deps, scope, issue),
    };
  };

/**
 * Key issues (问题清单): raised by a pilot area or its province, routed area → province → ministry
 * → the responsible central departments; the ministry and the departments reach them across
 * provinces through separately named procedures (audited by the gateway as cross-province calls).
 */
export function keyIssueRouter(deps: ServiceDeps) {
  const province = (act: KeyIssueAction) => action(deps, fromProvince, provinceCallers, act);
  const ministry = (act: KeyIssueAction) => action(deps, fromMinistry, ministryCallers, act);
  const department = (act: KeyIssueAction) => action(deps, fromDepartment, departmentCallers, act);
  return router({
    raise: procedure.input(keyIssueRaiseInput).mutation(({ ctx, input }) => raiseKeyIssue(deps, ctx, input)),
    get: procedure.input(keyIssueKeyInput).query(get(deps, fromProvince, provinceCallers)),
    list: procedure.input(keyIssueListInput).query(({ ctx, input }) => listKeyIssues(deps, ctx, input)),
    audit: procedure.input(keyIssueKeyInput).query(async ({ ctx, input }) => {
      const { scope, issue } = await provinceIssue(deps, ctx, input.keyIssueId);
      return keyIssueAudit(deps, scope, issue);
    }),
    answer: procedure
      .input(keyIssueAnswerInput)
      .mutation(({ ctx, input }) => province('answer')({ ctx, input: { ...input, text: input.answer } })),
    resolve: procedure
      .input(keyIssueResolveInput)
      .mutation(({ ctx, input }) =>
        province('resolve')({ ctx, input: { ...input, text: input.resolution } }),
      ),
    passUp: procedure
      .input(keyIssuePassUpInput)
      .mutation(({ ctx, input }) => province('passUp')({ ctx, input: { ...input, text: input.reason } })),
    reopen: procedure
      .input(keyIssueReopenInput)
      .mutation(({ ctx, input }) => province('reopen')({ ctx, input: { ...input, text: input.reason } })),
    counts: procedure.input(keyIssueCountsInput).query(({ ctx, input }) => provinceCounts(deps, ctx, input)),

    ministryInbox: procedure
      .input(keyIssueInboxInput)
      .query(({ input }) => inbox(deps, input.held, input.held === 'now' ? { holderLevel: 'ministry' } : {})),
    ministryGet: procedure.input(keyIssueKeyInput).query(get(deps, fromMinistry, ministryCallers)),
    ministryAnswer: procedure
      .input(keyIssueAnswerInput)
      .mutation(({ ctx, input }) => ministry('answer')({ ctx, input: { ...input, text: input.answer } })),
    ministryResolve: procedure
      .input(keyIssueResolveInput)
      .mutation(({ ctx, input }) =>
        ministry('resolve')({ ctx, input: { ...input, text: input.resolution } }),
      ),
    /** to the central departments of the linked measures, or those the ministry names */
    ministryPassUp: procedure
      .input(keyIssueMinistryPassUpInput)
      .mutation(({ ctx, input }) => ministry('passUp')({ ctx, input: { ...input, text: input.reason } })),
    nationalCounts: procedure.input(keyIssueCountsInput).query(({ input }) => nationalCounts(deps, input)),

    departmentInbox: procedure.input(keyIssueInboxInput).query(({ ctx, input }) => {
      const department = ctx.principal.organisationId ?? '';
      return inbox(
        deps,
        input.held,
        input.held === 'now'
          ? { holderLevel: 'department', holderOrganisationIds: department }
          : { departmentsReached: department },
      );
    }),
    departmentGet: procedure.input(keyIssueKeyInput).query(get(deps, fromDepartment, departmentCallers)),
    departmentAnswer: procedure
      .input(keyIssueAnswerInput)
      .mutation(({ ctx, input }) => department('answer')({ ctx, input: { ...input, text: input.answer } })),
    departmentResolve: procedure
      .input(keyIssueResolveInput)
      .mutation(({ ctx, input }) =>
        department('resolve')({ ctx, input: { ...input, text: input.resolution } }),
      ),
  });
}
