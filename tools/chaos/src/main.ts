#!/usr/bin/env node
/**
 * The fault-injection run: real commands through the gateway while the broker, the database, each
 * service and the gateway are killed with SIGKILL in turn; then the audit (nothing lost, nothing
 * doubled). Exits 1 when anything was lost or doubled.
 *
 *   npm run build && node tools/chaos/dist/main.js [--rate 50] [--minutes 3] [--down-ms 20000]
 *     [--faults kafka,ferretdb,plans,approvals,supervision,practices,gateway] [--areas 24] [--json]
 */
import { parseArgs } from 'node:util';
import { allFaults, describeReport, runChaos } from './chaos-run';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '50' },
      minutes: { type: 'string', default: '3' },
      'down-ms': { type: 'string', default: '20000' },
      faults: { type: 'string', default: allFaults.join(',') },
      areas: { type: 'string', default: '24' },
      'approve-every': { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    },
  });
  const faults = (values.faults as string).split(',').filter(Boolean);
  const downMs = Number(values['down-ms']);
  // the load runs for about --minutes: the faults and their restarts spread over it
  const settleMs = Math.max(
    5_000,
    (Number(values.minutes) * 60_000 - faults.length * downMs) / (faults.length + 1),
  );
  const report = await runChaos({
    faults,
    rate: Number(values.rate),
    downMs,
    settleMs,
    pilotAreas: Number(values.areas),
    approveEvery: Number(values['approve-every']),
    drainTimeoutMs: 180_000,
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : describeReport(report)}\n`);
  return report.lost === 0 && report.doubled === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
