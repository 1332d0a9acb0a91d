import { toProblem } from '../../api/api-error';
import { session } from '../../session/session';

export interface UploadedAttachment {
  id: string;
  filename: string;
}

const bearer = (): Record<string, string> => {
  const token = session.accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** An error answer of the attachment routes, shaped as the console shows errors. */
async function refusal(response: Response): Promise<unknown> {
  const body = (await response.json().catch(() => ({}))) as { error?: Record<string, unknown> };
  const data = body.error ?? {};
  return {
    ...toProblem(null),
    appCode: String(data['appCode'] ?? data['code'] ?? response.status),
    ...(data['messages'] ? { messages: data['messages'] } : {}),
    traceId: (data['traceId'] as string | undefined) ?? response.headers.get('x-trace-id'),
    httpStatus: response.status,
  };
}

/** Uploads one file to the practices service's attachment storage (multipart, field `file`). */
export async function uploadAttachment(file: File): Promise<UploadedAttachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await fetch('/attachments/practices', { method: 'POST', headers: bearer(), body });
  if (!response.ok) throw await refusal(response);
  const answer = (await response.json()) as { attachment: { id: string; filename: string } };
  return { id: answer.attachment.id, filename: answer.attachment.filename };
}

/** Downloads an attachment with the session's token (a plain link would carry none). */
export async function downloadAttachment(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: bearer() });
  if (!response.ok) throw await refusal(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
