import type { Tree } from '@nx/devkit';

/**
 * Formats the TypeScript the generator wrote or changed with the workspace's Prettier settings.
 * Only TypeScript: Prettier would realign the README's tables (which a test compares with the
 * generated ACL table) and rewrap the compose file.
 */
export async function formatTypeScript(tree: Tree): Promise<void> {
  const prettier = await import('prettier');
  for (const change of tree.listChanges()) {
    if (change.type === 'DELETE' || !change.path.endsWith('.ts')) continue;
    const options = (await prettier.resolveConfig(`${tree.root}/${change.path}`)) ?? {};
    const source = tree.read(change.path, 'utf-8') ?? '';
    tree.write(change.path, await prettier.format(source, { ...options, filepath: change.path }));
  }
}
