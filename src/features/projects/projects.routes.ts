import { sendDownload, XLSX_CONTENT_TYPE } from '../../http/download.js';
import { z } from 'zod';
import { auditEntrySchema } from '../../core/schemas/audit.schema.js';
import { idParamsSchema, pageOf } from '../../core/schemas/common.schema.js';
import {
  archiveSchema,
  createProjectSchema,
  listProjectsQuerySchema,
  projectListItemSchema,
  projectSchema,
  stageEventSchema,
  transitionResultSchema,
  transitionSchema,
  updateProjectSchema,
} from '../../core/schemas/projects.schema.js';
import { stageSchema } from '../../core/stages.js';
import { AppError } from '../../core/errors.js';
import type { ColumnMapping } from '../../core/ledger/index.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LedgerImportService } from './ledger-import.service.js';
import type { ProjectsService } from './projects.service.js';

const summaryQuerySchema = listProjectsQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true });
const stageFiguresSchema = z.record(stageSchema, z.object({ count: z.number(), totalInvestment: z.number() }));

const importQuerySchema = z.object({
  mode: z.enum(['dry-run', 'commit']).default('dry-run'),
  /** JSON object: column index → field key (or null to ignore the column), from the preview. */
  mapping: z
    .string()
    .max(10_000)
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<number, string | null>;
      } catch {
        // fall through
      }
      ctx.addIssue({ code: 'custom', message: 'mapping 须为 JSON 对象 / mapping must be a JSON object' });
      return z.NEVER;
    }),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const XLSX_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
/** Largest ledger upload; the zip is checked for bombs before parsing. */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

