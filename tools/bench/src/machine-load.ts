import { availableParallelism, loadavg } from 'node:os';

/** What a benchmark ran on: its figures only compare with runs on a machine this busy. */
export interface MachineLoad {
  cores: number;
  loadAverage1m: number;
  loadAverage5m: number;
}

export function machineLoad(): MachineLoad {
  const [oneMinute = 0, fiveMinutes = 0] = loadavg();
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    cores: availableParallelism(),
    loadAverage1m: round(oneMinute),
    loadAverage5m: round(fiveMinutes),
  };
}
