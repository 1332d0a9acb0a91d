#!/usr/bin/env node
// Makes a fresh clone ready for `npm start` / `npm test` (npm runs it as prestart / pretest, and so
// does CI through `npm test`). Node built-ins only: it runs before node_modules exists.
// Usage: node infra/local/prerequisites.mjs start|test   (quiet and exit 0 when nothing is missing)
//
// 1. The system programs the local infrastructure needs (and, for `test`, docker-compose). A missing
//    one is installed from Debian packages when this runs unattended as root with apt-get (CI);
//    TRADEPILOT_AUTO_INSTALL=0 switches that off. Otherwise one message lists what to install and how.
// 2. `npm ci` when node_modules is missing or older than package-lock.json; a clean clone whose lock
//    file and package.json files match an earlier install unpacks that instead (node-modules-cache.mjs).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreNodeModules, saveNodeModules } from './node-modules-cache.mjs';

const env = process.env;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const purpose = process.argv[2];
if (purpose !== 'start' && purpose !== 'test') {
  process.stderr.write('usage: node infra/local/prerequisites.mjs start|test\n');
  process.exit(2);
}

/** The program on PATH, as an absolute path, or undefined. */
function which(command) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Compares dotted versions: negative when a < b. */
function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function output(path, args) {
  const run = spawnSync(path, args, { encoding: 'utf8', timeout: 30_000 });
  return `${run.stdout ?? ''}${run.stderr ?? ''}`;
}

/**
 * What `npm start` and `npm test` need from the system. `apt` is the Debian package installed
 * automatically; Go has none (Debian 12's golang is 1.19), so it is always installed by hand.
 */
const programs = [
  {
    command: 'node',
    role: 'runs everything',
    need: 'Node.js 20.19 or newer (node)',
    how: 'https://nodejs.org/en/download',
    minimum: '20.19.0',
    version: () => process.versions.node,
  },
  {
    command: 'java',
    role: 'runs Kafka',
    need: 'a Java 17+ runtime (java)',
    apt: 'openjdk-17-jre-headless',
    minimum: '17',
    version: (path) => {
      const found = /version "(\d+)(?:\.(\d+))?/.exec(output(path, ['-version']));
      if (!found) return undefined;
      return found[1] === '1' ? found[2] : found[1];
    },
  },
  {
    command: 'mvn',
    role: 'resolves the Kafka jars from Maven Central',
    need: 'Apache Maven 3.8+ (mvn)',
    apt: 'maven',
  },
  {
    command: 'go',
    role: 'builds FerretDB and Jaeger',
    need: 'Go 1.24.6 or newer (go)',
    how: 'https://go.dev/doc/install (Debian 12 ships an older Go)',
    minimum: '1.24.6',
    version: (path) => /go(\d+\.\d+(?:\.\d+)?)/.exec(output(path, ['version']))?.[1],
  },
  {
    command: 'docker-compose',
    role: 'validates infra/compose/docker-compose.yml',
    need: 'docker-compose',
    apt: 'docker-compose',
    only: 'test',
  },
  {
    // the headless shell: the browser's engine without its own interface, a fifth less CPU
    command: 'chromium-headless-shell',
    role: 'runs the console’s browser tests (never a downloaded browser)',
    need: 'Chromium’s headless shell (chromium-headless-shell)',
    apt: 'chromium-headless-shell',
    only: 'test',
  },
  {
    // not a program: Chromium draws Chinese with a font of the system (fontconfig finds it)
    command: 'fc-list',
    role: 'lets Chromium draw the console’s Chinese (layout and contrast checks of the browser tests)',
    need: 'a Chinese font (fonts-wqy-microhei)',
    apt: 'fonts-wqy-microhei',
    only: 'test',
    present: () => which('fc-list') !== undefined && output(which('fc-list'), [':lang=zh', 'family']).trim() !== '',
  },
].filter((p) => !p.only || p.only === purpose);

/** Each program that is missing or too old, with what was found. */
function problems() {
  const found = [];
  for (const program of programs) {
    const path = program.command === 'node' ? process.execPath : which(program.command);
    if (program.present ? !program.present() : !path) {
      found.push({ program, found: program.present ? 'not installed' : 'not found on PATH', absent: true });
      continue;
    }
    if (!program.minimum) continue;
    const version = program.version(path);
    if (!version) found.push({ program, found: `${path} did not report its version` });
    else if (compareVersions(version, program.minimum) < 0)
      found.push({ program, found: `${path} is version ${version}` });
  }
  return found;
}

