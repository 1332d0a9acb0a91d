import { serviceRegistry, serviceUrlVariable } from '@tradepilot/contracts';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const composeFile = join(__dirname, '../compose/docker-compose.yml');

describe('the users’ compose stack', () => {
  it('is a valid compose file (docker-compose config, no engine needed)', () => {
    const run = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], { encoding: 'utf8' });
    if (run.error)
      throw new Error(
        `docker-compose is not installed (apt-get install docker-compose): ${run.error.message}`,
      );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('has an entry for every deployable app, waiting on healthy dependencies', () => {
    const run = spawnSync('docker-compose', ['-f', composeFile, 'config'], { encoding: 'utf8' });
    const config = run.stdout;
    for (const { name, kind, port } of serviceRegistry) {
      expect(config).toMatch(new RegExp(`^  ${name}:$`, 'm'));
      expect(config).toMatch(new RegExp(`APP: ${name}$`, 'm'));
      expect(config).toMatch(new RegExp(`PORT: '?${port}'?$`, 'm'));
      if (kind === 'service')
        expect(config).toMatch(new RegExp(`${serviceUrlVariable(name)}: http://${name}:${port}$`, 'm'));
    }
    expect(config).toMatch(/condition: service_healthy/);
    expect(config).toContain('image: mongo:7.0');
    expect(config).toContain('image: apache/kafka:4.1.1');
    expect(config).toContain('image: jaegertracing/jaeger:2.13.0');
  });

  it('builds from a multi-stage Dockerfile on Node 22, runs as non-root, checks /health/ready', () => {
    const dockerfile = readFileSync(join(__dirname, '../compose/Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM node:22-bookworm-slim AS /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health\/ready/);
  });

  it('copies every npm workspace into the runtime image (npm ci needs each one)', () => {
    const dockerfile = readFileSync(join(__dirname, '../compose/Dockerfile'), 'utf8');
    const workspaces = (
      JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { workspaces: string[] }
    ).workspaces;
    const copied = [...dockerfile.matchAll(/^COPY --from=build \/repo\/(\S+) /gm)].map((m) => m[1] as string);
    for (const workspace of workspaces) {
      const root = workspace.split('/')[0] as string;
      expect({ workspace, copied: copied.some((c) => c === root || c.startsWith(`${root}/`)) }).toEqual({
        workspace,
        copied: true,
      });
    }
  });
});
