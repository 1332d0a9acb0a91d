import { freePort } from '@tradepilot/local-stack';
import { testBrokerJvmFlags } from '@tradepilot/testing';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const infraScript = join(__dirname, '../local/infra.sh');

/**
 * A second copy of the local infrastructure on free ports and its own data folder, so these
 * tests can stop and kill servers without touching the one every other test uses.
 */
describe('infra/local scripts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradepilot-infra-'));
  let env: NodeJS.ProcessEnv;

  const run = (verb: string) => {
    const started = Date.now();
    const result = spawnSync(infraScript, [verb], { env, encoding: 'utf8', timeout: 20 * 60_000 });
    return { status: result.status, out: `${result.stdout}${result.stderr}`, ms: Date.now() - started };
  };

  beforeAll(async () => {
    const ports = await Promise.all(Array.from({ length: 7 }, freePort));
    env = {
      ...process.env,
      TRADEPILOT_INFRA_DIR: dataDir,
      KAFKA_DATA_DIR: join(dataDir, 'kafka'),
      FERRETDB_DATA_DIR: join(dataDir, 'ferretdb'),
      JAEGER_DATA_DIR: join(dataDir, 'jaeger'),
      // a throwaway broker: starting fast matters, not its peak throughput
      KAFKA_JVM_FLAGS: testBrokerJvmFlags,
      KAFKA_PORT: String(ports[0]),
      KAFKA_CONTROLLER_PORT: String(ports[1]),
      FERRETDB_PORT: String(ports[2]),
      JAEGER_OTLP_GRPC_PORT: String(ports[3]),
      JAEGER_OTLP_HTTP_PORT: String(ports[4]),
      JAEGER_QUERY_PORT: String(ports[5]),
      JAEGER_QUERY_GRPC_PORT: String(ports[6]),
    };
  });

  afterAll(() => {
    run('down');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('up starts all three and reports them up; up again is harmless', () => {
    const first = run('up');
    expect(first.status).toBe(0);
    expect(first.out).toMatch(/kafka: up \(pid \d+/);
    expect(first.out).toMatch(/ferretdb: up \(pid \d+/);
    expect(first.out).toMatch(/jaeger: up \(pid \d+/);
    const pids = (out: string) => [...out.matchAll(/pid (\d+)/g)].map((m) => m[1]);

    const second = run('up');
    expect(second.status).toBe(0);
    expect(second.out).toMatch(/already running/);
    // the same processes, not new ones
    expect(pids(second.out).slice(-3)).toEqual(pids(first.out).slice(-3));
    // FerretDB runs with the collector target the scripts give it (FERRETDB_GOGC)
    const ferretPid = /ferretdb: up \(pid (\d+)/.exec(first.out)?.[1];
    expect(readFileSync(`/proc/${ferretPid}/environ`, 'utf8').split('\0')).toContain('GOGC=400');
  });

  it('the probe asks several servers from one process, and names the one not answering', async () => {
    const probe = (extraEnv: Record<string, string>) =>
      spawnSync(process.execPath, [join(__dirname, '../local/probe.mjs'), 'kafka', 'ferretdb', 'jaeger'], {
        env: { ...env, ...extraEnv },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const all = probe({});
    expect(all.status).toBe(0);
    expect(
      all.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    ).toEqual(expect.arrayContaining(['kafka', 'ferretdb', 'jaeger']));
    const withoutJaeger = probe({ JAEGER_QUERY_PORT: String(await freePort()) });
    expect(withoutJaeger.status).toBe(1);
    expect(withoutJaeger.stderr).toMatch(/^jaeger: not ready/m);
    expect(withoutJaeger.stderr).not.toMatch(/kafka|ferretdb/);
  });

  it('status reports a killed server and fails', () => {
    const status = run('status');
    const ferretPid = /ferretdb: up \(pid (\d+)/.exec(status.out)?.[1];
    expect(ferretPid).toBeDefined();
    process.kill(Number(ferretPid), 'SIGKILL');

    const after = run('status');
    expect(after.status).not.toBe(0);
    expect(after.out).toMatch(/ferretdb: down/);
    expect(after.out).toMatch(/kafka: up/);
  });

  it('down stops all three', () => {
    expect(run('down').status).toBe(0);
    const status = run('status');
    expect(status.status).not.toBe(0);
    expect(status.out).toMatch(/kafka: down/);
    expect(status.out).toMatch(/ferretdb: down/);
    expect(status.out).toMatch(/jaeger: down/);
  });

  it('the probe waits in one process: until the server answers, its process is gone, or the time is up', async () => {
    const probe = (args: string[], port: number) => {
      const started = Date.now();
      const result = spawnSync(process.execPath, [join(__dirname, '../local/probe.mjs'), 'jaeger', ...args], {
        env: { ...env, JAEGER_QUERY_PORT: String(port) },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { status: result.status, ms: Date.now() - started, err: result.stderr };
    };
    const nobody = await freePort();
    // nobody answers and the server process (this one, for the test) lives on: asked until the time is up
    const waited = probe(['--wait', '2', '--pid', String(process.pid)], nobody);
    expect(waited).toMatchObject({ status: 1 });
    expect(waited.ms).toBeGreaterThanOrEqual(2000);
    // the server process is gone: no point waiting
    const gone = spawnSync('true').pid;
    const died = probe(['--wait', '30', '--pid', String(gone)], nobody);
    expect(died).toMatchObject({ status: 3, err: expect.stringContaining(`the process ${gone} exited`) });
    expect(died.ms).toBeLessThan(20_000);
    expect(probe(['--wait', '0'], nobody).status).toBe(2);
  });

  it('a broker that stops cleanly leaves its classes archived, and the next broker maps them', async () => {
    // a cache of its own holding only the Kafka classpath (the jars stay in ~/.m2): no archive yet.
    // Where the scripts keep Kafka's classpath, as lib.sh says
    const kafkaArtifacts = (cacheEnv: NodeJS.ProcessEnv) =>
      spawnSync(
        'bash',
        [
          '-c',
          'source "$0" && echo "$TRADEPILOT_CACHE/kafka-$KAFKA_VERSION"',
          join(__dirname, '../local/lib.sh'),
        ],
        {
          env: cacheEnv,
          encoding: 'utf8',
        },
      ).stdout.trim();
    const cache = join(dataDir, 'cache');
    const kafkaDir = kafkaArtifacts({ ...env, TRADEPILOT_CACHE: cache });
    mkdirSync(kafkaDir, { recursive: true });
    copyFileSync(join(kafkaArtifacts(env), 'classpath'), join(kafkaDir, 'classpath'));
    const [port, controllerPort] = await Promise.all([freePort(), freePort()]);
    const brokerDir = join(dataDir, 'kafka-classes');
    const brokerEnv = {
      ...env,
      TRADEPILOT_CACHE: cache,
      KAFKA_DATA_DIR: brokerDir,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
    };
    const kafka = (verb: string) =>
      spawnSync(join(__dirname, '../local/kafka/kafka.sh'), [verb], {
        env: brokerEnv,
        encoding: 'utf8',
        timeout: 5 * 60_000,
      });
    const commandLine = () =>
      readFileSync(
        `/proc/${readFileSync(join(brokerDir, 'server.pid'), 'utf8').trim()}/cmdline`,
        'utf8',
      ).split('\0');
    const archives = () => readdirSync(kafkaDir).filter((f) => f.endsWith('.jsa'));

    expect(kafka('start').status).toBe(0);
    expect(commandLine()).toContain(`-XX:ArchiveClassesAtExit=${join(brokerDir, 'classes.jsa')}`);
    expect(kafka('stop').status).toBe(0);
    expect(archives()).toHaveLength(1);

    expect(kafka('start').status).toBe(0);
    expect(commandLine()).toContain(`-XX:SharedArchiveFile=${join(kafkaDir, archives()[0] as string)}`);
    expect(kafka('stop').status).toBe(0);
    // the runtime took the archive: it would say why not in the broker's console log
    expect(readFileSync(join(brokerDir, 'console.log'), 'utf8')).not.toMatch(/\[cds\]|shared archive/i);
  });
});
