import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { serializerCompiler } from './serializer.js';
import { z } from 'zod';
import type { Container } from '../container.js';
import { registerAttachmentsRoutes } from '../features/attachments/attachments.routes.js';
import { registerAuditRoutes } from '../features/audit/audit.routes.js';
import { registerAuthRoutes } from '../features/auth/auth.routes.js';
import { registerDashboardRoutes } from '../features/dashboard/dashboard.routes.js';
import { registerGoalsRoutes } from '../features/goals/goals.routes.js';
import { registerMeetingsRoutes } from '../features/meetings/meetings.routes.js';
import { registerActionSlipRoutes } from '../features/action-slips/action-slips.routes.js';
import { registerOfficeDocumentRoutes } from '../features/office-documents/office-documents.routes.js';
import { registerBulletinRoutes } from '../features/bulletins/bulletins.routes.js';
import { registerCalendarRoutes } from '../features/calendar/calendar.routes.js';
import { registerLightsRoutes } from '../features/lights/lights.routes.js';
import { registerMilestoneRoutes } from '../features/milestones/milestones.routes.js';
import { registerPlanCurveRoutes } from '../features/plan-curves/plan-curves.routes.js';
import { registerNotificationRoutes } from '../features/notifications/notifications.routes.js';
import { registerChannelRoutes } from '../features/notifications/channels.routes.js';
import { registerActionsRoutes } from '../features/problems/actions.routes.js';
import { registerProblemsRoutes } from '../features/problems/problems.routes.js';
import { registerHealthRoutes } from '../features/health/health.routes.js';
import { registerLedgerSettingsRoutes } from '../features/projects/ledger-settings.routes.js';
import { registerProjectsRoutes } from '../features/projects/projects.routes.js';
import { registerReportsRoutes } from '../features/reports/reports.routes.js';
import { registerSettingsRoutes } from '../features/settings/settings.routes.js';
import { registerSetupRoutes } from '../features/setup/setup.routes.js';
import { registerTablesRoutes } from '../features/tables/tables.routes.js';
import { registerUnitsRoutes } from '../features/units/units.routes.js';
import { registerUsersRoutes } from '../features/users/users.routes.js';
import { registerAuditHook } from './plugins/audit-hook.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling, zodValidatorCompiler } from './plugins/errors.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurity } from './plugins/security.js';
import { registerWeb } from './plugins/web.js';
import type { App } from './types.js';

// Validation messages default to Chinese; English ones are produced alongside (see errors.ts).
z.config(z.locales.zhCN());

function trustProxy(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value;
}

/** Builds the whole app without listening: tests use app.inject(), `serve` calls listen(). */
export async function buildApp(container: Container, opts: { logger?: boolean } = {}): Promise<App> {
  const { config } = container.deps;
  const app = Fastify({
    logger: opts.logger === false || config.LUODI_LOG_LEVEL === 'silent' ? false : { level: config.LUODI_LOG_LEVEL },
    bodyLimit: config.LUODI_BODY_LIMIT_BYTES,
    trustProxy: trustProxy(config.LUODI_TRUST_PROXY),
    // Schemas are strict: reject unknown fields instead of silently dropping them.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider() as unknown as App;

  // Every registered route, as its authorization-matrix key (the matrix test reads this).
  const routeKeys = new Set<string>();
  app.decorate('routeKeys', routeKeys);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeKeys.add(`${method} ${route.url}`);
  });

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  await registerSecurity(app, config);
  await registerOpenApi(app, config);
  registerAuth(app, container.services, config);
  registerAuditHook(app, container.services);

  const s = container.services;
  registerHealthRoutes(app, container.deps);
  registerSetupRoutes(app, s.setup);
  registerAuthRoutes(app, s.auth, config);
  registerUnitsRoutes(app, s.units);
  registerUsersRoutes(app, s.users);
  registerSettingsRoutes(app, s.settings);
  registerAuditRoutes(app, s.audit);
  registerProjectsRoutes(app, s.projects, s.audit, s.ledgerImport);
  registerLedgerSettingsRoutes(app, s.extraFields, s.savedViews);
  registerGoalsRoutes(app, s.goals);
  registerAttachmentsRoutes(app, s.attachments);
  registerCalendarRoutes(app, s.calendar);
  registerMilestoneRoutes(app, s);
  registerPlanCurveRoutes(app, s.planCurves);
  registerNotificationRoutes(app, s.notifications);
  registerLightsRoutes(app, s.lights, s.lightQueries, s.lightSupervision);
  registerDashboardRoutes(app, s.dashboard);
  registerChannelRoutes(app, s.notifyChannels);
  registerReportsRoutes(app, s);
  registerMeetingsRoutes(app, s.meetings, s.meetingAgenda);
  registerActionSlipRoutes(app, s.actionSlips);
  registerOfficeDocumentRoutes(app, s.minutes, s.briefing);
  registerBulletinRoutes(app, s.bulletins);
  registerProblemsRoutes(app, s.problems, s.actions, s.dispatchSettings);
  registerActionsRoutes(app, s.actions);
  registerTablesRoutes(app, s.tables);
  await registerWeb(app, config);

  await app.ready();
  return app;
}
