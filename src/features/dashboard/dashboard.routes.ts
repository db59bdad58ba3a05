import { dashboardQuerySchema, dashboardSchema } from '../../core/schemas/dashboard.schema.js';
import type { App } from '../../http/types.js';
import type { DashboardService } from './dashboard.service.js';

export function registerDashboardRoutes(app: App, dashboard: DashboardService) {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: '驾驶舱：五个一存量与流量对目标、投资完成对计划与序时（分单位、分产业）、亮灯、十快十慢、超期督办 / the cockpit’s figures for a unit subtree and period',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
    },
    (request) => dashboard.get(request.actor, request.query),
  );
}
