/** The kinds of file the platform accepts as attachments, each recognised by its content. */
export const attachmentKinds = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { contentType: 'image/gif', extensions: ['gif'] },
  webp: { contentType: 'image/webp', extensions: ['webp'] },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
} as const;

export type AttachmentKind = keyof typeof attachmentKinds;

/** How many leading bytes `sniffLeadingBytes` needs. */
export const leadingBytesNeeded = 16;

const startsWith = (head: Buffer, bytes: number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The kind a file's first bytes announce: a ZIP container is only 'zip' here, since whether it
 * is a workbook or a document is told by its entries (`officeKindOfZip`).
 */
export function sniffLeadingBytes(head: Buffer): AttachmentKind | 'zip' | undefined {
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return undefined;
}

const endOfCentralDirectory = 0x06054b50;
const centralDirectoryEntry = 0x02014b50;

/**
 * The entry names of a ZIP archive, read from its central directory. `tail` holds the archive's
 * last bytes and `tailOffset` where they start in it; undefined when the directory is not inside.
 */
export function zipEntryNames(tail: Buffer, tailOffset: number): string[] | undefined {
  // the end record is 22 bytes plus a comment of at most 65,535
  const searchFrom = Math.max(0, tail.length - 22 - 0xffff);
  let end = -1;
  for (let i = tail.length - 22; i >= searchFrom; i--) {
    if (tail.readUInt32LE(i) === endOfCentralDirectory) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = tail.readUInt16LE(end + 10);
  const directoryAt = tail.readUInt32LE(end + 16) - tailOffset;
  if (directoryAt < 0 || directoryAt > end) return undefined;
  const names: string[] = [];
  let at = directoryAt;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > end || tail.readUInt32LE(at) !== centralDirectoryEntry) return undefined;
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    names.push(tail.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** An Office Open XML workbook or document, told by the parts its package must contain. */
export function officeKindOfZip(entryNames: readonly string[]): 'xlsx' | 'docx' | undefined {
  const names = new Set(entryNames);
  if (!names.has('[Content_Types].xml')) return undefined;
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('word/document.xml')) return 'docx';
  return undefined;
}

/** The file name's extension in lower case ('' when it has none). */
export const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
};
