import { z } from 'zod';
import { procedure, router, t } from './trpc';

describe('request deadline', () => {
  const principal = {
    userId: 'mofcom-officer',
    tenant: null,
    roles: ['ministry-officer' as const],
    organisationId: 'mofcom',
  };
  let ran = 0;
  const app = router({
    measure: router({ create: procedure.input(z.object({})).mutation(() => ++ran) }),
  });
  const caller = t.createCallerFactory(app);

  it('abandons a call whose deadline passed before it changes anything', async () => {
    ran = 0;
    const late = caller({ principal, traceId: null, deadlineAt: Date.now() - 1 });
    await expect(late.measure.create({})).rejects.toMatchObject({
      code: 'TIMEOUT',
      appCode: 'DEADLINE_PASSED',
    });
    expect(ran).toBe(0);
    const inTime = caller({ principal, traceId: null, deadlineAt: Date.now() + 60_000 });
    await expect(inTime.measure.create({})).resolves.toBe(1);
  });
});
