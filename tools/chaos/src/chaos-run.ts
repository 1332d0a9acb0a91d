import { registeredServices } from '@tradepilot/contracts';
import type { AppName } from '@tradepilot/local-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import {
  eventually,
  PrivateFerretDB,
  PrivateKafka,
  startTestStack,
  testUserPassword,
  uniqueSuffix,
  type TestStack,
} from '@tradepilot/test-stack';
import { setTimeout as delay } from 'node:timers/promises';
import { auditEffects, type EffectAudit } from './effect-audit';
import { CommandLedger } from './command-ledger';
import { CommandPace } from './command-pace';
import { appTarget, brokerTarget, databaseTarget, type FaultTarget } from './fault-targets';
import { GatewaySession } from './gateway-session';
import { PlanCycle, type PlanCycleActors } from './plan-cycle';

export interface ChaosOptions {
  /** which targets to kill, in order: `kafka`, `ferretdb`, or an app's name */
  faults: string[];
  /** commands per second, over every pilot area */
  rate: number;
  /** how long each target stays dead */
  downMs: number;
  /** load between two faults (and before the first) */
  settleMs: number;
  /** pilot areas driven at once (each runs its own plan), spread over the provinces */
  pilotAreas: number;
  /** every n-th submission is approved (then amended), the others returned */
  approveEvery: number;
  /** how long the effects of the last commands may take to arrive */
  drainTimeoutMs: number;
  log?: (line: string) => void;
}

export interface FaultResult {
  target: string;
  kind: FaultTarget['kind'];
  downMs: number;
  /** from the restart until the target answered again */
  restartMs: number;
  /** from the restart until the next command was answered 2xx */
  recoveryMs: number;
}

export interface ChaosReport {
  faults: FaultResult[];
  commands: { sent: number; answered: number; refusedByCode: Record<string, number> };
  effects: Omit<EffectAudit, 'pending'> & { pendingAfterDrain: string[] };
  lost: number;
  doubled: number;
  durationMs: number;
}

export const allFaults = ['kafka', 'ferretdb', ...registeredServices.map((s) => s.name), 'gateway'];

/** Pilot areas of the registry, one province after another, as many as asked. */
function drivenAreas(registry: TenantRegistry, count: number) {
  const byProvince = registry.provinces().map((p) => registry.pilotAreasOf(p.id));
  const areas = [];
  for (let i = 0; areas.length < count && i < 50; i += 1)
    for (const list of byProvince) if (list[i] && areas.length < count) areas.push(list[i]);
  return areas as NonNullable<(typeof areas)[number]>[];
}

function actorsOf(registry: TenantRegistry, gateway: () => string, areaId: string): PlanCycleActors {
  const area = registry.pilotArea(areaId);
  if (!area) throw new Error(`unknown pilot area ${areaId}`);
  const session = (username: string) => new GatewaySession(gateway, username, testUserPassword);
  const dual = registry.isDualRole(area.province);
  return {
    pilotAreaId: area.id,
    tenant: area.province,
    area: session(dual ? `${area.province}-officer` : `${area.id}-officer`),
    province: session(dual ? `${area.province}-officer` : `${area.province}-province`),
    ministry: session('mofcom-officer'),
  };
}

