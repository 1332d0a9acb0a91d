import { setTimeout as delay } from 'node:timers/promises';
import { mutate, query } from './gateway-calls';
import type { RenewingToken } from './renewing-token';

/**
 * One plan going round the approval loop for ever: save → sign → submit → (the approvals service
 * opens a case) → the ministry returns it → (the plan is returned) → save … Every arrow is a
 * command through the gateway; the waits in brackets are seen by polls, not by the lane.
 */
interface Lane {
  area: SoakArea;
  planId: string;
  version: number;
  submission: number;
  caseId?: string;
  saves: number;
  step: 'save' | 'sign' | 'submit' | 'decide' | 'awaiting-case' | 'awaiting-return' | 'resync' | 'busy';
}

/**
 * A pilot area and round with its plan: `approval` plans go the whole loop (their officer signs
 * alone: a dual-role government), `drafting` plans are only saved, again and again, so the rate
 * does not wait on the approval loop's round trips.
 */
export interface SoakArea {
  pilotAreaId: string;
  round: number;
  province: string;
  token: RenewingToken;
  loop: 'approval' | 'drafting';
}

interface PlanView {
  id: string;
  status: string;
  version: number;
  submission: number;
}

/** The province's current plans (summaries), every page of the list. */
async function currentPlans(gatewayUrl: string, token: string): Promise<PlanView[]> {
  const plans: PlanView[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: PlanView[]; nextCursor: string | null } = await query(
      gatewayUrl,
      'plan.list',
      { limit: 100, ...(cursor ? { cursor } : {}) },
      token,
    );
    plans.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return plans;
}

export type CommandName = 'create' | 'save' | 'sign' | 'submit' | 'decide';

export interface SoakLoadResult {
  sent: number;
  /** latency of each answered command from its scheduled start, ms */
  latencies: Record<CommandName, number[]>;
  failures: Record<string, number>;
  /** ticks with no plan ready for its next command */
  idleTicks: number;
  /** ticks refused because `maxInFlight` commands were still unanswered */
  refusedInFlight: number;
  lanes: number;
}

export interface SoakLoadOptions {
  gatewayUrl: string;
  /** one plan each, going round (a pilot area has one plan per round) */
  areas: SoakArea[];
  ministryToken: RenewingToken;
  commandsPerSecond: number;
  durationMs: number;
  maxInFlight?: number;
  /** stops the load early (Ctrl-C): what was measured is still reported */
  signal?: AbortSignal;
}

/**
 * Commands at a fixed rate whatever the answers take (open loop): each tick sends the next
 * step of a plan that is ready for one, or creates the next area's plan when none is. The plans
 * are reused, so the data stays the size of a round's working set, with its history growing.
 */
