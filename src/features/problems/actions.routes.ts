import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { actionItemDetailSchema, actionListQuerySchema, actionListSchema, feedbackSchema, instructionInputSchema, noteSchema, reasonSchema } from '../../core/schemas/problems.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { ActionsService } from './actions.service.js';

const tags = ['actions'];

export function registerActionsRoutes(app: App, actions: ActionsService) {
  app.get(
    '/api/actions',
    { schema: { tags, summary: '督办事项（按状态、来源、责任单位、是否逾期筛选）/ action items by status, source, unit, overdue', querystring: actionListQuerySchema, response: { 200: actionListSchema } } },
    (request) => actions.list(request.actor, request.query),
  );
  app.get(
    '/api/actions/:id',
    { schema: { tags, summary: '督办事项详情及办理记录 / an action item with its history', params: idParamsSchema, response: { 200: actionItemDetailSchema } } },
    async (request, reply) => withEtag(reply, await actions.detail(request.actor, request.params.id)),
  );
  app.post(
    '/api/actions',
    { schema: { tags, summary: '领导批示：对项目交办事项 / a leader’s written instruction on a project', body: instructionInputSchema, response: { 201: actionItemDetailSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await actions.instruct(request.actor, request.body))),
  );
  app.post(
    '/api/actions/:id/feedback',
    { schema: { tags, summary: '责任单位反馈办理情况（可附照片）/ the owner reports back, photos optional', params: idParamsSchema, body: feedbackSchema, response: { 200: actionItemDetailSchema } } },
    async (request, reply) => withEtag(reply, await actions.act(request.actor, request.params.id, requireIfMatch(request), 'feedback', request.body)),
  );
  app.post(
    '/api/actions/:id/verify',
    { schema: { tags, summary: '核验办结（仅项目办）/ verify and close (coordinator only)', params: idParamsSchema, body: noteSchema.optional(), response: { 200: actionItemDetailSchema } } },
    async (request, reply) => withEtag(reply, await actions.act(request.actor, request.params.id, requireIfMatch(request), 'verify', { note: request.body?.note ?? null })),
  );
  for (const [path, action, summary] of [
    ['return', 'return', '退回重办（须填理由）/ send back with a reason'],
    ['cancel', 'cancel', '撤销（须填理由）/ cancel with a reason'],
  ] as const) {
    app.post(`/api/actions/:id/${path}`, { schema: { tags, summary, params: idParamsSchema, body: reasonSchema, response: { 200: actionItemDetailSchema } } }, async (request, reply) =>
      withEtag(reply, await actions.act(request.actor, request.params.id, requireIfMatch(request), action, { note: request.body.reason })),
    );
  }
  app.post(
    '/api/actions/:id/escalate',
    { schema: { tags, summary: '人工升级一级（须填理由）/ escalate one level by hand, with a reason', params: idParamsSchema, body: reasonSchema, response: { 200: actionItemDetailSchema } } },
    async (request, reply) => withEtag(reply, await actions.escalate(request.actor, request.params.id, requireIfMatch(request), request.body.reason)),
  );
}
