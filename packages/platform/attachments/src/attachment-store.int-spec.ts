import { infraConnection, uniqueName } from '@tradepilot/testing';
import { connectDatabase, TenantDatabases, TenantRegistry, tenantScope } from '@tradepilot/tenancy';
import type { Connection } from 'mongoose';
import { createHash } from 'node:crypto';
import { attachmentChunkModel, attachmentModels } from './attachment-models';
import { AttachmentStore } from './attachment-store';
import {
  docxFile,
  exeFile,
  jpegFile,
  pdfFile,
  piecesOf,
  pngFile,
  xlsxFile,
  zipOf,
} from './test/sample-files';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('AttachmentStore on FerretDB: chunked files in the tenant database', () => {
  const guangdong = tenantScope('guangdong');
  let root: Connection;
  let databases: TenantDatabases;
  let store: AttachmentStore;

  const readBack = async (id: string) => {
    const parts: Buffer[] = [];
    for await (const part of store.content(guangdong, { id })) parts.push(part);
    return Buffer.concat(parts);
  };
  const chunksInDatabase = async () =>
    (await databases.model(guangdong, attachmentChunkModel)).countDocuments({});
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (err: { appCode?: string; messages?: Record<string, string> }) => err,
    );

  beforeAll(async () => {
    root = await connectDatabase({ url: infraConnection().mongoUrl });
    databases = new TenantDatabases(root, {
      service: 'files',
      databasePrefix: `${uniqueName('att')}_`,
      registry: TenantRegistry.fromSeed(),
      models: attachmentModels,
    });
    // small chunks so even small test files span several
    store = new AttachmentStore(databases, { maxBytes: 10 * 1024 * 1024, chunkBytes: 64 * 1024 });
  });
  afterAll(async () => {
    for (const scope of await databases.existingScopes()) await databases.dropDatabase(scope);
    await root.close();
  });

  it('stores PDF, images, XLSX and DOCX streamed in pieces, and gives back the same bytes', async () => {
    const files: [string, Buffer, string][] = [
      ['案例材料.pdf', pdfFile(300 * 1024), 'application/pdf'],
      ['photo.PNG', pngFile(), 'image/png'],
      ['photo.jpg', jpegFile(), 'image/jpeg'],
      ['数据.xlsx', await xlsxFile(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['说明.docx', docxFile(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ];
    for (const [filename, data, contentType] of files) {
      const saved = await store.save(guangdong, {
        filename,
        uploadedBy: 'u1',
        content: piecesOf(data, 5000),
      });
      expect(saved).toMatchObject({
        filename,
        contentType,
        size: data.length,
        sha256: sha(data),
        owner: null,
      });
      expect(await readBack(saved.id)).toEqual(data);
      expect(await store.chunkCount(guangdong, saved.id)).toBe(Math.ceil(data.length / (64 * 1024)));
      expect(await store.describe(guangdong, saved.id)).toEqual(saved);
    }
  });

  it('accepts exactly 10 MB and refuses one byte more, leaving no chunk behind', async () => {
    const before = await chunksInDatabase();
    const limit = pdfFile(10 * 1024 * 1024);
    const saved = await store.save(guangdong, {
      filename: 'big.pdf',
      uploadedBy: 'u1',
      content: piecesOf(limit, 256 * 1024),
    });
    expect(saved.size).toBe(10 * 1024 * 1024);
    const over = Buffer.concat([limit, Buffer.from('x')]);
    const err = await refusal(
      store.save(guangdong, { filename: 'big.pdf', uploadedBy: 'u1', content: piecesOf(over, 256 * 1024) }),
    );
    expect(err).toMatchObject({ appCode: 'ATTACHMENT_TOO_LARGE', code: 'PAYLOAD_TOO_LARGE' });
    expect(err.messages?.['zh-CN']).toContain('大小上限');
    expect(await chunksInDatabase()).toBe(before + saved.size / (64 * 1024));
  });

  it('judges the type by content: a program named .pdf, a plain ZIP and a PNG named .pdf are refused', async () => {
    const before = await chunksInDatabase();
    const program = await refusal(
      store.save(guangdong, { filename: 'report.pdf', uploadedBy: 'u1', content: piecesOf(exeFile(), 3) }),
    );
    expect(program).toMatchObject({ appCode: 'ATTACHMENT_TYPE_NOT_ACCEPTED' });
    expect(program.messages?.['zh-CN']).toContain('report.pdf');
    const zip = zipOf({ 'a.txt': 'x'.repeat(200_000) });
    expect(
      await refusal(store.save(guangdong, { filename: 'a.docx', uploadedBy: 'u1', content: piecesOf(zip) })),
    ).toMatchObject({
      appCode: 'ATTACHMENT_TYPE_NOT_ACCEPTED',
    });
    const renamed = await refusal(
      store.save(guangdong, { filename: 'scan.pdf', uploadedBy: 'u1', content: piecesOf(pngFile()) }),
    );
    expect(renamed).toMatchObject({ appCode: 'ATTACHMENT_EXTENSION_MISMATCH' });
    expect(renamed.messages?.['zh-CN']).toContain('.png');
    expect(
      await refusal(
        store.save(guangdong, { filename: 'x.pdf', uploadedBy: 'u1', content: piecesOf(Buffer.alloc(0)) }),
      ),
    ).toMatchObject({
      appCode: 'ATTACHMENT_EMPTY',
    });
    expect(
      await refusal(
        store.save(guangdong, { filename: '../..', uploadedBy: 'u1', content: piecesOf(pdfFile()) }),
      ),
    ).toMatchObject({
      appCode: 'ATTACHMENT_FILENAME_INVALID',
    });
    expect(await chunksInDatabase()).toBe(before);
  });

  it('keeps only the base name of a path-like file name', async () => {
    const saved = await store.save(guangdong, {
      filename: 'C:\\docs\\..\\材料.pdf',
      uploadedBy: 'u1',
      content: piecesOf(pdfFile()),
    });
    expect(saved.filename).toBe('材料.pdf');
  });

  it('links uploads to their owner once: only the uploader, never to a second owner, all or nothing', async () => {
    const a = await store.save(guangdong, {
      filename: 'a.pdf',
      uploadedBy: 'u1',
      content: piecesOf(pdfFile()),
    });
    const b = await store.save(guangdong, {
      filename: 'b.pdf',
      uploadedBy: 'u2',
      content: piecesOf(pdfFile()),
    });
    const owner = { kind: 'practice', id: 'p1' };
    expect(await store.link(guangdong, [a.id, b.id], owner, 'u1')).toEqual({ linked: [], refused: [b.id] });
    expect((await store.describe(guangdong, a.id))?.owner).toBeNull();
    expect((await store.link(guangdong, [a.id], owner, 'u1')).linked[0]?.owner).toEqual(owner);
    // linking again to the same owner is harmless; to another is refused
    expect((await store.link(guangdong, [a.id], owner, 'u1')).refused).toEqual([]);
    expect(await store.link(guangdong, [a.id], { kind: 'practice', id: 'p2' }, 'u1')).toEqual({
      linked: [],
      refused: [a.id],
    });
    expect(await store.link(guangdong, ['missing'], owner)).toEqual({ linked: [], refused: ['missing'] });
    expect(await store.link(tenantScope('hainan'), [a.id], owner)).toEqual({ linked: [], refused: [a.id] });
  });

  it('removes a file with its chunks', async () => {
    const saved = await store.save(guangdong, {
      filename: 'gone.pdf',
      uploadedBy: 'u1',
      content: piecesOf(pdfFile(200_000)),
    });
    expect(await store.remove(guangdong, saved.id)).toBe(true);
    expect(await store.describe(guangdong, saved.id)).toBeUndefined();
    expect(await store.chunkCount(guangdong, saved.id)).toBe(0);
  });
});