export function registerProjectsRoutes(app: App, projects: ProjectsService, audit: AuditService, ledgerImport: LedgerImportService) {
  app.addContentTypeParser(XLSX_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/api/projects/import',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['projects'],
        summary: '导入台账（先预检 dry-run，再提交 commit；全部成功或全部不写）/ import a ledger .xlsx (dry run, then commit; all or nothing)',
        description: 'Body: the .xlsx file itself (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).',
        querystring: importQuerySchema,
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: XLSX_TYPES[0] });
      const { mode, mapping, year } = request.query;
      const report = await ledgerImport.importLedger(request.actor, body, { dryRun: mode === 'dry-run', mapping: mapping as ColumnMapping | undefined, year, maxBytes: MAX_UPLOAD_BYTES });
      if (mode === 'dry-run' || !report.committed) await audit.recordNow(request.actor, { action: 'project.import-check', objectType: 'project', result: report.errors.length ? 'failed' : 'ok', detail: `${report.rows} rows, ${report.errors.length} errors` });
      return reply.code(report.committed || mode === 'dry-run' ? 200 : 422).send(report);
    },
  );

  app.get(
    '/api/projects',
    { schema: { tags: ['projects'], summary: '项目台账（筛选、搜索含拼音首字母、排序、分页）/ the project ledger', querystring: listProjectsQuerySchema, response: { 200: pageOf(projectListItemSchema) } } },
    // The page arrives as JSON text built by the database (checked against the schema in tests).
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await projects.list(request.actor, request.query)) as never),
  );

  app.get(
    '/api/projects/summary',
    {
      schema: {
        tags: ['projects'],
        summary: '按阶段汇总个数与总投资（看板列头）/ count and total investment per stage for the same filters',
        querystring: summaryQuerySchema,
        response: { 200: z.array(z.object({ stage: stageSchema, count: z.number(), totalInvestment: z.number() })) },
      },
    },
    (request) => projects.summary(request.actor, request.query),
  );

  const ledgerFile = (fileName: string) => ({ contentType: XLSX_CONTENT_TYPE, fileName, asciiFallback: 'ledger.xlsx' });

  app.get(
    '/api/projects/export',
    { schema: { tags: ['projects'], summary: '导出台账（Excel，按阶段分节、含小计合计）/ export the ledger as .xlsx', querystring: summaryQuerySchema } },
    async (request, reply) => {
      return sendDownload(reply, ledgerFile(`重大项目台账-${new Date().toISOString().slice(0, 10)}.xlsx`), (out) => projects.exportLedger(request.actor, request.query, out));
    },
  );

  app.get(
    '/api/projects/import-template',
    { schema: { tags: ['projects'], summary: '下载导入模板 / download the blank import template' } },
    async (request, reply) => {
      return sendDownload(reply, ledgerFile('重大项目台账导入模板.xlsx'), (out) => projects.exportLedger(request.actor, { archived: 'false' }, out, true));
    },
  );

  app.get(
    '/api/projects/:id',
    { schema: { tags: ['projects'], summary: '项目详情 / one project', params: idParamsSchema, response: { 200: projectSchema } } },
    async (request, reply) => withEtag(reply, await projects.get(request.actor, request.params.id)),
  );

  app.post(
    '/api/projects',
    { schema: { tags: ['projects'], summary: '新建项目 / create a project', body: createProjectSchema, response: { 201: projectSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await projects.create(request.actor, request.body))),
  );

  app.patch(
    '/api/projects/:id',
    { schema: { tags: ['projects'], summary: '修改项目（需 If-Match）/ change a project (If-Match)', params: idParamsSchema, body: updateProjectSchema, response: { 200: projectSchema } } },
    async (request, reply) => withEtag(reply, await projects.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );

  app.post(
    '/api/projects/:id/transitions',
    {
      schema: {
        tags: ['projects'],
        summary: '变更阶段（需 If-Match；退回、终止须填原因）/ move to another stage (If-Match; a reason to go back or drop)',
        params: idParamsSchema,
        body: transitionSchema,
        response: { 200: transitionResultSchema },
      },
    },
    async (request, reply) => withEtag(reply, await projects.transition(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );

  app.post(
    '/api/projects/:id/archive',
    { schema: { tags: ['projects'], summary: '归档（需 If-Match 与原因）/ archive with a reason (If-Match)', params: idParamsSchema, body: archiveSchema, response: { 200: projectSchema } } },
    async (request, reply) => withEtag(reply, await projects.setArchived(request.actor, request.params.id, requireIfMatch(request), true, request.body.reason)),
  );

  app.post(
    '/api/projects/:id/restore',
    { schema: { tags: ['projects'], summary: '恢复已归档项目（需 If-Match）/ restore an archived project (If-Match)', params: idParamsSchema, response: { 200: projectSchema } } },
    async (request, reply) => withEtag(reply, await projects.setArchived(request.actor, request.params.id, requireIfMatch(request), false, null)),
  );

  app.get(
    '/api/projects/:id/stages',
    { schema: { tags: ['projects'], summary: '阶段时间线 / stage timeline', params: idParamsSchema, response: { 200: z.array(stageEventSchema) } } },
    (request) => projects.stageHistory(request.actor, request.params.id),
  );

  app.get(
    '/api/projects/:id/changes',
    { schema: { tags: ['projects'], summary: '修改记录（来自审计日志）/ change history from the audit trail', params: idParamsSchema, response: { 200: z.array(auditEntrySchema) } } },
    async (request) => {
      await projects.get(request.actor, request.params.id);
      return (await audit.list({ objectType: 'project', objectId: request.params.id }, 1, 200)).items;
    },
  );

  app.get(
    '/api/pipeline',
    {
      schema: {
        tags: ['projects'],
        summary: '五个一：各阶段存量、本期流量、转化率、停留天数 / five-batch figures for a unit subtree and period',
        querystring: z.object({
          unitId: z.string().optional(),
          period: z.enum(['month', 'quarter', 'year']).default('month'),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
        response: {
          200: z.object({
            unitId: z.string().nullable(),
            period: z.object({ from: z.string(), to: z.string() }),
            stock: stageFiguresSchema,
            flows: z.record(stageSchema, z.number()),
            conversion: z.array(z.object({ from: stageSchema, to: stageSchema, entered: z.number(), converted: z.number(), rate: z.number().nullable() })),
            medianDwellDays: z.record(z.string(), z.number().nullable()),
          }),
        },
      },
    },
    (request) => projects.pipeline(request.actor, request.query),
  );
}
