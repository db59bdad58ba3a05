import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../core/schemas/common.schema.js';
import { createExtraFieldSchema, extraFieldSchema, updateExtraFieldSchema } from '../../core/schemas/extra-fields.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { ExtraFieldsService } from './extra-fields.service.js';
import type { SavedViewsService } from './saved-views.service.js';

const savedViewSchema = z.object({ id: z.string(), name: z.string(), params: z.record(z.string(), z.unknown()), createdAt: z.string() });

/** The ledger's per-deployment extra fields and each person's saved views. */
export function registerLedgerSettingsRoutes(app: App, extraFields: ExtraFieldsService, savedViews: SavedViewsService) {
  app.get('/api/extra-fields', { schema: { tags: ['projects'], summary: '自定义字段 / extra fields', response: { 200: z.array(extraFieldSchema) } } }, () => extraFields.list());

  app.post(
    '/api/extra-fields',
    { schema: { tags: ['projects'], summary: '新增自定义字段 / add an extra field', body: createExtraFieldSchema, response: { 201: extraFieldSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await extraFields.create(request.actor, request.body))),
  );

  app.patch(
    '/api/extra-fields/:id',
    { schema: { tags: ['projects'], summary: '修改自定义字段（需 If-Match）/ change an extra field (If-Match)', params: idParamsSchema, body: updateExtraFieldSchema, response: { 200: extraFieldSchema } } },
    async (request, reply) => withEtag(reply, await extraFields.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );

  app.get('/api/saved-views', { schema: { tags: ['projects'], summary: '我保存的视图 / my saved ledger views', response: { 200: z.array(savedViewSchema) } } }, (request) =>
    savedViews.list(request.actor),
  );

  app.post(
    '/api/saved-views',
    {
      schema: {
        tags: ['projects'],
        summary: '保存视图 / save a ledger view',
        body: z.strictObject({ name: z.string().trim().min(1).max(50), params: z.record(z.string(), z.unknown()) }),
        response: { 201: savedViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await savedViews.create(request.actor, request.body)),
  );

  app.delete('/api/saved-views/:id', { schema: { tags: ['projects'], summary: '删除视图 / delete a saved view', params: idParamsSchema, response: { 200: okSchema } } }, async (request) => {
    await savedViews.remove(request.actor, request.params.id);
    return { ok: true as const };
  });
}
