import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(__dirname, '../../dist');
/** the issue's budget for the JavaScript of the first page, gzip */
const budgetBytes = 350 * 1024;

type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

/**
 * The scripts the first page (sign-in) runs: the entry, the sign-in page's chunk, and every chunk
 * either of them imports statically (Vite's manifest says which).
 */
export function firstPageScripts(manifest: Manifest, pages: string[]): string[] {
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('the manifest names no entry');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  [entry, ...pages].forEach(visit);
  return [...seen].map((k) => manifest[k]?.file as string).filter((f) => f.endsWith('.js'));
}

describe('the first page stays small (routes are split)', () => {
  it('runs at most 350 KB of gzipped JavaScript to show the sign-in page', () => {
    const manifestFile = join(dist, '.vite/manifest.json');
    if (!existsSync(manifestFile)) throw new Error(`no ${manifestFile}: build the console first (nx run @tradepilot/console:build)`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const scripts = firstPageScripts(manifest, ['src/session/SignInPage.tsx']);
    const sizes = scripts.map((s) => ({ script: s, gzip: gzipSync(readFileSync(join(dist, s)), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    process.stdout.write(
      `first page JavaScript: ${(total / 1024).toFixed(1)} KB gzip in ${sizes.length} files (${sizes.map((s) => `${s.script} ${(s.gzip / 1024).toFixed(1)}`).join(', ')})\n`,
    );
    expect(total).toBeLessThanOrEqual(budgetBytes);
    // the charts library only comes with the screens that draw charts
    expect(scripts.some((s) => s.includes('charts'))).toBe(false);
  });

  it('follows static imports from the entry and the pages, not dynamic ones', () => {
    const manifest: Manifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor.js'] },
      '_vendor.js': { file: 'assets/vendor.js' },
      'src/session/SignInPage.tsx': { file: 'assets/SignIn.js', imports: ['_form.js'] },
      '_form.js': { file: 'assets/form.js' },
      'src/features/national/DashboardPage.tsx': { file: 'assets/Dashboard.js', imports: ['_charts.js'] },
      '_charts.js': { file: 'assets/charts.js' },
    };
    expect(firstPageScripts(manifest, ['src/session/SignInPage.tsx']).sort()).toEqual(
      ['assets/SignIn.js', 'assets/form.js', 'assets/index.js', 'assets/vendor.js'].sort(),
    );
  });
});
