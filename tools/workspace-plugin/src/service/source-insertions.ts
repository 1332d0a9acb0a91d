import type { Tree } from '@nx/devkit';

/** Adds an import after the file's last import (once). */
export function addImport(tree: Tree, path: string, line: string): void {
  const text = read(tree, path);
  if (text.includes(line)) return;
  const imports = [...text.matchAll(/^import [^;]+;\n/gm)];
  const last = imports.at(-1);
  const at = last ? (last.index ?? 0) + last[0].length : 0;
  tree.write(path, text.slice(0, at) + `${line}\n` + text.slice(at));
}

/**
 * Adds `item` as the last element of the list that `opening` begins (an array or object literal
 * or a tuple type), keeping the list's own layout: one element per line, or all on one line.
 */
export function addToList(tree: Tree, path: string, opening: string | RegExp, item: string): void {
  const text = read(tree, path);
  const found =
    typeof opening === 'string'
      ? { index: text.indexOf(opening), length: opening.length }
      : ((m) => ({ index: m?.index ?? -1, length: m?.[0].length ?? 0 }))(opening.exec(text));
  if (found.index < 0) throw new Error(`${path}: cannot find "${String(opening)}" to register ${item}`);
  const open = found.index + found.length - 1;
  const close = matching(text, open);
  const body = text.slice(open + 1, close);
  if (body.includes(item)) return;
  const multiline = body.includes('\n');
  const next = multiline
    ? `${body.replace(/\s*$/, '')}\n${indentOf(body)}${item},\n${closingIndent(text, close)}`
    : `${body.replace(/,?\s*$/, '')}, ${item}`;
  tree.write(path, text.slice(0, open + 1) + next + text.slice(close));
}

function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  return text;
}

function matching(text: string, open: number): number {
  const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')', '<': '>' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c in pairs) stack.push(pairs[c] as string);
    else if (c === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  throw new Error(`unbalanced list at ${open}`);
}

const indentOf = (body: string) => /\n([ \t]+)\S/.exec(body)?.[1] ?? '  ';

function closingIndent(text: string, close: number): string {
  const lineStart = text.lastIndexOf('\n', close) + 1;
  return text.slice(lineStart, close).match(/^[ \t]*/)?.[0] ?? '';
}
