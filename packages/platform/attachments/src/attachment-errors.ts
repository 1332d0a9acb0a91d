import { AppError, notFound } from '@tradepilot/service-kit';

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Every way an upload or a download is refused, in zh-CN and en. */
export const attachmentErrors = {
  tooLarge: (maxBytes: number) =>
    new AppError('PAYLOAD_TOO_LARGE', 'ATTACHMENT_TOO_LARGE', {
      'zh-CN': `附件超过 ${megabytes(maxBytes)} 的大小上限`,
      en: `The attachment is larger than the limit of ${megabytes(maxBytes)}`,
    }),
  empty: () =>
    new AppError('BAD_REQUEST', 'ATTACHMENT_EMPTY', {
      'zh-CN': '附件为空文件',
      en: 'The attachment is an empty file',
    }),
  unsupportedType: (filename: string) =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', 'ATTACHMENT_TYPE_NOT_ACCEPTED', {
      'zh-CN': `附件“${filename}”的内容不是可接受的类型（PDF、PNG/JPEG/GIF/WebP 图片、XLSX、DOCX）`,
      en: `The content of "${filename}" is not an accepted type (PDF, PNG/JPEG/GIF/WebP image, XLSX, DOCX)`,
    }),
  extensionMismatch: (filename: string, extensions: readonly string[]) =>
    new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'ATTACHMENT_EXTENSION_MISMATCH',
      {
        'zh-CN': `附件“${filename}”的扩展名与其内容不符，内容应使用扩展名 .${extensions.join(' 或 .')}`,
        en: `The extension of "${filename}" does not match its content, which calls for .${extensions.join(' or .')}`,
      },
      { extensions },
    ),
  badFilename: () =>
    new AppError('BAD_REQUEST', 'ATTACHMENT_FILENAME_INVALID', {
      'zh-CN': '附件文件名无效：须为 1 至 200 个字符且不含控制字符',
      en: 'The attachment file name is invalid: 1 to 200 characters, no control characters',
    }),
  notMultipart: () =>
    new AppError('BAD_REQUEST', 'ATTACHMENT_NOT_MULTIPART', {
      'zh-CN': '上传须为 multipart/form-data 请求，文件放在字段 file 中',
      en: 'An upload is a multipart/form-data request with the file in the field "file"',
    }),
  oneFile: () =>
    new AppError('BAD_REQUEST', 'ATTACHMENT_ONE_FILE', {
      'zh-CN': '每次上传须且只能包含一个文件（字段 file），不接受其他字段',
      en: 'An upload carries exactly one file (field "file") and no other fields',
    }),
  notAllowed: () =>
    new AppError('FORBIDDEN', 'ATTACHMENT_UPLOAD_NOT_ALLOWED', {
      'zh-CN': '您的角色不能上传附件',
      en: 'Your role may not upload attachments',
    }),
  notFound: () => notFound({ 'zh-CN': '附件', en: 'Attachment' }, 'ATTACHMENT_NOT_FOUND'),
};
