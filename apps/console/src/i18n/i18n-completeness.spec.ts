import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { hardCodedText } from '../test/hard-coded-text';
import { filesUnder, leaves, namespaces, sourceRoot } from '../test/locale-files';

const zh = namespaces('zh-CN');
const en = namespaces('en');
const cjk = /\p{Script=Han}/u;
const sources = filesUnder(sourceRoot, (n) => /\.tsx?$/.test(n) && !n.endsWith('.spec.ts'));

/** The namespace a source file's `t()` reads: its feature folder's, or `common`. */
const namespaceOf = (file: string) => /features[\\/]([^\\/]+)[\\/]/.exec(file)?.[1] ?? 'common';

/** `t('key')`, `t('ns:key')` and `t(\`prefix.${x}\`)` calls with the file's namespace. */
function keysUsed(file: string): { key: string; prefix: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const fixed = [...text.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => ({ key: m[1] as string, prefix: false }));
  const dynamic = [...text.matchAll(/\bt\(\s*`([^`$]+)\$\{/g)].map((m) => ({ key: m[1] as string, prefix: true }));
  const ns = namespaceOf(file);
  return [...fixed, ...dynamic].map((k) => ({ ...k, key: k.key.includes(':') ? k.key : `${ns}:${k.key}` }));
}

describe('the console speaks Chinese first and English, completely', () => {
  it('has the same namespaces in both languages', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    expect(zh.size).toBeGreaterThan(3);
  });

  it.each([...zh.keys()])('namespace %s has every key in both languages, none empty', (ns) => {
    const zhLeaves = leaves(zh.get(ns) ?? {});
    const enLeaves = leaves(en.get(ns) ?? {});
    expect({ ns, missingInEnglish: [...zhLeaves.keys()].filter((k) => !enLeaves.has(k)) }).toEqual({ ns, missingInEnglish: [] });
    expect({ ns, missingInChinese: [...enLeaves.keys()].filter((k) => !zhLeaves.has(k)) }).toEqual({ ns, missingInChinese: [] });
    const empty = [...zhLeaves, ...enLeaves].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect({ ns, empty }).toEqual({ ns, empty: [] });
  });

  it.each([...zh.keys()])('namespace %s is written in Chinese in the zh-CN file', (ns) => {
    const untranslated = [...leaves(zh.get(ns) ?? {})].filter(([, v]) => !cjk.test(String(v))).map(([k, v]) => `${k}=${String(v)}`);
    // names that are the same in every language
    const allowed = ['Jaeger'];
    expect(untranslated.filter((u) => !allowed.some((a) => u.endsWith(`=${a}`)))).toEqual([]);
  });

  it('has every key the code asks for, in both languages', () => {
    const missing: string[] = [];
    for (const file of sources) {
      for (const used of keysUsed(file)) {
        const [ns, key] = used.key.split(':') as [string, string];
        for (const [language, messages] of [['zh-CN', zh], ['en', en]] as const) {
          const all = [...leaves(messages.get(ns) ?? {}).keys()];
          const present = used.prefix ? all.some((k) => k.startsWith(key)) : all.includes(key);
          if (!present) missing.push(`${relative(sourceRoot, file)}: ${language} ${ns}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('shows no hard-coded text in any screen', () => {
    const found = sources
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((file) => hardCodedText(file, readFileSync(file, 'utf8')).map((h) => `${relative(sourceRoot, file)}:${h.line} ${h.text}`));
    expect(found).toEqual([]);
  });

  it('would notice hard-coded text (the check itself bites)', () => {
    const sample = `export const A = () => <Modal title="审批" okText={'OK'}><p>请先登录</p>{'Sign in'}<span>{t('x')} — </span></Modal>;`;
    expect(hardCodedText('sample.tsx', sample).map((h) => h.text)).toEqual(['审批', 'OK', '请先登录', 'Sign in']);
  });
});
