import { eventually } from './eventually';

describe('eventually', () => {
  it('checks again sooner at first, then every 500 ms at most', async () => {
    const checks: number[] = [];
    const started = Date.now();
    await eventually(() => {
      checks.push(Date.now() - started);
      return Date.now() - started >= 2_000;
    });
    // fixed 50 ms waits would check ~40 times in 2 s; growing ones: 50, 75, 112, 169, 253, 380, 500, …
    expect(checks.length).toBeGreaterThanOrEqual(8);
    expect(checks.length).toBeLessThanOrEqual(13);
    const gaps = checks.slice(1).map((at, i) => at - (checks[i] as number));
    expect(gaps[0]).toBeLessThan(gaps.at(-1) as number);
  });

  it('keeps a given interval fixed', async () => {
    let checks = 0;
    const started = Date.now();
    await eventually(
      () => {
        checks += 1;
        return Date.now() - started >= 600;
      },
      { intervalMs: 20 },
    );
    expect(checks).toBeGreaterThanOrEqual(15);
  });

  it('fails at its deadline with the last reason, not a whole wait after it', async () => {
    const started = Date.now();
    await expect(
      eventually(
        () => {
          throw new Error('not there');
        },
        { timeoutMs: 700, description: 'the thing' },
      ),
    ).rejects.toThrow('the thing did not hold within 700 ms (last error: not there)');
    expect(Date.now() - started).toBeLessThan(1_100);
  });
});
