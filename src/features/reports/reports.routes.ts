import { z } from 'zod';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import {
  openRoundSchema,
  reportScheduleInputSchema,
  reportScheduleSchema,
  projectReportsSchema,
  reportInputSchema,
  reportListSchema,
  reportSchema,
  reportsQuerySchema,
  returnReportSchema,
  roundDetailSchema,
  roundSchema,
} from '../../core/schemas/reports.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { ReportRoundsService } from './report-rounds.service.js';
import type { ReportsService } from './reports.service.js';

const tags = ['reports'];

export function registerReportsRoutes(app: App, s: { reportRounds: ReportRoundsService; reports: ReportsService }) {
  const { reportRounds: rounds, reports } = s;

  app.get('/api/report-rounds', { schema: { tags, summary: '填报轮次 / report rounds, newest first', response: { 200: z.array(roundSchema) } } }, (request) => rounds.list(request.actor));

  app.post(
    '/api/report-rounds',
    {
      schema: {
        tags,
        summary: '开启填报轮次（每个周期只开一次；再开只补充新纳入的项目）/ open a round (once per period; opening again adds newcomers only)',
        body: openRoundSchema,
        response: { 200: roundSchema, 201: roundSchema },
      },
    },
    async (request, reply) => {
      const { round, created } = await rounds.open(request.actor, request.body);
      return reply.code(created ? 201 : 200).send(round);
    },
  );

  app.get('/api/report-schedule', { schema: { tags, summary: '填报计划（是否每周自动开启周报）/ the report schedule: whether weekly rounds open by themselves', response: { 200: reportScheduleSchema } } }, async (_request, reply) =>
    withEtag(reply, await rounds.schedule()),
  );
  app.put(
    '/api/report-schedule',
    { schema: { tags, summary: '修改填报计划（需 If-Match，从未保存时为 "0"）/ edit the report schedule (If-Match; "0" before the first save)', body: reportScheduleInputSchema, response: { 200: reportScheduleSchema } } },
    async (request, reply) => withEtag(reply, await rounds.putSchedule(request.actor, requireIfMatch(request), request.body)),
  );

  app.get(
    '/api/report-rounds/:id',
    { schema: { tags, summary: '轮次及各单位填报情况（已提交、逾期、缺报）/ a round with each unit’s submitted, late and missing counts', params: idParamsSchema, response: { 200: roundDetailSchema } } },
    (request) => rounds.get(request.actor, request.params.id),
  );

  app.get(
    '/api/reports',
    { schema: { tags, summary: '进展报告列表 / progress reports (filter by round, unit, status; mine=true: my unit’s)', querystring: reportsQuerySchema, response: { 200: reportListSchema } } },
    (request) => reports.list(request.actor, request.query),
  );

  app.get(
    '/api/reports/:id',
    { schema: { tags, summary: '一份进展报告（含照片和累计数）/ one report with photos and cumulative figures', params: idParamsSchema, response: { 200: reportSchema } } },
    async (request, reply) => withEtag(reply, await reports.get(request.actor, request.params.id)),
  );

  app.put(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: '保存草稿或提交（需 If-Match）/ save a draft or submit (If-Match)',
        params: idParamsSchema,
        body: reportInputSchema,
        response: { 200: reportSchema },
      },
    },
    async (request, reply) => withEtag(reply, await reports.save(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );

  app.post(
    '/api/reports/:id/return',
    { schema: { tags, summary: '退回并说明原因（需 If-Match）/ return with a reason (If-Match)', params: idParamsSchema, body: returnReportSchema, response: { 200: reportSchema } } },
    async (request, reply) => withEtag(reply, await reports.returnReport(request.actor, request.params.id, requireIfMatch(request), request.body.reason)),
  );

  app.post(
    '/api/reports/:id/accept',
    { schema: { tags, summary: '审核通过（需 If-Match）/ accept (If-Match)', params: idParamsSchema, response: { 200: reportSchema } } },
    async (request, reply) => withEtag(reply, await reports.accept(request.actor, request.params.id, requireIfMatch(request))),
  );

  app.post(
    '/api/reports/:id/copy-previous',
    { schema: { tags, summary: '复制上期的形象进度和下步计划（需 If-Match）/ copy last period’s texts (If-Match)', params: idParamsSchema, response: { 200: reportSchema } } },
    async (request, reply) => withEtag(reply, await reports.copyPrevious(request.actor, request.params.id, requireIfMatch(request))),
  );

  app.get(
    '/api/projects/:id/reports',
    { schema: { tags, summary: '项目的进展报告及累计完成投资 / a project’s reports and cumulative figures', params: idParamsSchema, response: { 200: projectReportsSchema } } },
    (request) => reports.forProject(request.actor, request.params.id),
  );
}
