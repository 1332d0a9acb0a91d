import { checkXlsxLimits as checkLimits, xlsxImportLimits, type XlsxLimits } from '@tradepilot/attachments';
import { fileTooLarge, unreadableFile } from './catalog-errors';

export { xlsxImportLimits, type XlsxLimits };

/** The platform's XLSX check (zip bombs, row counts) with the catalog's own refusals. */
export const checkXlsxLimits = (file: Buffer, limits: XlsxLimits = xlsxImportLimits): void =>
  checkLimits(
    file,
    { tooLarge: fileTooLarge, unreadable: (reason) => unreadableFile('xlsx', reason) },
    limits,
  );
