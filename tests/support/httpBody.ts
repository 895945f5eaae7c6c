import type { IncomingMessage } from 'node:http';

/** One part of a multipart/form-data body: a field, or a file with its name and bytes. */
export interface FormPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/**
 * Reads multipart/form-data as the platforms do: leniently. grammY writes `filename=` unquoted and in raw UTF-8
 * (Telegram takes it), undici quotes it; both are read back as they were meant.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Error('multipart without a boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]!.trim()}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /(?:^|[;\s])name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /filename=(?:"((?:[^"\\]|\\.)*)"|([^;\r\n]*))/i.exec(disposition);
    parts.push({ name, ...(filename ? { filename: filename[1] ?? filename[2]!.trim() } : {}), data: Buffer.from(part.subarray(split + 4)) });
    at = next;
  }
  return parts;
}

export type Body = { params: Record<string, unknown>; files: Map<string, { filename?: string; data: Buffer }> };

/** JSON, form-encoded, or multipart (an upload: fields as params, file parts by their field name). */
export async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  const files: Body['files'] = new Map();
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    const params: Record<string, unknown> = {};
    for (const part of parseMultipart(bytes, type)) {
      if (part.filename !== undefined) files.set(part.name, { filename: part.filename, data: part.data });
      else params[part.name] = part.data.toString('utf8');
    }
    return { params, files };
  }
  const raw = bytes.toString('utf8');
  if (!raw) return { params: Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams), files };
  if (type.includes('application/json')) return { params: JSON.parse(raw) as Record<string, unknown>, files };
  return { params: Object.fromEntries(new URLSearchParams(raw)), files };
}