/**
 * Starts a private broker and database and every app on them, drives plan cycles through the
 * gateway at a fixed rate, kills each target in turn with SIGKILL and starts it again, then lets
 * the effects drain and audits them.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  // five apps provisioning every province's databases at once on a fresh database take a while
  process.env['TRADEPILOT_APP_START_TIMEOUT_MS'] ??= '180000';
  // and a broker restarted while the apps reconnect takes longer than one started alone
  process.env['INFRA_READY_TIMEOUT_S'] ??= '240';
  const kafka = await PrivateKafka.start();
  const database = await PrivateFerretDB.start();
  let stack: TestStack | undefined;
  try {
    stack = await startTestStack({
      apps: [...registeredServices.map((s) => s.name as AppName), 'gateway'],
      kafkaBrokers: kafka.brokers,
      mongoUrl: database.mongoUrl,
      env: { LOG_LEVEL: 'warn' },
      appEnv: { gateway: { RATE_LIMIT_USER_CALLS: '1000000', RATE_LIMIT_TENANT_CALLS: '1000000' } },
    });
    const live = stack;
    const registry = TenantRegistry.fromSeed();
    const targets = new Map<string, FaultTarget>([
      ['kafka', brokerTarget(kafka)],
      ['ferretdb', databaseTarget(database)],
      ...[...registeredServices.map((s) => s.name), 'gateway'].map(
        (name) => [name, appTarget(live, name as AppName)] as const,
      ),
    ]);
    for (const fault of options.faults)
      if (!targets.has(fault))
        throw new Error(`unknown fault target ${fault} (one of ${[...targets.keys()].join(', ')})`);

    const ledger = new CommandLedger();
    const pace = new CommandPace(options.rate);
    const runId = `chaos${uniqueSuffix()}`;
    const cycles = drivenAreas(registry, options.pilotAreas).map(
      (area) =>
        new PlanCycle(
          actorsOf(registry, () => live.gatewayUrl, area.id),
          pace,
          ledger,
          {
            runId,
            approveEvery: options.approveEvery,
          },
        ),
    );
    let stopping = false;
    const load = Promise.all(cycles.map((c) => c.run(() => stopping)));
    log(`load: ${cycles.length} pilot areas at ${options.rate} commands/s`);

    const faults: FaultResult[] = [];
    await delay(options.settleMs);
    for (const name of options.faults) {
      const target = targets.get(name) as FaultTarget;
      await target.kill();
      log(`killed ${name} (SIGKILL)`);
      await delay(options.downMs);
      const restarting = performance.now();
      await target.restart();
      const restartMs = performance.now() - restarting;
      const recoveredAt = await Promise.race([
        ledger.firstAnswerAfter(restarting + restartMs),
        // unref'd: a pending timeout must not keep the process alive once the run has ended
        delay(120_000, undefined, { ref: false }).then(() => Number.NaN),
      ]);
      const result: FaultResult = {
        target: name,
        kind: target.kind,
        downMs: options.downMs,
        restartMs: Math.round(restartMs),
        recoveryMs: Math.round(recoveredAt - restarting),
      };
      faults.push(result);
      log(
        `${name} back: restart ${result.restartMs} ms, next answered command after ${result.recoveryMs} ms`,
      );
      await delay(options.settleMs);
    }
    stopping = true;
    await load;

    // the last commands' effects travel through the outbox, the broker and the consumers
    let audit = await auditEffects(live, ledger);
    try {
      audit = await eventually(
        async () => {
          const now = await auditEffects(live, ledger);
          if (now.pending.length > 0)
            throw new Error(`${now.pending.length} effects on their way: ${now.pending[0]}`);
          return now;
        },
        { description: 'every effect arrived', timeoutMs: options.drainTimeoutMs, intervalMs: 1000 },
      );
    } catch {
      audit = await auditEffects(live, ledger);
    }
    const { pending, ...effects } = audit;
    const deadLettered = Object.values(audit.deadLetters).reduce((a, b) => a + b, 0);
    return {
      faults,
      commands: {
        sent: ledger.sent,
        answered: ledger.answered.length,
        refusedByCode: Object.fromEntries([...ledger.refused].sort((a, b) => b[1] - a[1])),
      },
      effects: { ...effects, pendingAfterDrain: pending },
      // an effect still missing after the drain is lost; a dead letter is an effect not applied
      lost: audit.lost.length + pending.length + deadLettered,
      doubled: audit.doubled.length,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await stack?.close().catch(() => undefined);
    kafka.remove();
    await database.close();
  }
}

/** The report as an operator reads it. */
export function describeReport(report: ChaosReport): string {
  const lines = [
    `faults: ${report.faults.length}   commands sent: ${report.commands.sent}, answered 2xx: ${report.commands.answered}`,
    `plans: ${report.effects.plans}, submissions: ${report.effects.submissions}, cases: ${report.effects.cases}`,
    `lost: ${report.lost}   doubled: ${report.doubled}   dead letters: ${JSON.stringify(report.effects.deadLetters)}`,
    ...report.faults.map(
      (f) =>
        `  ${f.target.padEnd(12)} ${f.kind.padEnd(9)} down ${f.downMs} ms, restart ${f.restartMs} ms, recovered after ${f.recoveryMs} ms`,
    ),
    ...[...report.effects.lost, ...report.effects.pendingAfterDrain, ...report.effects.doubled].map(
      (l) => `  ! ${l}`,
    ),
    `refused answers (retried): ${JSON.stringify(report.commands.refusedByCode)}`,
    `duration: ${Math.round(report.durationMs / 1000)} s`,
  ];
  return lines.join('\n');
}
