import { z } from 'zod';
import { goalInputSchema, goalMetricSchema, goalParamsSchema, goalProjectsSchema, goalSchema, goalsListSchema, goalsQuerySchema } from '../../core/schemas/goals.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { GoalsService } from './goals.service.js';

export function registerGoalsRoutes(app: App, goals: GoalsService) {
  app.get(
    '/api/goals',
    {
      schema: {
        tags: ['goals'],
        summary: '年度目标及进度：实际、序时应完成、差距（百分点）/ annual goals with actual, expected by now (序时) and the gap',
        querystring: goalsQuerySchema,
        response: { 200: goalsListSchema },
      },
    },
    (request) => goals.list(request.actor, request.query),
  );

  app.get(
    '/api/goals/:unitId/:year',
    { schema: { tags: ['goals'], summary: '某单位某年的目标 / one unit’s goal for a year', params: goalParamsSchema, response: { 200: goalSchema } } },
    async (request, reply) => withEtag(reply, await goals.get(request.actor, request.params.unitId, request.params.year)),
  );

  app.put(
    '/api/goals/:unitId/:year',
    {
      schema: {
        tags: ['goals'],
        summary: '设定目标（新建无需 If-Match；修改需 If-Match；季度分解之和须等于全年目标）/ set a goal (If-Match when it exists; quarters must add up to the year)',
        params: goalParamsSchema,
        body: goalInputSchema,
        response: { 200: goalSchema, 201: goalSchema },
      },
    },
    async (request, reply) => {
      // Creating needs no version; replacing does (the service answers 428 when it is missing).
      const version = request.headers['if-match'] ? requireIfMatch(request) : null;
      const { goal, created } = await goals.put(request.actor, request.params.unitId, request.params.year, version, request.body);
      return reply.code(created ? 201 : 200).send(withEtag(reply, goal));
    },
  );

  app.get(
    '/api/goals/:unitId/:year/projects',
    {
      schema: {
        tags: ['goals'],
        summary: '计入目标的项目，以及本年仍待完成的项目及其风险 / projects counting toward a target, and those still expected with their risk',
        params: goalParamsSchema,
        querystring: z.strictObject({ metric: goalMetricSchema }),
        response: { 200: goalProjectsSchema },
      },
    },
    (request) => goals.projects(request.actor, request.params.unitId, request.params.year, request.query.metric),
  );
}
