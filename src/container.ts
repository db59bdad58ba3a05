import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type DbHandle } from './db/connect.js';
import { createAttachmentsService } from './features/attachments/attachments.service.js';
import { createAuditService } from './features/audit/audit.service.js';
import { createAuthService } from './features/auth/auth.service.js';
import { createDashboardService } from './features/dashboard/dashboard.service.js';
import { createGoalsService } from './features/goals/goals.service.js';
import { createCalendarService } from './features/calendar/calendar.service.js';
import { createPlansBatchService } from './features/milestones/plans-batch.service.js';
import { createPlansService } from './features/milestones/plans.service.js';
import { createPlanCurvesService } from './features/plan-curves/plan-curves.service.js';
import { createPortfolioService } from './features/milestones/portfolio.service.js';
import { createTemplatesService } from './features/milestones/templates.service.js';
import { createLightsQueries } from './features/lights/lights.queries.js';
import { createLightsService } from './features/lights/lights.service.js';
import { createLightSupervision } from './features/lights/light-supervision.js';
import { problemsLightSource, reportsLightSource } from './features/lights/light-sources.js';
import { createNotificationsService } from './features/notifications/notifications.service.js';
import { createChannelsService } from './features/notifications/channels.service.js';
import { createMeetingAgendaService } from './features/meetings/meeting-agenda.service.js';
import { createMeetingsService } from './features/meetings/meetings.service.js';
import { createActionSlipsService } from './features/action-slips/action-slips.service.js';
import { createBriefingService } from './features/office-documents/briefing.service.js';
import { createMinutesService } from './features/office-documents/minutes.service.js';
import { createBulletinsService } from './features/bulletins/bulletins.service.js';
import { createActionsService } from './features/problems/actions.service.js';
import { createDispatchSettingsService } from './features/problems/dispatch-settings.service.js';
import { createEscalationService } from './features/problems/escalation.service.js';
import { createProblemsService } from './features/problems/problems.service.js';
import { problemsFromReports } from './features/problems/from-report.js';
import { SessionCache } from './features/auth/session-cache.js';
import { createExtraFieldsService } from './features/projects/extra-fields.service.js';
import { createSavedViewsService } from './features/projects/saved-views.service.js';
import { createLedgerImportService } from './features/projects/ledger-import.service.js';
import { createProjectsService } from './features/projects/projects.service.js';
import { createSettingsService } from './features/settings/settings.service.js';
import { createSetupService } from './features/setup/setup.service.js';
import { systemClock, type Clock, type Deps } from './features/shared/context.js';
import { createUnitsService } from './features/units/units.service.js';
import { createUsersService } from './features/users/users.service.js';
import { createReportRoundsService } from './features/reports/report-rounds.service.js';
import { createReportsService } from './features/reports/reports.service.js';
import { createTablesService } from './features/tables/tables.service.js';

/** Wires every service once; the HTTP server and the CLI both start from here. */
export function createServices(deps: Deps) {
  const audit = createAuditService(deps);
  const settings = createSettingsService(deps, audit);
  const units = createUnitsService(deps, audit);
  const sessionCache = new SessionCache(deps.config.LUODI_SESSION_CACHE_MS);
  const users = createUsersService(deps, audit, settings, sessionCache);
  const auth = createAuthService(deps, audit, settings, sessionCache);
  const setup = createSetupService(deps, audit, units, users);
  const extraFields = createExtraFieldsService(deps, audit);
  const savedViews = createSavedViewsService(deps, audit);
  // Whoever may see an attachment's owner may download it: each owning feature answers for its records.
  const attachments = createAttachmentsService(deps, audit, {
    'project-stage-event': { canRead: (actor, eventId) => projects.canReadStageEvent(actor, eventId) },
    milestone: { canRead: (actor, milestoneId) => plans.canReadMilestone(actor, milestoneId) },
    'progress-report': { canRead: (actor, reportId) => reports.canRead(actor, reportId) },
    problem: { canRead: (actor, id) => problems.canRead(actor, id) },
    'action-item': { canRead: (actor, id) => actions.canRead(actor, id) },
  });
  const projects = createProjectsService(deps, audit, extraFields, attachments);
  const ledgerImport = createLedgerImportService(deps, audit);
  const calendar = createCalendarService(deps, audit);
  const templates = createTemplatesService(deps, audit);
  const plans = createPlansService(deps, audit, projects, templates, calendar, attachments);
  const planCurves = createPlanCurvesService(deps, audit, projects);
  const plansBatch = createPlansBatchService(deps, audit, templates, calendar);
  const portfolio = createPortfolioService(deps);
  const notifications = createNotificationsService(deps, audit, calendar);
  const notifyChannels = createChannelsService(deps, audit, notifications.outbox);
  const goals = createGoalsService(deps, audit);
  // 问题清单 and 督办事项 share the categories/ladder settings and the escalation job.
  const dispatchSettings = createDispatchSettingsService(deps, audit);
  const escalation = createEscalationService(deps, audit, notifications, dispatchSettings, calendar);
  const problems = createProblemsService(deps, audit, attachments, calendar, dispatchSettings, escalation);
  const actions = createActionsService(deps, audit, attachments, calendar, dispatchSettings, escalation);
  const lights = createLightsService(deps, audit);
  lights.addSource(problemsLightSource);
  lights.addSource(reportsLightSource);
  const lightQueries = createLightsQueries(deps, projects);
  const dashboard = createDashboardService(deps, projects, goals, lightQueries, dispatchSettings);
  // 进展填报: an accepted report's raised problems become 问题 items (same transaction).
  const reportRounds = createReportRoundsService(deps, audit, notifications, calendar);
  const reports = createReportsService(deps, audit, attachments, notifications, projects, { problemsRaised: problemsFromReports(deps, problems) });
  const meetings = createMeetingsService(deps, audit, notifications);
  const meetingAgenda = createMeetingAgendaService(deps, audit);
  const actionSlips = createActionSlipsService(deps, audit);
  const lightSupervision = createLightSupervision(deps, projects, actions);
  const minutes = createMinutesService(deps, audit);
  const briefing = createBriefingService(deps, audit, dashboard, dispatchSettings);
  const tables = createTablesService(deps, audit, projects, problems, lightQueries);
  const bulletins = createBulletinsService(deps, audit, notifications);
  return { bulletins, dashboard, lights, lightQueries, lightSupervision, audit, settings, units, users, auth, setup, projects, ledgerImport, extraFields, savedViews, attachments, calendar, templates, plans, plansBatch, portfolio, notifications, notifyChannels, goals, planCurves, reportRounds, reports, meetings, meetingAgenda, actionSlips, minutes, briefing, dispatchSettings, escalation, problems, actions, tables };
}
export type Services = ReturnType<typeof createServices>;

export interface Container {
  deps: Deps;
  handle: DbHandle;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and wires the services. */
export async function createContainer(config: Config, opts: { clock?: Clock; migrate?: boolean } = {}): Promise<Container> {
  const handle = openDatabase(config.LUODI_DB, { poolMax: config.LUODI_DB_POOL_MAX });
  try {
    if (opts.migrate !== false) await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const deps: Deps = { db: handle.db, dbKind: handle.kind, clock: opts.clock ?? systemClock, config };
  return { deps, handle, services: createServices(deps), close: () => handle.close() };
}
