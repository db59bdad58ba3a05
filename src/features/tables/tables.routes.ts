import type { FastifyReply } from 'fastify';
import { batchesTableQuerySchema, lightsTableQuerySchema, problemsTableQuerySchema, progressTableQuerySchema } from '../../core/schemas/tables.schema.js';
import type { App } from '../../http/types.js';
import { sendDownload, XLSX_CONTENT_TYPE } from '../../http/download.js';
import type { TableJob, TablesService } from './tables.service.js';

/**
 * The job is prepared (checked) before the response starts, so a refusal is a 403/404 body; the
 * workbook then streams, and a failure midway ends the download broken rather than silently short.
 */
function send(reply: FastifyReply, fallback: string, job: TableJob) {
  return sendDownload(reply, { contentType: XLSX_CONTENT_TYPE, fileName: job.fileName, asciiFallback: fallback }, (out) => job.write(out));
}

export function registerTablesRoutes(app: App, tables: TablesService) {
  app.get(
    '/api/tables/progress.xlsx',
    { schema: { tags: ['tables'], summary: '月度进展表（Excel，按批次分节、小计合计）/ monthly progress table as .xlsx', querystring: progressTableQuerySchema } },
    async (request, reply) => send(reply, 'progress.xlsx', await tables.progress(request.actor, request.query)),
  );
  app.get(
    '/api/tables/problems.xlsx',
    { schema: { tags: ['tables'], summary: '问题清单（Excel，与问题页相同筛选）/ problem list as .xlsx', querystring: problemsTableQuerySchema } },
    async (request, reply) => send(reply, 'problems.xlsx', await tables.problems(request.actor, request.query)),
  );
  app.get(
    '/api/tables/batches.xlsx',
    { schema: { tags: ['tables'], summary: '五个一统计表（Excel，各单位存量与本期流量）/ five-batch statistics per unit as .xlsx', querystring: batchesTableQuerySchema } },
    async (request, reply) => send(reply, 'batches.xlsx', await tables.batches(request.actor, request.query)),
  );
  app.get(
    '/api/tables/lights.xlsx',
    { schema: { tags: ['tables'], summary: '亮灯清单（Excel，红灯、黄灯两个工作表）/ red and yellow light lists as .xlsx', querystring: lightsTableQuerySchema } },
    async (request, reply) => send(reply, 'lights.xlsx', await tables.lights(request.actor, request.query)),
  );
}
