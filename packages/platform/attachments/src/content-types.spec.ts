import { extensionOf, officeKindOfZip, sniffLeadingBytes, zipEntryNames } from './content-types';
import { docxFile, exeFile, jpegFile, pdfFile, pngFile, zipOf } from './test/sample-files';

describe('attachment types told by content', () => {
  it('recognises PDF and images by their leading bytes', () => {
    expect(sniffLeadingBytes(pdfFile())).toBe('pdf');
    expect(sniffLeadingBytes(pngFile())).toBe('png');
    expect(sniffLeadingBytes(jpegFile())).toBe('jpeg');
    expect(sniffLeadingBytes(Buffer.from('GIF89a......'))).toBe('gif');
    expect(sniffLeadingBytes(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffLeadingBytes(docxFile())).toBe('zip');
  });

  it('recognises nothing else: programs, text, HTML', () => {
    expect(sniffLeadingBytes(exeFile())).toBeUndefined();
    expect(sniffLeadingBytes(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffLeadingBytes(Buffer.from('plain text pretending to be a PDF'))).toBeUndefined();
    expect(sniffLeadingBytes(Buffer.alloc(0))).toBeUndefined();
  });

  it('tells a workbook from a document by the parts in the ZIP, and refuses other archives', () => {
    const docx = docxFile();
    expect(officeKindOfZip(zipEntryNames(docx, 0) ?? [])).toBe('docx');
    const xlsx = zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(officeKindOfZip(zipEntryNames(xlsx, 0) ?? [])).toBe('xlsx');
    const plain = zipOf({ 'readme.txt': 'hello', 'word/document.xml': 'no content types' });
    expect(officeKindOfZip(zipEntryNames(plain, 0) ?? [])).toBeUndefined();
  });

  it('reads the directory from the tail of a large archive, and gives up when it is not there', () => {
    const docx = docxFile();
    const tail = docx.subarray(10);
    expect(zipEntryNames(tail, 10)).toContain('word/document.xml');
    expect(zipEntryNames(docx.subarray(docx.length - 30), docx.length - 30)).toBeUndefined();
    expect(zipEntryNames(Buffer.from('not a zip at all'), 0)).toBeUndefined();
  });

  it('reads the extension in lower case', () => {
    expect(extensionOf('报告.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.GZ')).toBe('gz');
    expect(extensionOf('README')).toBe('');
  });
});
