import { createLogger } from '@tradepilot/telemetry';
import {
  connectDatabase,
  defineModel,
  nationalScope,
  TenantDatabases,
  TenantRegistry,
  tenantScope,
  type TenantScope,
} from '@tradepilot/tenancy';
import { infraConnection, uniqueName } from '@tradepilot/testing';
import { Schema, type Connection } from 'mongoose';
import { timerEventId, type DueItem } from './due-item';
import { schedulerHeartbeatModel } from './scheduler-heartbeat-model';
import { TimerScheduler, type DueItemSource } from './timer-scheduler';
import { timerModels } from './timer-models';

/** A subject with one due date; `firedAt` is what the source records when it fires. */
interface Reminder {
  _id: string;
  dueAt: Date;
  firedAt: Date | null;
}
/** What "emitting" leaves behind: one document per event id (a repeat would be a duplicate key). */
interface Emitted {
  _id: string;
  subject: string;
  count: number;
}

const reminderModel = defineModel<Reminder>({
  name: 'Reminder',
  collection: 'reminders',
  placement: 'tenant',
  schema: new Schema<Reminder>({ _id: String, dueAt: Date, firedAt: { type: Date, default: null } }),
});
const emittedModel = defineModel<Emitted>({
  name: 'Emitted',
  collection: 'emitted',
  placement: 'tenant',
  schema: new Schema<Emitted>({ _id: String, subject: String, count: Number }),
});

const logger = createLogger('timers-test', { level: 'silent' });
const now = new Date('2026-03-02T02:00:00Z');

describe('TimerScheduler on FerretDB', () => {
  const prefix = `${uniqueName('tm')}_`;
  let root: Connection;
  let databases: TenantDatabases;
  const guangdong = tenantScope('guangdong');
  const hainan = tenantScope('hainan');
  const beijing = tenantScope('beijing');
  const broken = new Set<string>();

  const source: DueItemSource = {
    scopes: async () => [guangdong, hainan, beijing],
    async due(scope, at, limit) {
      if (broken.has(scope.tenant)) throw new Error(`${scope.tenant} database unreachable`);
      const reminders = await databases.model(scope, reminderModel);
      const due = await reminders.find({ firedAt: null }).sort({ dueAt: 1 }).limit(limit).lean<Reminder[]>();
      return due
        .filter((r) => r.dueAt <= at)
        .map((r) => ({ subject: r._id, kind: 'reminder', dueAt: r.dueAt }));
    },
    async fire(scope, item, { eventId }) {
      if (broken.has(item.subject)) throw new Error(`subject ${item.subject} cannot be fired`);
      const emitted = await databases.model(scope, emittedModel);
      // count each emission under its id: a second emission of one item would show count 2
      await emitted.updateOne(
        { _id: eventId },
        { $set: { subject: item.subject }, $inc: { count: 1 } },
        { upsert: true },
      );
      await (
        await databases.model(scope, reminderModel)
      ).updateOne({ _id: item.subject }, { $set: { firedAt: now } });
      return 'fired';
    },
  };

  const scheduler = () =>
    new TimerScheduler(databases, source, { name: 'test-timers', pollMs: 60_000, logger, now: () => now });

  async function seed(scope: TenantScope, ids: string[]) {
    const reminders = await databases.model(scope, reminderModel);
    await reminders.insertMany(
      ids.map((_id) => ({ _id, dueAt: new Date(now.getTime() - 60_000), firedAt: null })),
    );
  }
  const emissions = async (scope: TenantScope) =>
    (await databases.model(scope, emittedModel)).find().sort({ subject: 1 }).lean<Emitted[]>();

  beforeAll(async () => {
    root = await connectDatabase({ url: infraConnection().mongoUrl });
    databases = new TenantDatabases(root, {
      service: 'timers',
      databasePrefix: prefix,
      registry: TenantRegistry.fromSeed(),
      models: [reminderModel, emittedModel, ...timerModels],
    });
  });

  afterAll(async () => {
    for (const scope of await databases.existingScopes()) await databases.dropDatabase(scope);
    await root.close();
  });

  it('a failing tenant and a failing item are reported in the heartbeat; every other item fires', async () => {
    await seed(guangdong, ['gd-1', 'gd-bad', 'gd-2']);
    await seed(hainan, ['hn-1']);
    await seed(beijing, ['bj-1']);
    broken.add('hainan').add('gd-bad');

    const failures = await scheduler().sweep();

    expect(failures.map((f) => [f.tenant, f.item])).toEqual([
      ['guangdong', `gd-bad:reminder:${new Date(now.getTime() - 60_000).toISOString()}`],
      ['hainan', null],
    ]);
    expect((await emissions(guangdong)).map((e) => e.subject)).toEqual(['gd-1', 'gd-2']);
    expect((await emissions(beijing)).map((e) => e.subject)).toEqual(['bj-1']);
    const heartbeat = await (await databases.model(nationalScope, schedulerHeartbeatModel))
      .findById('test-timers')
      .lean();
    expect(heartbeat?.sweeps).toBe(1);
    expect(heartbeat?.failing.map((f) => f.error)).toEqual([
      'subject gd-bad cannot be fired',
      'hainan database unreachable',
    ]);

    broken.clear();
    expect(await scheduler().sweep()).toEqual([]);
    expect((await emissions(guangdong)).map((e) => e.subject)).toEqual(['gd-1', 'gd-2', 'gd-bad']);
    expect((await emissions(hainan)).map((e) => e.subject)).toEqual(['hn-1']);
    const after = await (await databases.model(nationalScope, schedulerHeartbeatModel))
      .findById('test-timers')
      .lean();
    expect(after?.failing).toEqual([]);
  });

  it('two schedulers sweeping at once emit each item once, under the deterministic event id', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    await seed(guangdong, ids);
    // the items stay due until fired: both schedulers see all of them
    await Promise.all([scheduler().sweep(), scheduler().sweep(), scheduler().sweep()]);

    const emitted = (await emissions(guangdong)).filter((e) => e.subject.startsWith('race-'));
    expect(emitted).toHaveLength(20);
    expect(emitted.every((e) => e.count === 1)).toBe(true);
    expect(emitted.map((e) => e._id).sort()).toEqual(
      ids
        .map((subject) =>
          timerEventId({ subject, kind: 'reminder', dueAt: new Date(now.getTime() - 60_000) } as DueItem),
        )
        .sort(),
    );
  });
});
