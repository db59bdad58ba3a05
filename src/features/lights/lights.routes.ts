import { z } from 'zod';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { actionItemDetailSchema } from '../../core/schemas/problems.schema.js';
import { lightHistorySchema, lightRulesBodySchema, lightSuperviseInputSchema, lightRulesResponseSchema, lightsListSchema, lightsQuerySchema, recomputeResultSchema } from '../../core/schemas/lights.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { LightSupervision } from './light-supervision.js';
import type { LightsQueries } from './lights.queries.js';
import type { LightsService } from './lights.service.js';

export function registerLightsRoutes(app: App, lights: LightsService, queries: LightsQueries, supervision: LightSupervision) {
  app.get(
    '/api/lights',
    {
      schema: {
        tags: ['lights'],
        summary: '亮灯项目及原因（按颜色、单位、月份筛选；含各颜色数量）/ project lights with their reasons, by colour, unit and month, with counts',
        querystring: lightsQuerySchema,
        response: { 200: lightsListSchema },
      },
    },
    (request) => queries.list(request.actor, request.query),
  );

  app.get(
    '/api/projects/:id/lights',
    { schema: { tags: ['lights'], summary: '项目逐月亮灯记录 / a project’s light month by month', params: idParamsSchema, response: { 200: lightHistorySchema } } },
    (request) => queries.history(request.actor, request.params.id),
  );

  app.post(
    '/api/projects/:id/lights/supervise',
    {
      schema: {
        tags: ['lights'],
        summary: '红灯督办：对红灯项目交办督办事项（标题、说明、责任单位默认取自亮灯原因和牵头单位）/ raise a 督办 item on a red project',
        params: idParamsSchema,
        body: lightSuperviseInputSchema,
        response: { 201: actionItemDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(withEtag(reply, await supervision.supervise(request.actor, request.params.id, request.body))),
  );

  app.get(
    '/api/light-rules',
    { schema: { tags: ['lights'], summary: '亮灯规则（版本 0 为系统默认）/ light rules (version 0 = shipped defaults)', response: { 200: lightRulesResponseSchema } } },
    async (_request, reply) => withEtag(reply, await lights.getRules()),
  );

  app.put(
    '/api/light-rules',
    {
      schema: {
        tags: ['lights'],
        summary: '修改亮灯规则（需 If-Match；保存后全部项目重新亮灯）/ change the light rules (If-Match; every project is recomputed)',
        body: lightRulesBodySchema,
        response: { 200: lightRulesResponseSchema },
      },
    },
    async (request, reply) => withEtag(reply, await lights.updateRules(request.actor, requireIfMatch(request), request.body.rules)),
  );

  app.post(
    '/api/lights/recompute',
    {
      schema: {
        tags: ['lights'],
        summary: '立即重新计算亮灯（范围内全部项目）/ recompute the lights of every project in scope now',
        body: z.strictObject({}).optional(),
        response: { 200: recomputeResultSchema },
      },
    },
    (request) => lights.recomputeInScope(request.actor),
  );
}
