import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addImport, addToList } from './source-insertions';

describe('registering in a hand-written list', () => {
  it('adds an import after the last one, once', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('a.ts', "import { a } from './a';\nimport { b } from './b';\n\nexport const x = 1;\n");
    addImport(tree, 'a.ts', "import { c } from './c';");
    addImport(tree, 'a.ts', "import { c } from './c';");
    expect(tree.read('a.ts', 'utf-8')).toBe(
      "import { a } from './a';\nimport { b } from './b';\nimport { c } from './c';\n\nexport const x = 1;\n",
    );
  });

  it('appends to a list one per line, or on one line, as the list is written', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('l.ts', 'export const all = [\n  ...one,\n  ...two,\n];\nexport type T = M<\n  [A, B]\n>;\n');
    addToList(tree, 'l.ts', 'export const all = [', '...three');
    addToList(tree, 'l.ts', /M<\s*\[/, 'C');
    expect(tree.read('l.ts', 'utf-8')).toBe(
      'export const all = [\n  ...one,\n  ...two,\n  ...three,\n];\nexport type T = M<\n  [A, B, C]\n>;\n',
    );
  });

  it('fails loudly when the list is not where it was', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('l.ts', 'export const other = [];\n');
    expect(() => addToList(tree, 'l.ts', 'export const all = [', 'x')).toThrow(/cannot find/);
  });
});
