import { sendDownload, XLSX_CONTENT_TYPE } from '../../http/download.js';
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
      const stamp = new Date().toISOString().slice(0, 10);
      return sendDownload(reply, { contentType: XLSX_CONTENT_TYPE, fileName: `审计日志-${stamp}.xlsx`, asciiFallback: `audit-${stamp}.xlsx` }, (out) => audit.exportXlsx(request.query, out));
    },
  );
}
