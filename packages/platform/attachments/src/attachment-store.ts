import { trusted, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import { createHash, randomUUID } from 'node:crypto';
import {
  attachmentChunkModel,
  attachmentModel,
  chunkId,
  type AttachmentDocument,
  type AttachmentOwner,
} from './attachment-models';
import {
  attachmentKinds,
  extensionOf,
  leadingBytesNeeded,
  officeKindOfZip,
  sniffLeadingBytes,
  zipEntryNames,
  type AttachmentKind,
} from './content-types';
import { attachmentErrors } from './attachment-errors';

export interface AttachmentLimits {
  /** the largest file accepted, in bytes */
  maxBytes: number;
  /** the size of each stored chunk, in bytes */
  chunkBytes: number;
}

export const defaultAttachmentLimits: AttachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  chunkBytes: 255 * 1024,
};

/** How much of a file's end is kept while it streams in, to read a ZIP's central directory. */
const zipTailBytes = 1024 * 1024;

export interface AttachmentInfo {
  id: string;
  tenant: string;
  filename: string;
  contentType: string;
  kind: AttachmentKind;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  owner: AttachmentOwner | null;
}

export interface NewAttachment {
  filename: string;
  uploadedBy: string;
  content: AsyncIterable<Buffer>;
}

const kindOfContentType = (contentType: string): AttachmentKind =>
  (Object.entries(attachmentKinds).find(([, k]) => k.contentType === contentType)?.[0] ??
    'pdf') as AttachmentKind;

/** A file name as stored and offered back: no folders, no control characters, bounded. */
export function cleanFilename(raw: string): string | undefined {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..' || cleaned.length > 200) return undefined;
  return cleaned;
}

/**
 * Files in a tenant's own database as chunked documents (the same code on MongoDB and FerretDB,
 * which has no GridFS). The type is what the content says, never what the client claims.
 */
