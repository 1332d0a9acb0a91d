import ExcelJS from 'exceljs';
import { checkXlsxLimits, xlsxImportLimits, type XlsxLimitErrors } from './xlsx-limits';

const errors: XlsxLimitErrors = {
  tooLarge: (what, limit, unit) => new Error(`too large: ${what.en} > ${limit} ${unit}`),
  unreadable: (reason) => new Error(`unreadable: ${reason}`),
};

const workbook = async (rows: number) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('s');
  for (let i = 0; i < rows; i += 1) sheet.addRow([`t${i}`, '推进中', i]);
  return Buffer.from(await book.xlsx.writeBuffer());
};

describe('XLSX limits, checked before any parser sees the file', () => {
  it('lets an ordinary workbook through', async () => {
    const file = await workbook(10);
    expect(() => checkXlsxLimits(file, errors)).not.toThrow();
  });

  it('refuses too many rows, too many bytes and what is not a zip, with the service’s own errors', async () => {
    const file = await workbook(10);
    expect(() => checkXlsxLimits(file, errors, { ...xlsxImportLimits, rows: 5 })).toThrow(
      'too large: the number of rows > 5 rows',
    );
    expect(() => checkXlsxLimits(file, errors, { ...xlsxImportLimits, zippedBytes: 100 })).toThrow(
      'too large: the file > 100 bytes',
    );
    expect(() => checkXlsxLimits(file, errors, { ...xlsxImportLimits, entryBytes: 200 })).toThrow(
      /too large: the inflated entry .* > 200 bytes/,
    );
    expect(() => checkXlsxLimits(Buffer.from('not a zip at all, just text'), errors)).toThrow(
      'unreadable: not a zip file',
    );
  });
});
