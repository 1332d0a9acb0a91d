import { inflateRawSync } from 'node:zlib';

/** How a service words a refusal (its own bilingual errors): the check only measures. */
export interface XlsxLimitErrors {
  tooLarge(what: { 'zh-CN': string; en: string }, limit: number, unit: 'bytes' | 'rows' | 'entries'): Error;
  unreadable(reason: string): Error;
}

/** What an imported XLSX may hold; a measures catalog or a progress report is far below each. */
export interface XlsxLimits {
  zippedBytes: number;
  entryBytes: number;
  totalBytes: number;
  entries: number;
  rows: number;
}

export const xlsxImportLimits: XlsxLimits = {
  zippedBytes: 1024 * 1024,
  entryBytes: 8 * 1024 * 1024,
  totalBytes: 16 * 1024 * 1024,
  entries: 200,
  rows: 5000,
};

const endOfDirectory = 0x06054b50;
const directoryEntry = 0x02014b50;
const localHeader = 0x04034b50;
const worksheet = /^xl\/worksheets\/[^/]+\.xml$/;
const rowTag = /<(?:[A-Za-z]\w*:)?row[\s>/]/g;

/**
 * Checks an XLSX (a zip) against the limits before any parser sees it: the zipped size, the
 * number of entries, each entry's inflated size and the total, measured by inflating with a
 * bounded output (sizes the zip declares can lie), and the worksheets' row count. So a zip bomb
 * is refused with a clear error while memory stays within the limits.
 */
export function checkXlsxLimits(
  file: Buffer,
  errors: XlsxLimitErrors,
  limits: XlsxLimits = xlsxImportLimits,
): void {
  const fileTooLarge = errors.tooLarge;
  const broken = errors.unreadable;
  if (file.length > limits.zippedBytes)
    throw fileTooLarge({ 'zh-CN': '文件大小', en: 'the file' }, limits.zippedBytes, 'bytes');
  const end = findEndOfDirectory(file, broken);
  const count = file.readUInt16LE(end + 10);
  const directoryOffset = file.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw broken('ZIP64 is not supported');
  if (count > limits.entries)
    throw fileTooLarge(
      { 'zh-CN': '压缩包条目数', en: 'the number of zip entries' },
      limits.entries,
      'entries',
    );
  let at = directoryOffset;
  let total = 0;
  let rows = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== directoryEntry)
      throw broken('damaged zip directory');
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    const inflated = inflateEntry(
      file,
      file.readUInt32LE(at + 42),
      method,
      compressedSize,
      name,
      {
        entry: limits.entryBytes,
        left: limits.totalBytes - total,
        total: limits.totalBytes,
      },
      errors,
    );
    total += inflated.length;
    if (worksheet.test(name)) {
      rows += (inflated.toString('utf8').match(rowTag) ?? []).length;
      if (rows > limits.rows)
        throw fileTooLarge({ 'zh-CN': '工作表行数', en: 'the number of rows' }, limits.rows, 'rows');
    }
    at = next;
  }
}

function findEndOfDirectory(file: Buffer, broken: (reason: string) => Error): number {
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 65_535); at -= 1)
    if (file.readUInt32LE(at) === endOfDirectory) return at;
  throw broken('not a zip file');
}

function inflateEntry(
  file: Buffer,
  headerOffset: number,
  method: number,
  compressedSize: number,
  name: string,
  room: { entry: number; left: number; total: number },
  errors: XlsxLimitErrors,
): Buffer {
  const fileTooLarge = errors.tooLarge;
  const broken = errors.unreadable;
  if (headerOffset + 30 > file.length || file.readUInt32LE(headerOffset) !== localHeader)
    throw broken(`damaged zip entry ${name.slice(0, 60)}`);
  const start =
    headerOffset + 30 + file.readUInt16LE(headerOffset + 26) + file.readUInt16LE(headerOffset + 28);
  if (start + compressedSize > file.length) throw broken(`truncated zip entry ${name.slice(0, 60)}`);
  const data = file.subarray(start, start + compressedSize);
  const limit = Math.min(room.entry, room.left);
  const tooLarge = () =>
    room.left < room.entry
      ? fileTooLarge({ 'zh-CN': '解压后的总大小', en: 'the inflated size of the file' }, room.total, 'bytes')
      : fileTooLarge(
          { 'zh-CN': `解压后的条目 ${name.slice(0, 60)}`, en: `the inflated entry ${name.slice(0, 60)}` },
          room.entry,
          'bytes',
        );
  if (method === 0) {
    if (data.length > limit) throw tooLarge();
    return data;
  }
  if (method !== 8) throw broken(`zip compression method ${method} is not supported`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(limit, 1) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw tooLarge();
    throw broken(`damaged zip entry ${name.slice(0, 60)}`);
  }
}
