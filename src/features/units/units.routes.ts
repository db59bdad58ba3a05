import { z } from 'zod';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { createUnitSchema, unitSchema, updateUnitSchema } from '../../core/schemas/units.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { UnitsService } from './units.service.js';

export function registerUnitsRoutes(app: App, units: UnitsService) {
  app.get(
    '/api/units',
    { schema: { tags: ['units'], summary: '单位树（平铺，按路径排序）/ the unit tree, flat, in path order', response: { 200: z.array(unitSchema) } } },
    () => units.list(),
  );

  app.get(
    '/api/units/:id',
    { schema: { tags: ['units'], summary: '单位详情 / one unit', params: idParamsSchema, response: { 200: unitSchema } } },
    async (request, reply) => withEtag(reply, await units.get(request.params.id)),
  );

  app.post(
    '/api/units',
    { schema: { tags: ['units'], summary: '新增单位 / add a unit', body: createUnitSchema, response: { 201: unitSchema } } },
    async (request, reply) => {
      const unit = await units.create(request.actor, request.body);
      return reply.code(201).send(withEtag(reply, unit));
    },
  );

  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: '修改单位（需 If-Match）/ change a unit (If-Match required)',
        params: idParamsSchema,
        body: updateUnitSchema,
        response: { 200: unitSchema },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      return withEtag(reply, await units.update(request.actor, request.params.id, version, request.body));
    },
  );
}
