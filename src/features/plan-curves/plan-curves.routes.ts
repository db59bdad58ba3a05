import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { planCurveInputSchema, planCurveQuerySchema, projectPlanCurveSchema } from '../../core/schemas/plan-curves.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { PlanCurvesService } from './plan-curves.service.js';

export function registerPlanCurveRoutes(app: App, planCurves: PlanCurvesService): void {
  app.get(
    '/api/projects/:id/plan-curve',
    { schema: { tags: ['projects'], summary: '项目月度计划曲线（序时）及当前生效的曲线 / a project’s own plan curve and the one in effect', params: idParamsSchema, querystring: planCurveQuerySchema, response: { 200: projectPlanCurveSchema } } },
    async (request, reply) => withEtag(reply, await planCurves.get(request.actor, request.params.id, request.query.year)),
  );
  app.put(
    '/api/projects/:id/plan-curve',
    {
      schema: {
        tags: ['projects'],
        summary: '设定或清除项目月度计划曲线（已有曲线时需 If-Match）/ set or clear a project’s plan curve (If-Match when it exists)',
        params: idParamsSchema,
        body: planCurveInputSchema,
        response: { 200: projectPlanCurveSchema, 201: projectPlanCurveSchema },
      },
    },
    async (request, reply) => {
      const version = request.headers['if-match'] ? requireIfMatch(request) : null;
      const { result, created } = await planCurves.put(request.actor, request.params.id, version, request.body);
      return reply.code(created ? 201 : 200).send(withEtag(reply, result));
    },
  );
}
