import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { DEFAULT_PROBLEM_CATEGORIES } from '../src/core/dispatch/problems.js';
import { newId } from '../src/core/ids.js';
import { addCalendarDays } from '../src/core/schedule/working-days.js';
import { Actor } from '../src/features/shared/context.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';

const MONTH = '2026-10';

/**
 * The bulletin bench's world: N projects of the ledger bench's builder, each entered into its
 * stage during 2026, every tenth red and every fifth yellow in October, 2,000 problems.
 */
export async function seedBulletinWorld(url: string, N: number) {
  const c = await createContainer(loadConfig({ LUODI_DB: url, LUODI_LOG_LEVEL: 'silent' }));
  try {
    await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    const db = c.deps.db;
    const units = await seedUnits(db);
    await seedProjects(db, units, 0, N);
    // 本年累计完成: 0–90 % of the plan by the code's last digit (ten statements, not 50,000).
    for (let d = 0; d < 10; d++) await db.updateTable('projects').set({ ytdInvestment: sql<number>`annual_plan_investment / 10 * ${d}` }).where('code', 'like', `%${d}`).execute();
    const projects = await db.selectFrom('projects').select(['id', 'unitId', 'stage']).orderBy('id').execute();
    const now = new Date().toISOString();
    for (let i = 0; i < projects.length; i += 1000) {
      const part = projects.slice(i, i + 1000);
      await db.insertInto('projectStageEvents').values(part.map((p, k) => ({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: null, toStage: p.stage, date: addCalendarDays('2026-01-05', (i + k) % 300), note: null, reason: null, byUserId: null, createdAt: now }))).execute();
      const reason = JSON.stringify([{ code: 'investment-pace', name: '投资进度', dimension: 'investment', severity: 'red', figures: { rate: 20, expected: 75 } }]);
      await db.insertInto('projectLights').values(part.map((p, k) => ({ id: newId(), projectId: p.id, month: MONTH, unitId: p.unitId, color: (i + k) % 10 === 0 ? 'red' : (i + k) % 5 === 1 ? 'yellow' : 'green', reasons: (i + k) % 10 === 0 ? reason : '[]', computedAt: now }))).execute();
    }
    const problems = projects.slice(0, 2000).map((p, k) => ({
      id: newId(), projectId: p.id, scopeUnitId: p.unitId, category: DEFAULT_PROBLEM_CATEGORIES[k % DEFAULT_PROBLEM_CATEGORIES.length]!, description: `问题${k}`, raisedBy: null, leaderId: null, unitId: p.unitId, ownerUserId: null, supportingUnitIds: '[]',
      deadline: addCalendarDays('2026-09-01', k % 90), status: (k % 4 === 0 ? 'closed' : 'in_progress') as 'closed' | 'in_progress', escalationLevel: 0, closeNote: null, closedAt: k % 4 === 0 ? '2026-10-10T02:00:00.000Z' : null, createdBy: null, version: 1, createdAt: addCalendarDays('2026-08-01', k % 80) + 'T02:00:00.000Z', updatedAt: now,
    }));
    for (let i = 0; i < problems.length; i += 200) await db.insertInto('problems').values(problems.slice(i, i + 200)).execute();
  } finally {
    await c.close();
  }
}

