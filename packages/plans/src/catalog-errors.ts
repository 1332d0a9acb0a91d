import { AppError, fileImportRejected, notFound } from '@tradepilot/service-kit';
import type { ImportProblem } from './measure-table';

export const measureNotFound = (measureId: string) =>
  notFound({ 'zh-CN': `举措 ${measureId}`, en: `Measure ${measureId}` }, 'MEASURE_NOT_FOUND', { measureId });

export const measureAlreadyExists = (measureId: string) =>
  new AppError(
    'CONFLICT',
    'MEASURE_ALREADY_EXISTS',
    { 'zh-CN': `举措 ${measureId} 已存在`, en: `Measure ${measureId} already exists` },
    { measureId },
  );

export const measureVersionConflict = (
  measureId: string,
  expected: number,
  actual: number,
  savedBy: string,
  savedAt: Date,
) =>
  new AppError(
    'CONFLICT',
    'VERSION_CONFLICT',
    {
      'zh-CN': `举措 ${measureId} 已被 ${savedBy} 于 ${savedAt.toISOString()} 修改（当前版本 ${actual}，您的版本 ${expected}），您的修改未保存`,
      en: `Measure ${measureId} was changed by ${savedBy} at ${savedAt.toISOString()} (now version ${actual}, yours ${expected}); nothing of yours was saved`,
    },
    { measureId, expectedVersion: expected, currentVersion: actual, savedBy, savedAt: savedAt.toISOString() },
  );

export const importRejected = (problems: ImportProblem[]) =>
  fileImportRejected(
    'MEASURE_IMPORT_REJECTED',
    problems,
    { 'zh-CN': '，未导入任何举措', en: '' },
    (p) => p.column,
  );

export const unreadableFile = (format: string, reason: string) =>
  new AppError(
    'BAD_REQUEST',
    'IMPORT_FILE_UNREADABLE',
    {
      'zh-CN': `content：无法读取 ${format.toUpperCase()} 文件（${reason}），未导入任何举措`,
      en: `content: the ${format.toUpperCase()} file could not be read (${reason}); nothing was imported`,
    },
    { field: 'content', format },
  );

export const importConflict = (measureIds: string[]) =>
  new AppError(
    'CONFLICT',
    'MEASURE_IMPORT_CONFLICT',
    {
      'zh-CN': `导入期间以下举措被他人修改，未覆盖：${measureIds.join('、')}；其余已导入，请重新导入`,
      en: `These measures were changed by someone else during the import and were not overwritten: ${measureIds.join(', ')}; the rest was imported — import again`,
    },
    { measureIds },
  );

/** A file past one of the import limits (a zip bomb, or simply too much): refused before it is parsed. */
export const fileTooLarge = (
  what: { 'zh-CN': string; en: string },
  limit: number,
  unit: 'bytes' | 'rows' | 'entries',
) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    'IMPORT_FILE_TOO_LARGE',
    {
      'zh-CN': `content：${what['zh-CN']}超过上限 ${limit} ${{ bytes: '字节', rows: '行', entries: '个条目' }[unit]}，未导入任何举措`,
      en: `content: ${what.en} exceeds the limit of ${limit} ${unit}; nothing was imported`,
    },
    { field: 'content', limit, unit },
  );
