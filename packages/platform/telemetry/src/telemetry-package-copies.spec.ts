import { execFileSync } from 'node:child_process';

/**
 * Every service loads the tracing packages at every start. When their versions drift apart npm
 * nests a private copy under each dependent: seven copies of @opentelemetry/core once added 260
 * modules to every start (1.42 -> 1.24 CPU-s a start without them, measured back to back). Pin the
 * stable packages to the version the experimental ones (0.2xx) require exactly.
 */
describe('the OpenTelemetry packages a service loads', () => {
  it('are one copy each', () => {
    // a fresh process starts the lean SDK from this package's source (Jest's module registry is
    // not Node's), then counts where each @opentelemetry package was loaded from
    const script = `
      require('./telemetry-sdk').startTelemetry({
        serviceName: 'copies', serviceVersion: '0', otlpEndpoint: 'http://127.0.0.1:9',
      });
      const dirs = {};
      for (const file of Object.keys(require.cache)) {
        const at = file.lastIndexOf('node_modules/@opentelemetry/');
        if (at < 0) continue;
        const name = file.slice(at + 'node_modules/'.length).split('/').slice(0, 2).join('/');
        const dir = file.slice(0, at) + 'node_modules/' + name;
        (dirs[name] = dirs[name] || new Set()).add(dir);
      }
      const copies = Object.fromEntries(Object.entries(dirs).map(([n, d]) => [n, d.size]));
      process.stdout.write(JSON.stringify(copies));
      process.exit(0);
    `;
    const copies = JSON.parse(
      execFileSync(process.execPath, ['--require', '@swc-node/register', '-e', script], {
        cwd: __dirname,
      }).toString(),
    ) as Record<string, number>;
    expect(copies['@opentelemetry/core']).toBe(1);
    expect(Object.entries(copies).filter(([, n]) => n > 1)).toEqual([]);
  });
});