export async function soakLoad(options: SoakLoadOptions): Promise<SoakLoadResult> {
  const { gatewayUrl, ministryToken } = options;
  const waiting = [...options.areas];
  const maxInFlight = options.maxInFlight ?? 200;
  const lanes: Lane[] = [];
  const ready: Lane[] = [];
  const result: SoakLoadResult = {
    sent: 0,
    latencies: { create: [], save: [], sign: [], submit: [], decide: [] },
    failures: {},
    idleTicks: 0,
    refusedInFlight: 0,
    lanes: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const failed = (what: string, err: unknown) => {
    const key = `${what}: ${(err as Error).message.slice(0, 120)}`;
    result.failures[key] = (result.failures[key] ?? 0) + 1;
  };

  const send = (command: CommandName, scheduled: number, call: () => Promise<void>) => {
    result.sent += 1;
    const sent = call().then(
      () => void result.latencies[command].push(performance.now() - scheduled),
      (err: unknown) => failed(command, err),
    );
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  };

  const step = (lane: Lane, scheduled: number) => {
    const was = lane.step;
    lane.step = 'busy';
    const onError = (err: unknown): never => {
      lane.step = 'resync';
      throw err;
    };
    if (was === 'save') {
      lane.saves += 1;
      send('save', scheduled, async () => {
        const view = await mutate<PlanView>(
          gatewayUrl,
          'plan.save',
          {
            planId: lane.planId,
            version: lane.version,
            title: { 'zh-CN': `耐久测试方案 ${lane.saves}`, en: `soak plan ${lane.saves}` },
          },
          lane.area.token.current,
        ).catch(onError);
        lane.version = view.version;
        lane.step = lane.area.loop === 'approval' ? 'sign' : 'save';
        ready.push(lane);
      });
    } else if (was === 'sign') {
      send('sign', scheduled, async () => {
        const view = await mutate<PlanView>(
          gatewayUrl,
          'plan.sign',
          { planId: lane.planId, version: lane.version },
          lane.area.token.current,
        ).catch(onError);
        lane.version = view.version;
        lane.step = 'submit';
        ready.push(lane);
      });
    } else if (was === 'submit') {
      send('submit', scheduled, async () => {
        const view = await mutate<PlanView>(
          gatewayUrl,
          'plan.submit',
          { planId: lane.planId, version: lane.version },
          lane.area.token.current,
        ).catch(onError);
        lane.version = view.version;
        lane.submission = view.submission;
        lane.step = 'awaiting-case';
      });
    } else if (was === 'decide') {
      send('decide', scheduled, async () => {
        await mutate(
          gatewayUrl,
          'case.decide',
          { caseId: lane.caseId, decision: 'return', reason: 'soak', version: 1 },
          ministryToken.current,
        ).catch(onError);
        lane.step = 'awaiting-return';
      });
    }
  };

  const createLane = (area: SoakArea, scheduled: number) => {
    const lane: Lane = { area, planId: '', version: 0, submission: 0, saves: 0, step: 'busy' };
    lanes.push(lane);
    send('create', scheduled, async () => {
      try {
        const view = await mutate<PlanView>(
          gatewayUrl,
          'plan.create',
          {
            pilotAreaId: area.pilotAreaId,
            round: area.round,
            title: { 'zh-CN': '耐久测试方案', en: 'soak plan' },
            period: { start: '2026-01-01', end: '2028-12-31' },
          },
          area.token.current,
        );
        lane.planId = view.id;
        lane.version = view.version;
        lane.step = 'save';
        ready.push(lane);
      } catch (err) {
        // the area is tried again later
        lanes.splice(lanes.indexOf(lane), 1);
        waiting.push(area);
        throw err;
      }
    });
  };

  // the waits between commands, seen by reads twice a second (not counted as commands)
  let running = true;
  const watch = async () => {
    while (running) {
      await delay(500);
      try {
        if (lanes.some((l) => l.step === 'awaiting-case')) {
          const open = await query<{ id: string; subject: { id: string; version: number } }[]>(
            gatewayUrl,
            'case.listOpen',
            {},
            ministryToken.current,
          );
          const byPlan = new Map(open.map((c) => [`${c.subject.id}#${c.subject.version}`, c.id]));
          for (const lane of lanes.filter((l) => l.step === 'awaiting-case')) {
            const caseId = byPlan.get(`${lane.planId}#${lane.submission}`);
            if (caseId) {
              lane.caseId = caseId;
              lane.step = 'decide';
              ready.push(lane);
            }
          }
        }
        const behind = lanes.filter((l) => l.step === 'awaiting-return' || l.step === 'resync');
        for (const province of new Set(behind.map((l) => l.area.province))) {
          const token = (behind.find((l) => l.area.province === province) as Lane).area.token.current;
          const plans = await currentPlans(gatewayUrl, token);
          const byId = new Map(plans.map((p) => [p.id, p]));
          for (const lane of behind.filter((l) => l.area.province === province)) {
            const plan = byId.get(lane.planId);
            if (!plan) continue;
            const back = lane.step === 'awaiting-return' && plan.status === 'returned';
            const resync =
              lane.step === 'resync' && (plan.status === 'returned' || plan.status === 'drafting');
            if (back || resync) {
              lane.version = plan.version;
              lane.submission = plan.submission;
              lane.step = 'save';
              ready.push(lane);
            } else if (lane.step === 'resync' && plan.status === 'submitted') {
              lane.submission = plan.submission;
              lane.step = 'awaiting-case';
            }
          }
        }
      } catch (err) {
        failed('watching', err);
      }
    }
  };
  const watching = watch();

  const interval = 1000 / options.commandsPerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.commandsPerSecond);
  const started = performance.now();
  for (let i = 0; i < total && !options.signal?.aborted; i += 1) {
    const scheduled = started + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await delay(wait);
    if (inFlight.size >= maxInFlight) {
      result.refusedInFlight += 1;
      continue;
    }
    const lane = ready.shift();
    const area = lane ? undefined : waiting.shift();
    if (lane) step(lane, scheduled);
    else if (area) createLane(area, scheduled);
    else result.idleTicks += 1;
  }
  await Promise.all(inFlight);
  running = false;
  await watching;
  result.lanes = lanes.length;
  return result;
}
