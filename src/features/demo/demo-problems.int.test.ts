import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_STATUSES } from '../../core/dispatch/problems.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { Actor } from '../shared/context.js';
import { loadDemoWorld } from './demo.service.js';

describe.each(databaseVariants())('demo world part 4 (problems) on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('puts problems in every status and at every escalation level, and 批示 on the projects, once', { timeout: 120_000 }, async () => {
    const r = await loadDemoWorld(t.container.deps, t.container.services, Actor.cli());
    expect(r.problemsCreated).toBeGreaterThan(0);
    const rows = await t.container.deps.db.selectFrom('problems').select(['status', 'escalationLevel']).execute();
    expect(new Set(rows.map((p) => p.status))).toEqual(new Set(PROBLEM_STATUSES));
    expect(new Set(rows.map((p) => p.escalationLevel))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect((await t.container.deps.db.selectFrom('actionItems').select('id').where('sourceKind', '=', 'instruction').execute()).length).toBe(3);
    expect((await loadDemoWorld(t.container.deps, t.container.services, Actor.cli())).problemsCreated).toBe(0);
    // The escalation job accepts the world as it is (levels only ever go up).
    await t.container.services.escalation.run();
  });

  it('lights last month as well, so the 调度通报 the office drafts now has its light lists', async () => {
    const month = (await t.container.deps.db.selectFrom('projectLights').select((eb) => eb.fn.max('month').as('m')).executeTakeFirstOrThrow()).m!;
    const last = `${Number(month.slice(0, 4)) - (month.endsWith('-01') ? 1 : 0)}-${month.endsWith('-01') ? '12' : String(Number(month.slice(5)) - 1).padStart(2, '0')}`;
    const colors = await t.container.deps.db.selectFrom('projectLights').select(['color', (eb) => eb.fn.countAll().as('n')]).where('month', '=', last).groupBy('color').execute();
    const count = (c: string) => Number(colors.find((r) => r.color === c)?.n ?? 0);
    expect(count('red'), JSON.stringify(colors)).toBeGreaterThan(0);
    expect(count('yellow') + count('green')).toBeGreaterThan(0);
  });
});
