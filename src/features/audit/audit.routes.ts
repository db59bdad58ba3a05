import { PassThrough } from 'node:stream';
import { auditEntrySchema, auditFilterSchema, auditListQuerySchema } from '../../core/schemas/audit.schema.js';
import { pageOf } from '../../core/schemas/common.schema.js';
import type { App } from '../../http/types.js';
import type { AuditService } from './audit.service.js';

export function registerAuditRoutes(app: App, audit: AuditService) {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], summary: '审计日志 / the audit trail', querystring: auditListQuerySchema, response: { 200: pageOf(auditEntrySchema) } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return audit.list(filter, page, pageSize);
    },
  );

  app.get(
    '/api/audit/export',
    { schema: { tags: ['audit'], summary: '导出审计日志（Excel）/ export the audit trail as .xlsx', querystring: auditFilterSchema } },
    async (request, reply) => {
      await audit.recordNow(request.actor, { action: 'audit.export', objectType: 'audit', detail: JSON.stringify(request.query) });
      const stream = new PassThrough();
      const stamp = new Date().toISOString().slice(0, 10);
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${stamp}.xlsx`)}`);
      audit.exportXlsx(request.query, stream).catch((e: unknown) => stream.destroy(e as Error));
      return reply.send(stream);
    },
  );
}
