import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { Actor } from '../shared/context.js';
import { demoYtdInvestment } from './demo-goals.js';
import { loadDemoWorld } from './demo.service.js';

describe.each(databaseVariants())('demo progress reports on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = manualClock(new Date('2026-11-27T02:00:00Z'));

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock, setup: false });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('opens six monthly rounds: past ones accepted (some late), this one in progress (some returned, some missing)', async () => {
    const first = await loadDemoWorld(t.container.deps, t.container.services, Actor.cli());
    expect(first.reportRoundsCreated).toBe(6);
    const s = t.container.services;
    const rounds = await s.reportRounds.list(Actor.cli());
    expect(rounds.map((r) => r.period)).toEqual(['2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06']);
    const now = await s.reportRounds.get(Actor.cli(), rounds[0]!.id);
    const sum = (k: 'returned' | 'submitted' | 'missing' | 'late' | 'accepted') => now.units.reduce((a, u) => a + u[k], 0);
    expect(sum('returned')).toBeGreaterThan(0);
    expect(sum('submitted')).toBeGreaterThan(0);
    expect(sum('missing')).toBeGreaterThan(0); // the 25th has passed
    expect(sum('accepted')).toBe(0);
    const past = await s.reportRounds.get(Actor.cli(), rounds[1]!.id);
    expect(past.units.reduce((a, u) => a + u.late, 0)).toBeGreaterThan(0);
    expect(past.units.every((u) => u.accepted === u.total)).toBe(true);

    // The ledger's 本年累计 now comes from the accepted reports, and is what the demo set.
    const projects = await t.container.deps.db.selectFrom('projects').select(['id', 'name', 'stage', 'ytdInvestment', 'annualPlanInvestment']).where('stage', '=', 'construction').execute();
    expect(projects.length).toBeGreaterThan(3);
    for (const p of projects) {
      expect(Number(p.ytdInvestment), p.name).toBe(demoYtdInvestment(p.name, 'construction', Number(p.annualPlanInvestment)));
      const tab = await s.reports.forProject(new Actor(null, 'cli', null, null, null, null), p.id);
      expect(tab.cumulative.ytd, p.name).toBe(Number(p.ytdInvestment));
    }

    const second = await loadDemoWorld(t.container.deps, t.container.services, Actor.cli());
    expect(second).toMatchObject({ reportRoundsCreated: 0, reportRoundsExisting: 6 });
  }, 180_000); // the whole demo world, twice, on a loaded machine
});
