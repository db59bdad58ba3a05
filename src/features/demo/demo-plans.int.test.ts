import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { Actor } from '../shared/context.js';
import { loadDemoWorld } from './demo.service.js';

describe.each(databaseVariants())('demo milestone plans on $name', (variant) => {
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

  it('gives the signed and later projects approved plans with on-time, late and re-planned milestones', async () => {
    await loadDemoWorld(t.container.deps, t.container.services, Actor.cli());
    const q = t.container.deps.db;
    const plans = await q.selectFrom('projectPlans').select(['projectId', 'approvedAt']).execute();
    expect(plans.length).toBeGreaterThan(3);
    expect(plans.every((p) => p.approvedAt)).toBe(true);
    const done = await q.selectFrom('milestones').select(['actualDate', 'plannedEnd', 'baselineEnd']).where('actualDate', 'is not', null).execute();
    // On time: done by the planned end; late: done after it.
    expect(done.filter((m) => m.actualDate! <= m.plannedEnd).length).toBeGreaterThan(0);
    expect(done.filter((m) => m.actualDate! > m.plannedEnd).length).toBeGreaterThan(0);
    // Re-planned: a recorded change with a reason, and the plan moved off its baseline.
    const changes = await q.selectFrom('milestoneChanges').innerJoin('milestones', 'milestones.id', 'milestoneChanges.milestoneId').select(['milestoneChanges.reason', 'milestones.plannedEnd', 'milestones.baselineEnd']).execute();
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.reason.trim().length > 0)).toBe(true);
    expect(changes.some((c) => c.plannedEnd !== c.baselineEnd)).toBe(true);
    // And some still open past their date (overdue) for the reminders and lights to find.
    const overdue = await q.selectFrom('milestones').select('id').where('actualDate', 'is', null).where('plannedEnd', '<', '2026-11-27').execute();
    expect(overdue.length).toBeGreaterThan(0);
  }, 180_000); // the whole demo world on a loaded machine
});