/** Why missing packages are not installed automatically here, or undefined when they may be. */
function noAutoInstallReason() {
  if (/^(0|false|no|off)$/i.test(env.TRADEPILOT_AUTO_INSTALL ?? ''))
    return 'automatic installation is switched off (TRADEPILOT_AUTO_INSTALL=0)';
  if (process.getuid?.() !== 0) return 'automatic installation runs only as root';
  if (process.stdin.isTTY && !env.CI)
    return 'automatic installation runs only unattended (CI, no terminal), never behind your back';
  if (!which('apt-get')) return 'automatic installation needs apt-get (Debian, Ubuntu)';
  return undefined;
}

function installWithApt(packages) {
  const started = Date.now();
  process.stderr.write(
    `[prerequisites] installing ${packages.join(' ')} with apt-get (TRADEPILOT_AUTO_INSTALL=0 switches this off) … `,
  );
  const aptGet = which('apt-get');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const log = [];
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const run = spawnSync(aptGet, args, { env: aptEnv, encoding: 'utf8' });
    log.push(`$ apt-get ${args.join(' ')}`, run.stdout ?? '', run.stderr ?? '', run.error?.message ?? '');
    if (run.status !== 0) {
      process.stderr.write(`failed:\n${log.join('\n').trim()}\n`);
      return;
    }
  }
  process.stderr.write(`done in ${Math.round((Date.now() - started) / 1000)}s\n`);
}

/** The one message: everything still missing, how to install it, and why it was not done here. */
function report(missing, reason) {
  const asRoot = process.getuid?.() === 0 ? '' : 'sudo ';
  const lines = [
    `Tradepilot cannot run \`npm ${purpose}\` yet: ${missing.length === 1 ? 'one program is' : `${missing.length} programs are`} missing.`,
    '',
  ];
  for (const { program, found } of missing) {
    lines.push(`  ${program.need}: ${found}; ${program.role}`);
    lines.push(
      `      ${program.apt ? `Debian/Ubuntu: ${asRoot}apt-get install ${program.apt}` : program.how}`,
    );
  }
  const apt = missing.filter((m) => m.program.apt).map((m) => m.program.apt);
  if (apt.length > 1)
    lines.push('', `All Debian packages at once: ${asRoot}apt-get install -y ${apt.join(' ')}`);
  if (reason) lines.push('', `Not installed here: ${reason}.`);
  lines.push(`Install ${missing.length === 1 ? 'it' : 'them'}, then run \`npm ${purpose}\` again.`, '');
  process.stderr.write(lines.join('\n'));
}

function ensurePrograms() {
  let missing = problems();
  if (missing.length === 0) return true;
  const installable = missing.filter((m) => m.program.apt && m.absent);
  if (installable.length === 0) {
    report(missing, undefined);
    return false;
  }
  const reason = noAutoInstallReason();
  if (!reason) {
    installWithApt(installable.map((m) => m.program.apt));
    missing = problems();
    if (missing.length === 0) return true;
  }
  report(missing, reason ?? 'apt-get did not install everything');
  return false;
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
function ensureNodeModules() {
  const mtime = (path) => {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
  };
  // npm writes node_modules/.package-lock.json at the end of every install
  const installed = mtime(join(root, 'node_modules/.package-lock.json'));
  const lock = mtime(join(root, 'package-lock.json'));
  if (installed !== undefined && lock !== undefined && installed >= lock) return true;
  const log = (line) => process.stderr.write(`[prerequisites] ${line}\n`);
  if (installed === undefined && restoreNodeModules(root, env, log)) return true;
  process.stderr.write(
    `[prerequisites] node_modules is ${installed === undefined ? 'missing' : 'older than package-lock.json'}: running npm ci\n`,
  );
  // inside an npm script npm_execpath is the npm that runs us
  const [command, args] = env.npm_execpath
    ? [process.execPath, [env.npm_execpath]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const run = spawnSync(command, [...args, 'ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.status === 0) {
    saveNodeModules(root, env, log);
    return true;
  }
  process.stderr.write(
    `npm ci failed (${run.error?.message ?? `exit ${run.status}`}); fix that, then run \`npm ${purpose}\` again.\n`,
  );
  return false;
}

process.exit(ensurePrograms() && ensureNodeModules() ? 0 : 1);
