import { TransientFailure } from '@tradepilot/messaging';
import { AppError } from './app-error';
import { outageAsUnavailable, t } from './trpc';

const failing = (error: unknown) =>
  t.router({
    read: t.procedure.use(outageAsUnavailable).query(() => {
      throw error;
    }),
  });

const thrownBy = async (error: unknown) => {
  const caller = t.createCallerFactory(failing(error))({} as never);
  return caller.read().then(
    () => undefined,
    (err: unknown) => err as AppError,
  );
};

const serverSelection = Object.assign(new Error('Server selection timed out after 30000 ms'), {
  name: 'MongoServerSelectionError',
});

describe('a procedure failing on an outage', () => {
  it('answers SERVICE_UNAVAILABLE (503) in both languages when the database is out', async () => {
    const error = await thrownBy(serverSelection);
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(error?.appCode).toBe('STORAGE_UNAVAILABLE');
    expect(error?.messages['zh-CN']).toMatch(/暂时不可用/);
    expect(error?.messages.en).toMatch(/try again/);
  });

  it('answers SERVICE_UNAVAILABLE for a refused connection wrapped by the driver', async () => {
    const error = await thrownBy(new Error('pool cleared', { cause: new Error('connect ECONNREFUSED 127.0.0.1:27017') }));
    expect(error?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('leaves a bug a 500 and a domain error as it was', async () => {
    expect((await thrownBy(new TypeError("Cannot read properties of undefined (reading 'x')")))?.code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
    const conflict = new AppError('CONFLICT', 'VERSION_CONFLICT', { 'zh-CN': '版本冲突', en: 'conflict' });
    expect(await thrownBy(conflict)).toBe(conflict);
    expect((await thrownBy(new TransientFailure('lost race')))?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
