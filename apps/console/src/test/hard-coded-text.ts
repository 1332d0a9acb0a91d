import ts from 'typescript';

/** Attributes whose text a person reads (the same list the lint rule checks). */
export const visibleAttributes = new Set([
  'title',
  'placeholder',
  'label',
  'aria-label',
  'alt',
  'okText',
  'cancelText',
  'subTitle',
  'description',
  'extra',
  'tooltip',
  'content',
]);

/** Words that are the same in every language (the language switch names each language in itself). */
const neutral = /^[\s\d.,:;!?()[\]{}<>/\\|+\-*=%#@&'"`~^_—→·、：（）]*$/;
const selfNamed = new Set(['中文', 'English']);

export interface HardCodedText {
  line: number;
  text: string;
}

/** Text in JSX that a person would read but that does not come from the locale files. */
export function hardCodedText(fileName: string, source: string): HardCodedText[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.trim();
    if (neutral.test(trimmed) || selfNamed.has(trimmed)) return;
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText(file))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(value, value.text);
      if (value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression))
        report(value.expression, value.expression.text);
    }
    // string children such as {'文字'}
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      if (node.expression && ts.isStringLiteralLike(node.expression)) report(node.expression, node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
