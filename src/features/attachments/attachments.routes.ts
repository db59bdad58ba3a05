import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { isInlineType } from '../../core/file-types.js';
import { attachmentSchema } from '../../core/schemas/attachments.schema.js';
import { idParamsSchema, okSchema } from '../../core/schemas/common.schema.js';
import type { App } from '../../http/types.js';
import type { AttachmentsService } from './attachments.service.js';

/** RFC 5987 value: percent-encode everything but unreserved characters (encodeURIComponent leaves ' ( ) * !). */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` (or `inline` for images and PDF) with an ASCII fallback name and the exact UTF-8 one. */
export function contentDisposition(fileName: string, contentType: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${isInlineType(contentType) ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

function fileNameHeader(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'X-File-Name', reason: 'X-File-Name 须为 URL 编码的 UTF-8 / X-File-Name must be URL-encoded UTF-8' });
  }
}

export function registerAttachmentsRoutes(app: App, attachments: AttachmentsService) {
  const maxMb = Math.round(attachments.maxBytes / 1024 / 1024);

  // Uploads in their own scope: there, any Content-Type is read as raw bytes (the type is sniffed
  // from the content; what the browser claims is ignored), without touching other routes' parsers.
  void app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      '/api/attachments',
      {
        bodyLimit: attachments.maxBytes,
        schema: {
          tags: ['attachments'],
          summary: '上传附件（先上传，保存记录时关联）/ upload an attachment (linked when its record is saved)',
          description:
            `Body: the file's bytes (any Content-Type, e.g. application/octet-stream). Header X-File-Name: the file name, URL-encoded UTF-8. ` +
            `At most LUODI_ATTACHMENT_MAX_MB (${maxMb} MB). Accepted by content: PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, DOC, XLS, plain text. ` +
            `?image=true (photos: progress reports, problem closing): only images, at most 64 megapixels, kept as a JPEG of at most 1600 px with EXIF orientation applied and metadata removed.`,
          querystring: z.strictObject({ image: z.enum(['true', 'false']).optional() }),
          response: { 201: attachmentSchema },
        },
        // The body limit trips before the handler: say the attachment limit, not the generic one.
        errorHandler: (error: FastifyError) => {
          if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: attachments.maxBytes }, { maxMb });
          throw error;
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
        const attachment = await attachments.upload(request.actor, { fileName: fileNameHeader(request.headers['x-file-name']), content, image: request.query.image === 'true' });
        return reply.code(201).send(attachment);
      },
    );
  });

  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: '下载附件（能看到所属记录的人可下载）/ download an attachment (whoever may see its record)',
        description: 'Served with its sniffed type, Content-Disposition attachment (inline for images and PDF), X-Content-Type-Options: nosniff and Content-Security-Policy: sandbox.',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const { meta, content } = await attachments.download(request.actor, request.params.id);
      return reply
        .header('content-type', meta.contentType)
        .header('content-disposition', contentDisposition(meta.fileName, meta.contentType))
        .header('x-content-type-options', 'nosniff')
        // Even if a browser rendered it as a page, it would run in an opaque origin with no scripts.
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, no-cache')
        .send(content);
    },
  );

  app.delete(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: '删除未关联的附件（仅上传者）/ delete an upload not yet linked (uploader only)',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await attachments.remove(request.actor, request.params.id);
      return { ok: true as const };
    },
  );
}
