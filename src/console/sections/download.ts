import type { FastifyReply } from 'fastify';
import type { OutgoingDocument } from '../../bot/types.js';

/** RFC 5987: percent-encoded UTF-8, with the few characters encodeURIComponent leaves that the header may not hold. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A file to save, named as the chat names it (花名册-幸福村党支部-2026-11-10.xlsx): the UTF-8 name for every
 * browser of this decade, an ASCII one for anything older. Never cached: these sheets hold people's details.
 */
export function sendDownload(reply: FastifyReply, file: { fileName: string; mime: string; data: Buffer }, asciiName: string): FastifyReply {
  return reply.code(200)
    .header('content-type', file.mime)
    .header('content-disposition', `attachment; filename="${asciiName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${rfc5987(file.fileName)}`)
    .header('cache-control', 'no-store')
    .send(file.data);
}

/** The document of a domain reply (an export), as bytes. */
export function documentBytes(doc: OutgoingDocument): { fileName: string; mime: string; data: Buffer } {
  return { fileName: doc.fileName, mime: doc.mime, data: Buffer.from(doc.base64, 'base64') };
}
