import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const script = join(__dirname, '../local/prerequisites.mjs');
const cacheModule = join(__dirname, '../local/node-modules-cache.mjs');

function which(command: string): string {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this folder
    }
  }
  throw new Error(`${command} is not on PATH; the infra tests need it`);
}

/**
 * The check as npm's pretest runs it, in a clone-shaped folder of its own (a copy of the script,
 * a lock file and node_modules newer than it), with a PATH holding exactly the programs given, plus
 * apt-get and npm that record their calls instead of installing.
 */
describe('the prerequisite check (npm prestart / pretest)', () => {
  let repo: string;
  let bin: string;
  let calls: string;

  const installed = () => readdirSync(join(repo, 'node_modules')).sort();
  const recordedCalls = () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '');

  const recorder = (name: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${calls}"\n`, { mode: 0o755 });
  };
  const provide = (...commands: string[]) => {
    for (const command of commands) symlinkSync(which(command), join(bin, command));
  };
  // the check looks for a program on PATH only, so an executable of that name serves
  const stand = (command: string) =>
    writeFileSync(join(bin, command), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  // fontconfig's fc-list, answering with the Chinese fonts given (none: no Chinese font installed)
  const fonts = (...families: string[]) =>
    writeFileSync(join(bin, 'fc-list'), `#!/bin/sh\n${families.map((f) => `echo "${f}"`).join('\n')}\nexit 0\n`, { mode: 0o755 });
  const check = (purpose: string, env: NodeJS.ProcessEnv = {}) => {
    const base = { ...process.env };
    // npm would otherwise be the one that runs jest, not the recorder on PATH
    delete base['npm_execpath'];
    delete base['TRADEPILOT_AUTO_INSTALL'];
    delete base['TRADEPILOT_NODE_MODULES_CACHE'];
    const run = spawnSync(process.execPath, [join(repo, 'infra/local/prerequisites.mjs'), purpose], {
      env: { ...base, PATH: bin, TRADEPILOT_CACHE: join(repo, 'cache'), ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'tradepilot-prerequisites-'));
    bin = join(repo, 'bin');
    calls = join(repo, 'calls.log');
    mkdirSync(join(repo, 'infra/local'), { recursive: true });
    mkdirSync(bin);
    copyFileSync(script, join(repo, 'infra/local/prerequisites.mjs'));
    copyFileSync(cacheModule, join(repo, 'infra/local/node-modules-cache.mjs'));
    writeFileSync(join(repo, 'package-lock.json'), '{}');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(repo, 'package-lock.json'), hourAgo, hourAgo);
    mkdirSync(join(repo, 'node_modules'));
    writeFileSync(join(repo, 'node_modules/.package-lock.json'), '{}');
    recorder('apt-get');
    recorder('npm');
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('without docker-compose and with automatic installs off, stops with one message naming it and installs nothing', () => {
    provide('java', 'mvn', 'go');
    stand('chromium-headless-shell');
    fonts('WenQuanYi Micro Hei');
    const installedBefore = statSync(join(repo, 'node_modules/.package-lock.json')).mtimeMs;

    const run = check('test', { TRADEPILOT_AUTO_INSTALL: '0' });

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Tradepilot cannot run `npm test` yet: one program is missing\.$/m);
    expect(run.stderr).toMatch(
      /^ {2}docker-compose: not found on PATH; validates infra\/compose\/docker-compose\.yml$/m,
    );
    expect(run.stderr).toMatch(/^ {6}Debian\/Ubuntu: (sudo )?apt-get install docker-compose$/m);
    expect(run.stderr).toMatch(
      /Not installed here: automatic installation is switched off \(TRADEPILOT_AUTO_INSTALL=0\)/,
    );
    // the programs that are there are not mentioned
    expect(run.stderr).not.toMatch(/java|mvn|Maven|Go 1/i);
    // one message, not one per problem or per attempt
    expect(run.stderr.match(/Tradepilot cannot run/g)).toHaveLength(1);
    expect(recordedCalls()).toBe('');
    expect(installed()).toEqual(['.package-lock.json']);
    expect(statSync(join(repo, 'node_modules/.package-lock.json')).mtimeMs).toBe(installedBefore);
  });

  it('passes quietly when everything is present', () => {
    provide('java', 'mvn', 'go');
    stand('docker-compose');
    stand('chromium-headless-shell');
    fonts('WenQuanYi Micro Hei');

    expect(check('test', { TRADEPILOT_AUTO_INSTALL: '0' })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(check('start')).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(recordedCalls()).toBe('');
  });

  it('npm test needs a Chinese font for Chromium: without one it names the Debian package', () => {
    provide('java', 'mvn', 'go');
    stand('docker-compose');
    stand('chromium-headless-shell');
    fonts();

    const run = check('test', { TRADEPILOT_AUTO_INSTALL: '0' });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ {2}a Chinese font \(fonts-wqy-microhei\): not installed; lets Chromium draw/m);
    expect(run.stderr).toMatch(/^ {6}Debian\/Ubuntu: (sudo )?apt-get install fonts-wqy-microhei$/m);
    expect(check('start', { TRADEPILOT_AUTO_INSTALL: '0' })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('npm start does not need docker-compose', () => {
    provide('java', 'mvn', 'go');
    expect(check('start', { TRADEPILOT_AUTO_INSTALL: '0' })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('lists every missing program with the Debian packages at once, and Go by hand', () => {
    const run = check('test', { TRADEPILOT_AUTO_INSTALL: '0' });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/6 programs are missing/);
    expect(run.stderr).toMatch(/apt-get install openjdk-17-jre-headless$/m);
    expect(run.stderr).toMatch(/apt-get install maven$/m);
    expect(run.stderr).toMatch(
      /Go 1\.24\.6 or newer \(go\): not found on PATH; builds FerretDB and Jaeger\n {6}https:\/\/go\.dev\/doc\/install/,
    );
    expect(run.stderr).toMatch(
      /All Debian packages at once: (sudo )?apt-get install -y openjdk-17-jre-headless maven docker-compose chromium-headless-shell fonts-wqy-microhei$/m,
    );
    expect(recordedCalls()).toBe('');
  });

  it('with automatic installs on, installs the missing Debian package only as root and unattended', () => {
    provide('java', 'mvn', 'go');
    stand('chromium-headless-shell');
    fonts('WenQuanYi Micro Hei');

    const run = check('test');

    expect(run.status).toBe(1);
    if (process.getuid?.() === 0) {
      // the recording apt-get installs nothing, so the check still reports it afterwards
      expect(recordedCalls()).toBe('apt-get update -qq\napt-get install -y -qq docker-compose\n');
      expect(run.stderr).toMatch(/installing docker-compose with apt-get/);
      expect(run.stderr).toMatch(/Not installed here: apt-get did not install everything/);
    } else {
      expect(recordedCalls()).toBe('');
      expect(run.stderr).toMatch(/Not installed here: automatic installation runs only as root/);
    }
    expect(run.stderr.match(/Tradepilot cannot run/g)).toHaveLength(1);
  });

  it('never installs Go (no Debian package is new enough): it says where to get it', () => {
    provide('java', 'mvn');

    const run = check('start');

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/one program is missing/);
    expect(run.stderr).toMatch(/^ {2}Go 1\.24\.6 or newer \(go\): not found on PATH/m);
    expect(run.stderr).not.toMatch(/Not installed here/);
    expect(recordedCalls()).toBe('');
  });

  it('runs npm ci when node_modules is missing or older than package-lock.json', () => {
    provide('java', 'mvn', 'go');
    const now = new Date();
    utimesSync(join(repo, 'package-lock.json'), now, now);
    const older = new Date(Date.now() - 60_000);
    utimesSync(join(repo, 'node_modules/.package-lock.json'), older, older);

    const stale = check('start');
    expect(stale.status).toBe(0);
    expect(stale.stderr).toMatch(/node_modules is older than package-lock\.json: running npm ci/);
    expect(recordedCalls()).toBe('npm ci --no-audit --no-fund\n');

    rmSync(join(repo, 'node_modules'), { recursive: true });
    const missing = check('start');
    expect(missing.status).toBe(0);
    expect(missing.stderr).toMatch(/node_modules is missing: running npm ci/);
    expect(recordedCalls()).toBe('npm ci --no-audit --no-fund\nnpm ci --no-audit --no-fund\n');
  });

  it('a clean clone unpacks the node_modules an earlier npm ci archived for the same lock file and package.json files', () => {
    provide('java', 'mvn', 'go', 'tar');
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'clone', workspaces: ['packages/*'] }));
    mkdirSync(join(repo, 'packages/a'), { recursive: true });
    writeFileSync(join(repo, 'packages/a/package.json'), JSON.stringify({ name: 'a' }));
    // an npm whose ci installs a package at the root and a nested one in the workspace
    writeFileSync(
      join(bin, 'npm'),
      [
        '#!/bin/sh',
        `echo "npm $*" >> "${calls}"`,
        `${which('mkdir')} -p "${repo}/node_modules/left-pad" "${repo}/packages/a/node_modules/nested"`,
        `echo "module.exports = 1" > "${repo}/node_modules/left-pad/index.js"`,
        `echo "{}" > "${repo}/node_modules/.package-lock.json"`,
        `echo "module.exports = 2" > "${repo}/packages/a/node_modules/nested/index.js"`,
      ].join('\n'),
      { mode: 0o755 },
    );
    const clean = () => {
      rmSync(join(repo, 'node_modules'), { recursive: true, force: true });
      rmSync(join(repo, 'packages/a/node_modules'), { recursive: true, force: true });
    };
    const archives = () => readdirSync(join(repo, 'cache/node-modules')).filter((f) => f.endsWith('.tar'));

    clean();
    const first = check('start');
    expect(first.status).toBe(0);
    expect(recordedCalls()).toBe('npm ci --no-audit --no-fund\n');
    expect(first.stderr).toMatch(/node_modules archived in .*node-modules\/[0-9a-f]{24}\.tar/);
    expect(archives()).toHaveLength(1);

    clean();
    const second = check('start');
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/node_modules unpacked from/);
    expect(recordedCalls()).toBe('npm ci --no-audit --no-fund\n');
    expect(readFileSync(join(repo, 'node_modules/left-pad/index.js'), 'utf8')).toContain('1');
    expect(readFileSync(join(repo, 'packages/a/node_modules/nested/index.js'), 'utf8')).toContain('2');
    // unpacked, it counts as installed after the clone's lock file: the next check does nothing
    expect(check('start')).toEqual({ status: 0, stdout: '', stderr: '' });

    // a workspace's package.json changed: another key, so npm ci again, and a second archive
    writeFileSync(join(repo, 'packages/a/package.json'), JSON.stringify({ name: 'a', version: '2.0.0' }));
    clean();
    expect(check('start').status).toBe(0);
    expect(recordedCalls()).toBe('npm ci --no-audit --no-fund\nnpm ci --no-audit --no-fund\n');
    expect(archives()).toHaveLength(2);

    // switched off: npm ci even with an archive of this key
    clean();
    expect(check('start', { TRADEPILOT_NODE_MODULES_CACHE: '0' }).status).toBe(0);
    expect(recordedCalls()).toBe('npm ci --no-audit --no-fund\n'.repeat(3));
  });
});
