import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const sourceRoot = join(__dirname, '..');

/** Every file under `dir` whose name passes `keep`. */
export function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : filesUnder(path, keep);
    return keep(name) ? [path] : [];
  });
}

/** Namespace → messages of one language: `common` (i18n/locales) and one per feature folder. */
export function namespaces(language: 'zh-CN' | 'en'): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const file of filesUnder(sourceRoot, (n) => n === `${language}.json`)) {
    const parts = relative(sourceRoot, file).split(sep);
    const namespace = parts[0] === 'features' ? (parts[1] as string) : 'common';
    found.set(namespace, JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  }
  return found;
}

/** `a.b.c` → value, for every leaf. */
export function leaves(messages: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of leaves(value as Record<string, unknown>, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}
