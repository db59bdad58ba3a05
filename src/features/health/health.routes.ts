import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../shared/context.js';
import type { App } from '../../http/types.js';

export function registerHealthRoutes(app: App, deps: Deps) {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查 / health check (for load balancers)',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' as const, db: deps.dbKind, version: deps.config.version };
    },
  );
}
