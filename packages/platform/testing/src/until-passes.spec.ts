import { untilPasses } from './until-passes';

describe('untilPasses', () => {
  it('returns once every assertion passes', async () => {
    let reads = 0;
    await untilPasses(() => {
      reads += 1;
      expect(reads).toBe(3);
    });
    expect(reads).toBe(3);
  });

  it("fails at its deadline with the last assertion's message", async () => {
    await expect(
      untilPasses(() => expect('planned').toBe('in-progress'), { timeoutMs: 200, description: 'the row' }),
    ).rejects.toThrow(/the row did not hold within 200 ms \(last error: .*in-progress/s);
  });
});
