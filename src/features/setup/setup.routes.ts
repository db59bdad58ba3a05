import { setupSchema, setupStatusSchema } from '../../core/schemas/auth.schema.js';
import { userSchema } from '../../core/schemas/users.schema.js';
import type { App } from '../../http/types.js';
import type { SetupService } from './setup.service.js';

export function registerSetupRoutes(app: App, setup: SetupService) {
  app.get(
    '/api/setup',
    { schema: { tags: ['auth'], summary: '是否需要首次初始化 / does the platform need first-run setup', response: { 200: setupStatusSchema } } },
    async () => ({ needsSetup: await setup.needsSetup() }),
  );

  app.post(
    '/api/setup',
    {
      schema: {
        tags: ['auth'],
        summary: '首次初始化：创建第一个系统管理员 / first run: create the first system administrator',
        body: setupSchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const user = await setup.createFirstAdmin(request.actor, request.body);
      return reply.code(201).send(user);
    },
  );
}
