import { z } from 'zod';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import {
  applyPlanSchema,
  batchApplyResultSchema,
  batchApplySchema,
  completeMilestoneSchema,
  milestoneChangeSchema,
  milestoneSchema,
  MILESTONE_STATUSES,
  projectPlanSchema,
  templateInputSchema,
  templateSchema,
  updateMilestoneSchema,
} from '../../core/schemas/milestones.schema.js';
import { listProjectsQuerySchema } from '../../core/schemas/projects.schema.js';
import { stageSchema } from '../../core/stages.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { PlansBatchService } from './plans-batch.service.js';
import type { PlansService } from './plans.service.js';
import type { PortfolioService } from './portfolio.service.js';
import type { TemplatesService } from './templates.service.js';

const owedItem = milestoneSchema.extend({ projectName: z.string() });
const ganttQuery = listProjectsQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true });
const ganttSchema = z.object({
  today: z.string(),
  truncated: z.boolean(),
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      stage: stageSchema,
      industry: z.string().nullable(),
      leadUnitName: z.string(),
      approved: z.boolean(),
      milestones: z.array(
        z.object({
          id: z.string(),
          code: z.string(),
          name: z.string(),
          plannedStart: z.string(),
          plannedEnd: z.string(),
          baselineStart: z.string().nullable(),
          baselineEnd: z.string().nullable(),
          actualDate: z.string().nullable(),
          dependsOn: z.array(z.string()),
          status: z.enum(MILESTONE_STATUSES),
        }),
      ),
    }),
  ),
});

export function registerMilestoneRoutes(app: App, s: { plans: PlansService; plansBatch: PlansBatchService; templates: TemplatesService; portfolio: PortfolioService }): void {
  const tags = ['milestones'];
  app.get('/api/milestone-templates', { schema: { tags, summary: '节点模板列表 / milestone templates', querystring: z.object({ archived: z.enum(['true', 'false']).default('false') }), response: { 200: z.array(templateSchema) } } }, (request) =>
    s.templates.list(request.query.archived === 'true'),
  );
  app.get('/api/milestone-templates/:id', { schema: { tags, summary: '节点模板 / one template', params: idParamsSchema, response: { 200: templateSchema } } }, async (request, reply) =>
    withEtag(reply, await s.templates.get(request.params.id)),
  );
  app.post('/api/milestone-templates', { schema: { tags, summary: '新建节点模板 / create a template', body: templateInputSchema, response: { 201: templateSchema } } }, async (request, reply) =>
    reply.code(201).send(withEtag(reply, await s.templates.create(request.actor, request.body))),
  );
  app.put(
    '/api/milestone-templates/:id',
    { schema: { tags, summary: '修改或停用节点模板（需 If-Match）/ change or archive a template (If-Match)', params: idParamsSchema, body: templateInputSchema.extend({ archived: z.boolean().optional() }), response: { 200: templateSchema } } },
    async (request, reply) => withEtag(reply, await s.templates.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );

  app.post(
    '/api/plans/batch',
    {
      schema: {
        tags,
        summary: '按模板为筛选出的项目批量生成计划（已有计划的跳过；dryRun 只计数）/ apply a template to the filtered projects without a plan (dryRun counts only)',
        body: batchApplySchema,
        response: { 200: batchApplyResultSchema },
      },
    },
    (request) => s.plansBatch.apply(request.actor, request.body),
  );
  app.get(
    '/api/projects/:id/milestones',
    { schema: { tags, summary: '项目节点计划：计划、基线、实际、责任单位与人、状态 / the project plan: planned, baseline, actual, owner, status', params: idParamsSchema, response: { 200: projectPlanSchema } } },
    async (request, reply) => {
      const plan = await s.plans.get(request.actor, request.params.id);
      if (plan.plan) void reply.header('etag', `"${plan.plan.version}"`);
      return plan;
    },
  );
  app.post('/api/projects/:id/plan', { schema: { tags, summary: '按模板生成节点计划 / apply a template from an anchor date', params: idParamsSchema, body: applyPlanSchema, response: { 201: projectPlanSchema } } }, async (request, reply) =>
    reply.code(201).send(await s.plans.apply(request.actor, request.params.id, request.body)),
  );
  app.post(
    '/api/projects/:id/plan/approve',
    { schema: { tags, summary: '审定计划（首次审定形成基线；需 If-Match）/ approve the plan (first approval sets the baseline; If-Match)', params: idParamsSchema, response: { 200: projectPlanSchema } } },
    (request) => s.plans.approve(request.actor, request.params.id, requireIfMatch(request)),
  );
  app.get('/api/projects/:id/plan/changes', { schema: { tags, summary: '计划调整记录 / re-plan history with reasons', params: idParamsSchema, response: { 200: z.array(milestoneChangeSchema) } } }, (request) =>
    s.plans.changes(request.actor, request.params.id),
  );

  app.patch(
    '/api/milestones/:id',
    { schema: { tags, summary: '调整节点（已审定计划改日期须填原因；需 If-Match）/ adjust a milestone (If-Match; a reason to move an approved date)', params: idParamsSchema, body: updateMilestoneSchema, response: { 200: milestoneSchema } } },
    async (request, reply) => withEtag(reply, await s.plans.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );
  app.post(
    '/api/milestones/:id/complete',
    {
      schema: {
        tags,
        summary: '办结节点（需 If-Match）；返回可推进到的项目阶段 / complete a milestone (If-Match); returns the stage the project may move to',
        params: idParamsSchema,
        body: completeMilestoneSchema,
        response: { 200: z.object({ milestone: milestoneSchema, suggestedStage: stageSchema.nullable() }) },
      },
    },
    async (request, reply) => {
      const r = await s.plans.complete(request.actor, request.params.id, requireIfMatch(request), request.body);
      withEtag(reply, r.milestone);
      return r;
    },
  );
  app.post(
    '/api/milestones/:id/reopen',
    { schema: { tags, summary: '撤销办结（需原因与 If-Match）/ reopen a completed milestone (reason, If-Match)', params: idParamsSchema, body: z.object({ reason: z.string().trim().min(2).max(500) }), response: { 200: milestoneSchema } } },
    async (request, reply) => withEtag(reply, await s.plans.reopen(request.actor, request.params.id, requireIfMatch(request), request.body.reason)),
  );

  app.get(
    '/api/my/milestones',
    {
      schema: {
        tags,
        summary: '我的节点：逾期、本周到期、近期完成 / what I (or my unit) owe: overdue, due this week, recently done',
        querystring: z.object({ who: z.enum(['me', 'unit']).default('me') }),
        response: { 200: z.object({ today: z.string(), overdue: z.array(owedItem), dueThisWeek: z.array(owedItem), recentlyDone: z.array(owedItem) }) },
      },
    },
    (request) => s.plans.owed(request.actor, request.query.who),
  );
  app.get('/api/gantt', { schema: { tags, summary: '项目群甘特图数据（与台账相同的筛选）/ portfolio Gantt data, same filters as the ledger', querystring: ganttQuery, response: { 200: ganttSchema } } }, (request) =>
    s.portfolio.gantt(request.actor, request.query),
  );
}
