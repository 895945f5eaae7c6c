import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';

declare module 'fastify' {
  interface FastifyRequest {
    /** The names uploaded files had on the person's computer, by form field (the body holds only their bytes). */
    uploadNames?: Record<string, string>;
  }
}

/**
 * The multipart plugin's file handler: reads the file into memory as its default does (the body gets its bytes),
 * and keeps the file's own name, which a page that checks a file's kind by its ending needs.
 */
export async function keepUploadName(this: FastifyRequest, part: MultipartFile): Promise<void> {
  await part.toBuffer();
  this.uploadNames = { ...this.uploadNames, [part.fieldname]: part.filename };
}

export function uploadName(req: FastifyRequest, field: string): string {
  return req.uploadNames?.[field] ?? '';
}
