/**
 * One bulletin measurement in a fresh process (so its peak RSS is the bulletin's, not the
 * seeding's): the 调度通报 of the whole county for October 2026 through the service — grouped
 * SQL, figures, the .docx — and, in the same run, the same statements alone. Prints JSON.
 */
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { ANNEX_CAP } from '../src/documents/bulletin.js';
import { dashboardRepository } from '../src/features/dashboard/dashboard.repository.js';
import { bulletinsRepository, monthSpan } from '../src/features/bulletins/bulletins.repository.js';
import { goalsRepository } from '../src/features/goals/goals.repository.js';
import { Actor } from '../src/features/shared/context.js';
import { unitsRepository } from '../src/features/units/units.repository.js';

const [url, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 5);
const MONTH = '2026-10';
const c = await createContainer(loadConfig({ LUODI_DB: url!, LUODI_LOG_LEVEL: 'silent' }), { clock: { now: () => new Date('2026-10-27T02:00:00Z') }, migrate: false });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const rssBefore = process.memoryUsage().rss;
const db = c.deps.db;
const root = (await db.selectFrom('units').select(['id', 'path']).where('parentId', 'is', null).executeTakeFirstOrThrow());

const sqlAlone = async () => {
  const span = monthSpan(MONTH);
  const view = { scope: null, unitPath: root.path };
  await Promise.all([
    dashboardRepository.projectSums(db, view),
    bulletinsRepository.lightCounts(db, root.path, MONTH),
    bulletinsRepository.flows(db, root.path, span),
    bulletinsRepository.problems(db, root.path, span, '2026-10-27'),
    bulletinsRepository.annex(db, root.path, span, ANNEX_CAP),
    unitsRepository.activeChildren(db, root.id),
    goalsRepository.find(db, root.id, 2026),
    bulletinsRepository.lightList(db, root.path, MONTH, 'red', 50),
    bulletinsRepository.lightList(db, root.path, MONTH, 'yellow', 50),
    dashboardRepository.paced(db, view, true, 10),
    dashboardRepository.paced(db, view, false, 10),
  ]);
};

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
let bytes = 0;
let annex = 0;
const full = async () => {
  const r = await c.services.bulletins.renderLive(Actor.cli(), undefined, MONTH);
  bytes = r.content.length;
  annex = r.figures.annex.rows.length;
};
await full(); // warm-up (statement caches, JIT)
const fullMs: number[] = [];
const sqlMs: number[] = [];
const gatherMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  fullMs.push(await time(full));
  gatherMs.push(await time(() => c.services.bulletins.gather(Actor.cli(), undefined, MONTH)));
  sqlMs.push(await time(sqlAlone));
}
clearInterval(sampler);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
  JSON.stringify({ fullMs: median(fullMs), fullMaxMs: Math.max(...fullMs), gatherMs: median(gatherMs), sqlMs: median(sqlMs), peakRssMb: peakRss / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 2 ** 20, bytes, annex }) + '\n',
);
await c.close();
