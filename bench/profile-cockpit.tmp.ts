import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { chinaDate } from '../src/core/business-date.js';
import { Actor } from '../src/features/shared/context.js';
import { dashboardRepository } from '../src/features/dashboard/dashboard.repository.js';
import { projectsRepository } from '../src/features/projects/projects.repository.js';
import { seedProjects, seedUnits } from './ledger-seed.js';
import { BENCH_ADMIN } from './settings.js';
import { newId } from '../src/core/ids.js';
import { addCalendarDays } from '../src/core/schedule/working-days.js';
import { goalInputSchema } from '../src/core/schemas/goals.schema.js';

const file = '/tmp/prof/cockpit.db';
const fresh = !existsSync(file);
const c = await createContainer(loadConfig({ LUODI_DB: file, LUODI_LOG_LEVEL: 'silent', LUODI_JOBS: 'false' }));
const db = c.deps.db;
if (fresh) {
  await c.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
  const unitIds = await seedUnits(db);
  await seedProjects(db, unitIds, 0, 50000);
  const now = new Date().toISOString();
  const projects = await db.selectFrom('projects').select(['id', 'unitId', 'stage']).execute();
  for (let i = 0; i < projects.length; i += 1000) {
    await db.insertInto('projectStageEvents').values(projects.slice(i, i + 1000).map((p, k) => ({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: null, toStage: p.stage, date: addCalendarDays('2026-01-05', (i + k) % 300), note: null, reason: null, byUserId: null, createdAt: now }))).execute();
  }
  const root = (await c.services.units.findRoot())!;
  for (const unitId of [root.id, ...unitIds]) await c.services.goals.put(Actor.cli(), unitId, 2026, null, goalInputSchema.parse({ signTarget: 500, startTarget: 400, completeTarget: 200, operateTarget: 100 }));
  await c.services.lights.recomputeAll();
}
const today = chinaDate(new Date());
const view = { scope: null, unitPath: undefined };
const time = async (name: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(name, (performance.now() - t).toFixed(0), 'ms'); };
const leader = Actor.cli();
for (let r = 0; r < 2; r++) {
  await time('stageEvents', () => projectsRepository.scopedStageEvents(db, null, null));
  await time('stock', () => projectsRepository.stock(db, null, null));
  await time('pipeline svc', () => c.services.projects.pipeline(leader, { period: 'year' }));
  await time('goals.list', () => c.services.goals.list(leader, { year: 2026 }));
  await time('byLeadUnit', () => dashboardRepository.byLeadUnit(db, view));
  await time('byIndustry', () => dashboardRepository.byIndustry(db, view));
  await time('lightCounts', () => dashboardRepository.lightCounts(db, view));
  await time('paced fast', () => dashboardRepository.paced(db, view, true, 10));
  await time('paced slow', () => dashboardRepository.paced(db, view, false, 10));
  await time('overdue', () => dashboardRepository.overdueActions(db, view, today, 10));
  await time('problems', () => dashboardRepository.openProblems(db, view, today));
  await time('tours', () => dashboardRepository.siteTours(db, view, today, 10));
  await time('red list', () => c.services.lightQueries.list(leader, { color: 'red', page: 1, pageSize: 10 }));
  await time('dashboard', () => c.services.dashboard.get(leader, { period: 'year' }));
}
await c.close();
