import { defineModel } from '@tradepilot/tenancy';
import { Schema } from 'mongoose';

/** What an attachment belongs to, once a service links it (a practice, a progress report, …). */
export interface AttachmentOwner {
  kind: string;
  id: string;
}

/**
 * One stored file (`<service>_<tenant>.attachments`). Written after all its chunks, so a file
 * whose upload failed half-way is never visible: this document is the commit point.
 */
export interface AttachmentDocument {
  _id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  chunkCount: number;
  uploadedBy: string;
  uploadedAt: Date;
  /** null until a service links it to what it documents */
  owner: AttachmentOwner | null;
}

/** One piece of a file's content (`attachment_chunks`, `_id` = `<attachment id>:<n>`). */
export interface AttachmentChunkDocument {
  _id: string;
  attachmentId: string;
  n: number;
  data: Buffer;
}

export const chunkId = (attachmentId: string, n: number) => `${attachmentId}:${String(n).padStart(4, '0')}`;

const attachmentSchema = new Schema<AttachmentDocument>(
  {
    _id: { type: String, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    chunkCount: { type: Number, required: true },
    uploadedBy: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
    owner: { type: new Schema({ kind: String, id: String }, { _id: false }), default: null },
  },
  { versionKey: false },
);

const chunkSchema = new Schema<AttachmentChunkDocument>(
  {
    _id: { type: String, required: true },
    attachmentId: { type: String, required: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false },
);
chunkSchema.index({ attachmentId: 1, n: 1 });

/** Placed in every database of a service that uses attachments (tenant and national). */
export const attachmentModel = defineModel<AttachmentDocument>({
  name: 'Attachment',
  collection: 'attachments',
  placement: 'both',
  schema: attachmentSchema,
});

export const attachmentChunkModel = defineModel<AttachmentChunkDocument>({
  name: 'AttachmentChunk',
  collection: 'attachment_chunks',
  placement: 'both',
  schema: chunkSchema,
});

/** Add these to a service's models to give it attachment storage. */
export const attachmentModels = [attachmentModel, attachmentChunkModel];
