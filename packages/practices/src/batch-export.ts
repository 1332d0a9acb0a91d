import { newWorkbook } from '@tradepilot/attachments';
import type { TenantRegistry } from '@tradepilot/tenancy';
import type { BatchDocument } from './batch-model';
import type { LibraryPracticeDocument } from './library-model';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  encoding: 'utf-8' | 'base64';
  content: string;
  rows: number;
}

const chineseNumerals = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 第N批 as the official documents write it (一 … 九十九). */
export function batchOrdinal(n: number): string {
  if (n <= 10) return chineseNumerals[n] as string;
  if (n < 20) return `十${chineseNumerals[n - 10]}`;
  if (n < 100)
    return `${chineseNumerals[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : chineseNumerals[n % 10]}`;
  return String(n);
}

const areaName = (registry: TenantRegistry, id: string) => registry.pilotArea(id)?.name['zh-CN'] ?? id;
const provinceName = (registry: TenantRegistry, id: string) => registry.province(id)?.name['zh-CN'] ?? id;

/** The cases of a batch in theme order. */
function inThemeOrder(batch: BatchDocument, cases: LibraryPracticeDocument[]) {
  const byId = new Map(cases.map((c) => [c._id, c]));
  return batch.themes.map((t) => ({
    theme: t,
    cases: t.practiceIds
      .map((id) => byId.get(id))
      .filter((c): c is LibraryPracticeDocument => c !== undefined),
  }));
}

/** One row per case: number, theme, title, area, province, co-authors, task group, summary, results. */
export async function batchXlsx(
  batch: BatchDocument,
  cases: LibraryPracticeDocument[],
  registry: TenantRegistry,
): Promise<ExportedFile> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(`第${batch.number}批`);
  sheet.addRow([
    '序号',
    '主题',
    '案例名称',
    'Title',
    '试点地区',
    '省份',
    '合作地区',
    '任务组',
    '主要做法',
    '实践效果',
    '复制推广条件',
    '标签',
  ]);
  let n = 0;
  for (const { theme, cases: themed } of inThemeOrder(batch, cases)) {
    for (const c of themed) {
      n += 1;
      sheet.addRow([
        n,
        theme.name['zh-CN'],
        c.title['zh-CN'],
        c.title.en,
        areaName(registry, c.pilotAreaId),
        provinceName(registry, c.province),
        c.coAuthors.map((a) => areaName(registry, a.pilotAreaId)).join('、'),
        c.taskGroupId ?? '',
        c.practice,
        c.results,
        c.replicationConditions,
        c.tags.join('、'),
      ]);
    }
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    fileName: `practices-batch-${batch.number}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    encoding: 'base64',
    content: buffer.toString('base64'),
    rows: n,
  };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The batch as a printable document in the official layout: publisher and heading, then each
 * theme (一、二、…) with its cases (area, summary). Prints cleanly to PDF from a browser.
 */
export function batchHtml(
  batch: BatchDocument,
  cases: LibraryPracticeDocument[],
  registry: TenantRegistry,
): ExportedFile {
  const sections = inThemeOrder(batch, cases)
    .map(({ theme, cases: themed }, i) => {
      const items = themed
        .map(
          (c, j) => `
    <article class="case">
      <h3>${j + 1}. ${escape(c.title['zh-CN'])}</h3>
      <p class="area">${escape(areaName(registry, c.pilotAreaId))}（${escape(provinceName(registry, c.province))}）${
        c.coAuthors.length > 0
          ? `，合作：${escape(c.coAuthors.map((a) => areaName(registry, a.pilotAreaId)).join('、'))}`
          : ''
      }</p>
      <p><strong>主要做法：</strong>${escape(c.practice)}</p>
      <p><strong>实践效果：</strong>${escape(c.results)}</p>
    </article>`,
        )
        .join('');
      return `
  <section>
    <h2>${chineseNumerals[i + 1] ?? i + 1}、${escape(theme.name['zh-CN'])}</h2>${items}
  </section>`;
    })
    .join('');
  const content = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(batch.title['zh-CN'])}</title>
<style>
  @page { size: A4; margin: 25mm 20mm; }
  body { font-family: "FangSong", "STFangsong", "Songti SC", serif; font-size: 16pt; line-height: 1.6; color: #000; }
  .publisher { text-align: center; color: #c00; font-size: 22pt; font-weight: bold; border-bottom: 2px solid #c00; padding-bottom: 8pt; }
  h1 { text-align: center; font-family: "SimHei", "Heiti SC", sans-serif; font-size: 20pt; }
  .meta { text-align: center; }
  h2 { font-family: "SimHei", "Heiti SC", sans-serif; font-size: 16pt; page-break-after: avoid; }
  h3 { font-family: "KaiTi", "STKaiti", serif; font-size: 16pt; page-break-after: avoid; }
  .case { page-break-inside: avoid; }
  .area { color: #333; }
  ${batch.illustrative ? '.illustrative { border: 1px dashed #999; padding: 4pt; text-align: center; }' : ''}
</style>
</head>
<body>
  <div class="publisher">${escape(batch.publisher)}</div>
  <h1>${escape(batch.title['zh-CN'])}</h1>
  <p class="meta">（第${batchOrdinal(batch.number)}批 · ${escape(batch.releaseDate)}）</p>
  ${batch.illustrative ? '<p class="illustrative">示例数据，非正式发布 / Illustrative data, not an official publication</p>' : ''}${sections}
</body>
</html>
`;
  return {
    fileName: `practices-batch-${batch.number}.html`,
    contentType: 'text/html; charset=utf-8',
    encoding: 'utf-8',
    content,
    rows: cases.length,
  };
}
