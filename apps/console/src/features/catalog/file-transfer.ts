/** A picked file as the import procedure takes it: CSV as text, XLSX as base64. */
export async function readForImport(file: File): Promise<{ format: 'csv' | 'xlsx'; content: string }> {
  if (file.name.toLowerCase().endsWith('.xlsx')) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { format: 'xlsx', content: btoa(binary) };
  }
  return { format: 'csv', content: await file.text() };
}

/** Saves what the export procedure returned as a file. */
export function download(file: { fileName: string; contentType: string; encoding: string; content: string }): void {
  const body =
    file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content;
  const url = URL.createObjectURL(new Blob([body], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(url);
}
