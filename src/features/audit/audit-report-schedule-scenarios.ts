import type { Session, TestApp } from '../../../test/helpers/test-app.js';

/** 填报计划: turning the automatic weekly round on is a setting change, audited like the others. */
export function reportScheduleScenarios(ctx: { t: () => TestApp; coordinator: () => Session }): Record<string, () => Promise<{ status: number; action: string }>> {
  return {
    'PUT /api/report-schedule': async () => ({
      status: (await ctx.t().request(ctx.coordinator(), 'PUT', '/api/report-schedule', { body: { weekly: true }, headers: { 'if-match': '"0"' } })).statusCode,
      action: 'settings.reports.schedule.update',
    }),
  };
}
