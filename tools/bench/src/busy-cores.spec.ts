import { describeBusyCores, machineBusyTicks, openCpuWindow } from './busy-cores';

describe('the cores a benchmark kept busy', () => {
  it('counts user, nice, system, irq and softirq ticks of /proc/stat, not idle, iowait or steal', () => {
    const stat = 'cpu  100 5 40 9000 7 3 2 50 0 0\ncpu0 50 2 20 4500 3 1 1 25 0 0\n';
    expect(machineBusyTicks(stat)).toBe(100 + 5 + 40 + 3 + 2);
  });

  it('refuses a text that is not /proc/stat', () => {
    expect(() => machineBusyTicks('intr 1 2 3')).toThrow(/not \/proc\/stat/);
  });

  it('names the busiest processes first and leaves out idle and exited ones', () => {
    expect(
      describeBusyCores({
        seconds: 10,
        machine: 1.9,
        processes: { gateway: 0.3, ferretdb: 0.8, jaeger: 0.004, plans: null },
        cpuSeconds: { gateway: 3, ferretdb: 8, jaeger: 0.04, plans: null },
      }),
    ).toBe('1.9 cores busy over 10 s (ferretdb 0.8, gateway 0.3)');
  });

  it('measures this process while it spins, and a process that is gone as null', async () => {
    const window = await openCpuWindow({ self: process.pid, gone: 2 ** 22 + 1 });
    const until = performance.now() + 300;
    while (performance.now() < until) Math.sqrt(Math.random());
    const busy = await window.stop();
    expect(busy.processes['self']).toBeGreaterThan(0.5);
    expect(busy.processes['gone']).toBeNull();
    expect(busy.cpuSeconds['self']).toBeCloseTo((busy.processes['self'] as number) * busy.seconds, 1);
    // the machine's count includes this process's spin
    expect(busy.machine).toBeGreaterThan(0.5);
  });
});
