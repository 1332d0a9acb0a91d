// A clean clone's node_modules from a copy kept outside the tree, as a CI cache does: after `npm ci`
// the installed folders are archived in $TRADEPILOT_CACHE/node-modules/<key>.tar, and a later clone
// whose key matches unpacks them instead of installing (seconds instead of a minute of CPU). The key
// covers everything npm ci's result depends on: the lock file, every package.json of the
// workspace, node's and npm's versions and the platform. TRADEPILOT_NODE_MODULES_CACHE=0 turns it
// off. Node built-ins and tar only: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** archives kept: the current key and the one before it (a branch switch back and forth) */
const kept = 2;

export function nodeModulesCacheDir(env) {
  if (env.TRADEPILOT_NODE_MODULES_CACHE === '0') return undefined;
  const cache = env.TRADEPILOT_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tradepilot');
  return join(cache, 'node-modules');
}

/** The workspace folders (root package.json `workspaces`, `dir/*` patterns or plain folders). */
function workspaceDirs(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = [];
  for (const pattern of manifest.workspaces ?? []) {
    if (!pattern.endsWith('/*')) {
      dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) continue;
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true }))
      if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
  }
  return dirs.filter((d) => existsSync(join(root, d, 'package.json'))).sort();
}

export function nodeModulesKey(root, env) {
  const hash = createHash('sha256');
  const npm = /npm\/(\S+)/.exec(env.npm_config_user_agent ?? '')?.[1] ?? 'unknown';
  hash.update(`${process.version} npm ${npm} ${process.platform} ${process.arch}\n`);
  for (const file of ['package-lock.json', 'package.json', ...workspaceDirs(root).map((d) => `${d}/package.json`)]) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 24);
}

/** Every node_modules folder npm ci made: the root's and the workspaces' own (nested versions). */
function installedFolders(root) {
  if (!existsSync(join(root, 'package.json'))) return [];
  return ['.', ...workspaceDirs(root)]
    .map((d) => (d === '.' ? 'node_modules' : `${d}/node_modules`))
    .filter((d) => existsSync(join(root, d)));
}

/** Unpacks the archive of this key, if there is one; true when node_modules is in place. */
export function restoreNodeModules(root, env, log) {
  const dir = nodeModulesCacheDir(env);
  if (!dir || !existsSync(join(root, 'package.json'))) return false;
  const archive = join(dir, `${nodeModulesKey(root, env)}.tar`);
  if (!existsSync(archive)) return false;
  const unpacked = spawnSync('tar', ['-xf', archive, '-C', root], { stdio: 'inherit' });
  if (unpacked.status !== 0) {
    for (const folder of installedFolders(root)) rmSync(join(root, folder), { recursive: true, force: true });
    log(`could not unpack ${archive}: installing instead`);
    return false;
  }
  // the freshness check compares this file with package-lock.json, which the clone just wrote
  const now = new Date();
  utimesSync(join(root, 'node_modules/.package-lock.json'), now, now);
  log(`node_modules unpacked from ${archive} (same lock file, package.json files, node and npm)`);
  return true;
}

/** Archives what npm ci just installed under its key; older archives beyond `kept` go. */
export function saveNodeModules(root, env, log) {
  const dir = nodeModulesCacheDir(env);
  const folders = installedFolders(root);
  if (!dir || !existsSync(join(root, 'package.json')) || folders.length === 0) return;
  mkdirSync(dir, { recursive: true });
  const archive = join(dir, `${nodeModulesKey(root, env)}.tar`);
  // another clone may write the same key at the same time: each writes its own file, then renames
  const partial = `${archive}.${process.pid}.partial`;
  const packed = spawnSync('tar', ['-cf', partial, '-C', root, ...folders], { stdio: 'inherit' });
  if (packed.status !== 0) {
    rmSync(partial, { force: true });
    log(`could not archive node_modules into ${dir}; the next clean clone runs npm ci again`);
    return;
  }
  renameSync(partial, archive);
  const archives = readdirSync(dir)
    .filter((f) => f.endsWith('.tar'))
    .map((f) => ({ file: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of archives.slice(kept)) rmSync(old.file, { force: true });
  log(`node_modules archived in ${archive} for the next clean clone`);
}
