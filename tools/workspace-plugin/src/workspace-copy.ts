import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=generator-test', '-c', 'user.email=generator-test@localhost', ...args],
    {
      cwd,
      encoding: 'utf8',
    },
  );

/**
 * A throwaway copy of the workspace in a temporary folder, committed in a repository of its own
 * (so `git status` shows what a generator changed): the tracked and new files, the build output
 * (so tasks start warm), and node_modules as links to this workspace's (its own packages linked
 * to the copy's folders).
 */
export class WorkspaceCopy {
  readonly root = mkdtempSync(join(tmpdir(), 'tradepilot-workspace-'));

  constructor(readonly source: string) {
    const files = git(source, 'ls-files', '--cached', '--others', '--exclude-standard', '-z')
      .split('\0')
      .filter((f) => f && existsSync(join(source, f)));
    for (const file of files) {
      mkdirSync(dirname(join(this.root, file)), { recursive: true });
      cpSync(join(source, file), join(this.root, file), { preserveTimestamps: true });
    }
    git(this.root, 'init', '-q');
    git(this.root, 'add', '-A');
    git(this.root, 'commit', '-q', '-m', 'workspace copy');
    for (const project of this.workspaces()) {
      for (const output of ['dist', 'out-tsc'])
        if (existsSync(join(source, project, output)))
          cpSync(join(source, project, output), join(this.root, project, output), {
            recursive: true,
            preserveTimestamps: true,
          });
    }
    this.linkModules();
  }

  /** Links node_modules: third-party packages to the source's, the workspace's own to the copy's folders. */
  linkModules(): void {
    const modules = join(this.root, 'node_modules');
    mkdirSync(join(modules, '@tradepilot'), { recursive: true });
    for (const entry of readdirSync(join(this.source, 'node_modules'))) {
      if (entry === '@tradepilot' || existsSync(join(modules, entry))) continue;
      symlinkSync(join(this.source, 'node_modules', entry), join(modules, entry));
    }
    for (const project of this.workspaces()) {
      const own = join(this.source, project, 'node_modules');
      if (existsSync(own) && !existsSync(join(this.root, project, 'node_modules')))
        symlinkSync(own, join(this.root, project, 'node_modules'));
      const name = (
        JSON.parse(readFileSync(join(this.root, project, 'package.json'), 'utf8')) as { name: string }
      ).name;
      const link = join(modules, name);
      if (!existsSync(link)) symlinkSync(join(this.root, project), link);
    }
  }

  /** The folders of the copy's npm workspaces. */
  workspaces(): string[] {
    const patterns = (
      JSON.parse(readFileSync(join(this.root, 'package.json'), 'utf8')) as { workspaces: string[] }
    ).workspaces;
    return patterns.flatMap((pattern) => {
      if (!pattern.endsWith('/*'))
        return existsSync(join(this.root, pattern, 'package.json')) ? [pattern] : [];
      const parent = pattern.slice(0, -2);
      return readdirSync(join(this.root, parent), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(this.root, parent, d.name, 'package.json')))
        .map((d) => `${parent}/${d.name}`);
    });
  }

  /** Paths git sees changed or new since the copy was made. */
  changedFiles(): string[] {
    return git(this.root, 'status', '--porcelain', '-uall')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
