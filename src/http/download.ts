import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Content-Disposition for a download with a Chinese name (RFC 6266 / RFC 5987), with an ASCII fallback. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a file to download: bytes already made, or a stream that `write` fills as the response
 * goes out (a failure midway ends the download broken rather than silently short). Checks belong
 * before this call, so that a refusal is an ordinary error body.
 */
export function sendDownload(reply: FastifyReply, file: { contentType: string; fileName: string; asciiFallback: string }, body: Buffer | ((out: Writable) => Promise<unknown>)) {
  void reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.fileName, file.asciiFallback));
  if (Buffer.isBuffer(body)) return reply.send(body);
  const stream = new PassThrough();
  body(stream).catch((e: unknown) => stream.destroy(e as Error));
  return reply.send(stream);
}