export class AttachmentStore {
  constructor(
    private readonly databases: TenantDatabases,
    private readonly limits: AttachmentLimits = defaultAttachmentLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /**
   * Streams `content` into chunks, checking the type from the first bytes (nothing is written
   * for a file of a kind not accepted) and the size as it goes; the attachment document is
   * written last. On any rejection the chunks written so far are removed.
   */
  async save(scope: TenantScope, upload: NewAttachment): Promise<AttachmentInfo> {
    const filename = cleanFilename(upload.filename);
    if (!filename) throw attachmentErrors.badFilename();
    const extension = extensionOf(filename);
    const id = randomUUID();
    const chunks = await this.databases.model(scope, attachmentChunkModel);
    const hash = createHash('sha256');
    let size = 0;
    let n = 0;
    let head: Buffer = Buffer.alloc(0);
    let leading: AttachmentKind | 'zip' | undefined;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let tail: Buffer = Buffer.alloc(0);

    const flush = async (all: boolean) => {
      while (pendingBytes >= this.limits.chunkBytes || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending);
        const data = joined.subarray(0, this.limits.chunkBytes);
        const rest = joined.subarray(data.length);
        await chunks.create({ _id: chunkId(id, n), attachmentId: id, n, data: Buffer.from(data) });
        n += 1;
        pending = rest.length > 0 ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    };

    try {
      for await (const piece of upload.content) {
        size += piece.length;
        if (size > this.limits.maxBytes) throw attachmentErrors.tooLarge(this.limits.maxBytes);
        hash.update(piece);
        pending.push(piece);
        pendingBytes += piece.length;
        if (leading === undefined || leading === 'zip')
          tail = keepLast(Buffer.concat([tail, piece]), zipTailBytes);
        if (leading === undefined) {
          head = Buffer.concat([head, piece]).subarray(0, leadingBytesNeeded);
          if (head.length < leadingBytesNeeded) continue;
          leading = sniffLeadingBytes(head);
          if (!leading) throw attachmentErrors.unsupportedType(filename);
        }
        await flush(false);
      }
      if (size === 0) throw attachmentErrors.empty();
      // a file shorter than the sniffing window is judged on what there is
      leading ??= sniffLeadingBytes(head);
      if (!leading) throw attachmentErrors.unsupportedType(filename);
      let kind: AttachmentKind | undefined = leading === 'zip' ? undefined : leading;
      if (leading === 'zip') {
        const names = zipEntryNames(tail, size - tail.length);
        kind = names ? officeKindOfZip(names) : undefined;
        if (!kind) throw attachmentErrors.unsupportedType(filename);
      }
      const accepted = attachmentKinds[kind as AttachmentKind];
      if (!(accepted.extensions as readonly string[]).includes(extension)) {
        throw attachmentErrors.extensionMismatch(filename, accepted.extensions);
      }
      await flush(true);
      const document: AttachmentDocument = {
        _id: id,
        filename,
        contentType: accepted.contentType,
        size,
        sha256: hash.digest('hex'),
        chunkCount: n,
        uploadedBy: upload.uploadedBy,
        uploadedAt: this.now(),
        owner: null,
      };
      await (await this.databases.model(scope, attachmentModel)).create(document);
      return infoOf(scope, document);
    } catch (err) {
      await chunks.deleteMany({ attachmentId: id }).catch(() => undefined);
      throw err;
    }
  }

  async describe(scope: TenantScope, id: string): Promise<AttachmentInfo | undefined> {
    const document = await (await this.databases.model(scope, attachmentModel))
      .findById(id)
      .lean<AttachmentDocument>();
    return document ? infoOf(scope, document) : undefined;
  }

  /** The content, chunk by chunk in order (one scan of the chunk collection). */
  async *content(scope: TenantScope, info: Pick<AttachmentInfo, 'id'>): AsyncIterable<Buffer> {
    const chunks = await this.databases.model(scope, attachmentChunkModel);
    const cursor = chunks.find({ attachmentId: info.id }).sort({ n: 1 }).lean().cursor();
    for await (const chunk of cursor) {
      const data = (chunk as { data: Buffer | { buffer: Uint8Array } }).data;
      yield Buffer.isBuffer(data) ? data : Buffer.from(data.buffer);
    }
  }

  /**
   * Links uploads to what they document. Each must exist in the scope, be unlinked or already
   * linked to this owner, and (when `uploadedBy` is given) have been uploaded by that user.
   * Returns the ids it could not link; links nothing when any fails.
   */
  async link(
    scope: TenantScope,
    ids: readonly string[],
    owner: AttachmentOwner,
    uploadedBy?: string,
  ): Promise<{ linked: AttachmentInfo[]; refused: string[] }> {
    if (ids.length === 0) return { linked: [], refused: [] };
    const model = await this.databases.model(scope, attachmentModel);
    const found = await model.find({ _id: trusted({ $in: [...ids] }) }).lean<AttachmentDocument[]>();
    const byId = new Map(found.map((d) => [d._id, d]));
    const refused = ids.filter((id) => {
      const document = byId.get(id);
      if (!document) return true;
      if (document.owner && (document.owner.kind !== owner.kind || document.owner.id !== owner.id))
        return true;
      return !document.owner && uploadedBy !== undefined && document.uploadedBy !== uploadedBy;
    });
    if (refused.length > 0) return { linked: [], refused };
    await model.updateMany(
      { _id: trusted({ $in: [...ids] }), owner: null },
      { $set: { owner: { kind: owner.kind, id: owner.id } } },
    );
    return {
      linked: ids.map((id) => infoOf(scope, { ...(byId.get(id) as AttachmentDocument), owner })),
      refused: [],
    };
  }

  /** Removes a file and its chunks (the document first, so it is never seen half-removed). */
  async remove(scope: TenantScope, id: string): Promise<boolean> {
    const removed = await (await this.databases.model(scope, attachmentModel)).deleteOne({ _id: id });
    await (await this.databases.model(scope, attachmentChunkModel)).deleteMany({ attachmentId: id });
    return removed.deletedCount > 0;
  }

  /** How many chunks are stored for an id (tests and operators: nothing left behind). */
  async chunkCount(scope: TenantScope, id: string): Promise<number> {
    return (await this.databases.model(scope, attachmentChunkModel)).countDocuments({ attachmentId: id });
  }
}

function keepLast(buffer: Buffer, bytes: number): Buffer {
  return buffer.length > bytes ? Buffer.from(buffer.subarray(buffer.length - bytes)) : buffer;
}

function infoOf(scope: TenantScope, document: AttachmentDocument): AttachmentInfo {
  return {
    id: document._id,
    tenant: scope.tenant,
    filename: document.filename,
    contentType: document.contentType,
    kind: kindOfContentType(document.contentType),
    size: document.size,
    sha256: document.sha256,
    uploadedBy: document.uploadedBy,
    uploadedAt: new Date(document.uploadedAt).toISOString(),
    owner: document.owner ? { kind: document.owner.kind, id: document.owner.id } : null,
  };
}
