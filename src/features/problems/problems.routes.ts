import { idParamsSchema } from '../../core/schemas/common.schema.js';
import {
  actionItemDetailSchema,
  categoriesInputSchema,
  categoriesSchema,
  ladderInputSchema,
  ladderSchema,
  noteSchema,
  problemDetailSchema,
  problemInputSchema,
  problemListQuerySchema,
  problemListSchema,
  problemPatchSchema,
  problemSummarySchema,
  proofSchema,
  reasonSchema,
  superviseSchema,
} from '../../core/schemas/problems.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { ActionsService } from './actions.service.js';
import type { DispatchSettingsService } from './dispatch-settings.service.js';
import type { ProblemsService } from './problems.service.js';

const tags = ['problems'];

export function registerProblemsRoutes(app: App, problems: ProblemsService, actions: ActionsService, settings: DispatchSettingsService) {
  app.get(
    '/api/problems',
    { schema: { tags, summary: '问题清单（view=new 本周新增 / active 推进中 / closed 已销号）/ the problem list and its three views', querystring: problemListQuerySchema, response: { 200: problemListSchema } } },
    (request) => problems.list(request.actor, request.query),
  );
  app.get(
    '/api/problems/summary',
    { schema: { tags, summary: '按责任单位统计：新增、推进中、已销号、逾期、平均办结天数 / per-unit counts and average days to close', response: { 200: problemSummarySchema } } },
    (request) => problems.summary(request.actor),
  );
  app.get(
    '/api/projects/:id/problems',
    { schema: { tags, summary: '项目的问题 / a project’s problems', params: idParamsSchema, querystring: problemListQuerySchema.omit({ projectId: true }), response: { 200: problemListSchema } } },
    (request) => problems.list(request.actor, { ...request.query, projectId: request.params.id }),
  );
  app.post(
    '/api/problems',
    { schema: { tags, summary: '登记问题（项目或园区）/ raise a problem on a project or a zone', body: problemInputSchema, response: { 201: problemDetailSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await problems.create(request.actor, request.body))),
  );
  app.get(
    '/api/problems/:id',
    { schema: { tags, summary: '问题详情及办理、升级记录 / a problem with its history and escalation trail', params: idParamsSchema, response: { 200: problemDetailSchema } } },
    async (request, reply) => withEtag(reply, await problems.detail(request.actor, request.params.id)),
  );
  app.patch(
    '/api/problems/:id',
    { schema: { tags, summary: '修改问题（需 If-Match）/ edit a problem (If-Match)', params: idParamsSchema, body: problemPatchSchema, response: { 200: problemDetailSchema } } },
    async (request, reply) => withEtag(reply, await problems.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );

  const step = (path: string, action: 'start' | 'verify', summary: string) =>
    app.post(`/api/problems/:id/${path}`, { schema: { tags, summary, params: idParamsSchema, body: noteSchema.optional(), response: { 200: problemDetailSchema } } }, async (request, reply) =>
      withEtag(reply, await problems.act(request.actor, request.params.id, requireIfMatch(request), action, { note: request.body?.note ?? null })),
    );
  step('start', 'start', '开始办理（新增或上报后重新推进）/ start working on it');
  step('verify', 'verify', '核验销号（仅项目办）/ verify the closure (coordinator only)');
  app.post(
    '/api/problems/:id/request-close',
    { schema: { tags, summary: '申请销号：办理情况说明 + 至少一张现场照片 / apply for closure with a note and at least one photo', params: idParamsSchema, body: proofSchema, response: { 200: problemDetailSchema } } },
    async (request, reply) => withEtag(reply, await problems.act(request.actor, request.params.id, requireIfMatch(request), 'request-close', request.body)),
  );
  for (const [path, action, summary] of [
    ['reject-close', 'reject-close', '退回销号申请（须填理由）/ send the closure back with a reason'],
    ['unresolvable', 'unresolvable', '无法解决，上报（须填理由）/ report as unresolvable, with a reason'],
  ] as const) {
    app.post(`/api/problems/:id/${path}`, { schema: { tags, summary, params: idParamsSchema, body: reasonSchema, response: { 200: problemDetailSchema } } }, async (request, reply) =>
      withEtag(reply, await problems.act(request.actor, request.params.id, requireIfMatch(request), action, { note: request.body.reason })),
    );
  }
  app.post(
    '/api/problems/:id/escalate',
    { schema: { tags, summary: '人工升级一级（须填理由）/ escalate one level by hand, with a reason', params: idParamsSchema, body: reasonSchema, response: { 200: problemDetailSchema } } },
    async (request, reply) => withEtag(reply, await problems.escalate(request.actor, request.params.id, requireIfMatch(request), request.body.reason)),
  );
  app.post(
    '/api/problems/:id/supervise',
    { schema: { tags, summary: '转督办：生成督办事项 / hand over as an action item', params: idParamsSchema, body: superviseSchema, response: { 201: actionItemDetailSchema } } },
    async (request, reply) => {
      const { actionItemId } = await problems.supervise(request.actor, request.params.id, request.body);
      return reply.code(201).send(withEtag(reply, await actions.detail(request.actor, actionItemId)));
    },
  );

  app.get('/api/problem-categories', { schema: { tags, summary: '问题类别 / problem categories', response: { 200: categoriesSchema } } }, async (_request, reply) => {
    const c = await settings.categories();
    return withEtag(reply, c);
  });
  app.put(
    '/api/problem-categories',
    { schema: { tags, summary: '修改问题类别（需 If-Match，从未保存时为 "0"）/ edit the categories (If-Match; "0" before the first save)', body: categoriesInputSchema, response: { 200: categoriesSchema } } },
    async (request, reply) => withEtag(reply, await settings.putCategories(request.actor, requireIfMatch(request), request.body.categories)),
  );
  app.get('/api/escalation-ladder', { schema: { tags, summary: '升级阶梯及各单位主要负责人 / the escalation ladder and unit heads', response: { 200: ladderSchema } } }, async (_request, reply) =>
    withEtag(reply, await settings.ladderView()),
  );
  app.put(
    '/api/escalation-ladder',
    { schema: { tags, summary: '修改升级阶梯（需 If-Match）/ edit the escalation ladder (If-Match)', body: ladderInputSchema, response: { 200: ladderSchema } } },
    async (request, reply) => withEtag(reply, await settings.putLadder(request.actor, requireIfMatch(request), request.body)),
  );
}
