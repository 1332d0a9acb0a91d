/**
 * What the version claim costs: a conditional update of an aggregate (`{_id, version}`) under its
 * claim (insert `<id>:<next version>`, write, delete the claim) against the same update without
 * it, alternating rounds in one run on the local FerretDB. Writers work on distinct documents, as
 * commands on different aggregates do; a collection of `DOCUMENTS` ~2 KB documents.
 *
 *   node tools/bench/dist/version-claim-cost.js   (env: DOCUMENTS=500 ROUNDS=6 WRITES=40 WRITERS=4)
 */
import { versionClaims } from '@tradepilot/messaging';
import { connectDatabase } from '@tradepilot/tenancy';
import { infraConnection, uniqueSuffix } from '@tradepilot/test-stack';
import { Schema } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { latencyStats, ratio } from './latency-stats';

const documents = Number(process.env['DOCUMENTS'] ?? 500);
const rounds = Number(process.env['ROUNDS'] ?? 6);
const writesPerRound = Number(process.env['WRITES'] ?? 40);
const writers = Number(process.env['WRITERS'] ?? 4);

interface Aggregate {
  _id: string;
  version: number;
  body: string;
}

async function main(): Promise<void> {
  const root = await connectDatabase({ url: infraConnection().mongoUrl });
  const db = root.useDb(`bench_claims_${uniqueSuffix()}`);
  const model = db.model<Aggregate>(
    'Aggregate',
    new Schema<Aggregate>({ _id: String, version: Number, body: String }, { versionKey: false }),
    'aggregates',
  );
  try {
    await model.createCollection();
    const body = 'x'.repeat(2000);
    for (let i = 0; i < documents; i += 100) {
      await model.insertMany(
        Array.from({ length: Math.min(100, documents - i) }, (_, j) => ({
          _id: `a${i + j}`,
          version: 1,
          body,
        })),
      );
    }
    const versions = new Map<string, number>(Array.from({ length: documents }, (_, i) => [`a${i}`, 1]));
    const update = (id: string, version: number) =>
      model
        .findOneAndUpdate({ _id: id, version }, { $inc: { version: 1 } }, { new: true })
        .lean()
        .exec();

    const series = { unguarded: [] as number[], claimed: [] as number[] };
    const time = { unguarded: 0, claimed: 0 };
    let next = 0;
    const run = async (kind: 'unguarded' | 'claimed') => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: writers }, async () => {
          for (let w = 0; w < writesPerRound / writers; w += 1) {
            const id = `a${next++ % documents}`;
            const version = versions.get(id) as number;
            const t0 = performance.now();
            const written =
              kind === 'claimed'
                ? await versionClaims.change(model as never, id, version, () => update(id, version))
                : await update(id, version);
            series[kind].push(performance.now() - t0);
            if (!written) throw new Error(`${kind} write of ${id} at ${version} found another version`);
            versions.set(id, version + 1);
          }
        }),
      );
      time[kind] += performance.now() - started;
    };
    await run('unguarded'); // warm-up, not counted
    series.unguarded.length = 0;
    time.unguarded = 0;
    for (let r = 0; r < rounds; r += 1) {
      await run(r % 2 === 0 ? 'claimed' : 'unguarded');
      await run(r % 2 === 0 ? 'unguarded' : 'claimed');
    }
    const unguarded = latencyStats(series.unguarded);
    const claimed = latencyStats(series.claimed);
    const rate = (kind: 'unguarded' | 'claimed') => (series[kind].length / time[kind]) * 1000;
    console.log(
      JSON.stringify(
        {
          documents,
          writers,
          unguarded: { ...unguarded, perSecond: Math.round(rate('unguarded')) },
          claimed: { ...claimed, perSecond: Math.round(rate('claimed')) },
          ratio: {
            p50: ratio(claimed.p50, unguarded.p50),
            p99: ratio(claimed.p99, unguarded.p99),
            throughput: ratio(rate('claimed'), rate('unguarded')),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await db.dropDatabase();
    await root.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
