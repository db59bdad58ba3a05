import type { Session, TestApp } from '../../../test/helpers/test-app.js';

/** 项目月度计划曲线: set one project's own 序时 curve. */
export function planCurveScenarios(ctx: { t: () => TestApp; coordinator: () => Session; projectId: () => string }): Record<string, () => Promise<{ status: number; action: string }>> {
  return {
    'PUT /api/projects/:id/plan-curve': async () => ({
      status: (await ctx.t().request(ctx.coordinator(), 'PUT', `/api/projects/${ctx.projectId()}/plan-curve`, { body: { year: 2026, curve: [500, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 9500, 10_000] } })).statusCode,
      action: 'project.plan-curve',
    }),
  };
}
