import { z } from 'zod';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import type { App } from '../../http/types.js';
import type { NotificationsService } from './notifications.service.js';

const notificationSchema = z.object({ id: z.string(), unitId: z.string().nullable(), kind: z.string(), title: z.string(), body: z.string().nullable(), link: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() });

/** The signed-in user's own inbox: nobody reads another person's notifications. */
export function registerNotificationRoutes(app: App, notifications: NotificationsService): void {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的站内通知与未读数 / my in-app notifications and unread count',
        querystring: z.object({
          unread: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          kind: z.string().max(64).optional(),
          before: z.string().max(120).optional(),
        }),
        response: { 200: z.object({ unread: z.number(), items: z.array(notificationSchema) }) },
      },
    },
    (request) => notifications.list(request.actor.userId ?? '', { unreadOnly: request.query.unread === 'true', limit: request.query.limit, kind: request.query.kind, before: request.query.before }),
  );
  app.post('/api/notifications/:id/read', { schema: { tags, summary: '标为已读 / mark one read', params: idParamsSchema } }, async (request, reply) => {
    await notifications.markRead(request.actor, request.params.id);
    return reply.code(204).send();
  });
  app.post('/api/notifications/read-all', { schema: { tags, summary: '全部标为已读 / mark all read' } }, async (request, reply) => {
    await notifications.markRead(request.actor, 'all');
    return reply.code(204).send();
  });
}
