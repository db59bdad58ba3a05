import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor } from '../shared/context.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { resolveOwnerRecipients } from './owner-recipients.js';

/** The owner fallback chain: a 督办事项 always reaches someone who answers for it. */
describe.each(databaseVariants())('owner recipients on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  const u: Record<string, string> = {};
  const p: Record<string, string> = {};

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock: manualClock(new Date('2026-05-12T06:00:00Z')) });
    const unit = async (name: string, parentId: string, type: 'zone' | 'department' | 'town' | 'other') => (await t.container.services.units.create(Actor.cli(), { parentId, name, shortName: null, type })).id;
    u.zone = await unit('经济区管委会', t.rootUnitId, 'zone');
    u.build = await unit('经济区规划建设局', u.zone, 'department');
    u.invest = await unit('招商局', t.rootUnitId, 'department');
    u.town = await unit('XX镇', t.rootUnitId, 'town');
    u.village = await unit('XX村', u.town, 'other');
    p.county = (await t.createUser('coordinator')).id;
    p.zonePmo = (await t.createUser('coordinator', { unitId: u.zone })).id;
    p.zoneViewer = (await t.createUser('viewer', { unitId: u.zone })).id;
    p.invest1 = (await t.createUser('unit-staff', { unitId: u.invest })).id;
    p.invest2 = (await t.createUser('unit-staff', { unitId: u.invest })).id;
    p.investHead = (await t.createUser('leader', { unitId: u.invest })).id;
    p.townLeader = (await t.createUser('leader', { unitId: u.town })).id;
    p.gone = (await t.createUser('unit-staff', { unitId: u.invest })).id;
    await t.container.deps.db.updateTable('users').set({ disabled: 1 }).where('id', '=', p.gone).execute();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('named person → unit staff → the unit’s other accounts → nearest ancestor 项目办', async () => {
    const got = await resolveOwnerRecipients(t.container.deps.db, [
      { ownerUnitId: u.invest!, ownerUserId: p.invest1! }, // the named person only
      { ownerUnitId: u.invest!, ownerUserId: null }, // the unit's active staff, not its leader
      { ownerUnitId: u.invest!, ownerUserId: p.gone! }, // a disabled person: as if none was named
      { ownerUnitId: u.zone!, ownerUserId: null }, // no staff: the zone's own 项目办 (never its viewer)
      { ownerUnitId: u.build!, ownerUserId: null }, // nobody there: the parent zone's 项目办
      { ownerUnitId: u.village!, ownerUserId: null }, // nobody there, the town has only a leader: the county 项目办
      { ownerUnitId: u.town!, ownerUserId: null }, // the town's leader is its only account
    ]);
    const staff = [p.invest1, p.invest2].sort();
    expect(got.map((r) => [...r].sort())).toEqual([[p.invest1], staff, staff, [p.zonePmo], [p.zonePmo], [p.county], [p.townLeader]]);
  });

  it('tells a 批示’s owners when the item is raised, through the same chain', async () => {
    const project = await t.container.services.projects.create(Actor.cli(), { name: '批示测试项目', leadUnitId: u.zone!, stage: 'negotiating', projectType: 'industrial' });
    const pmo = await t.login((await t.container.deps.db.selectFrom('users').select('username').where('id', '=', p.county!).executeTakeFirstOrThrow()).username);
    const res = await t.request(pmo, 'POST', '/api/actions', { body: { projectId: project.id, title: '尽快协调用地指标', ownerUnitId: u.build, deadline: '2026-05-30' } });
    expect(res.statusCode, res.body).toBe(201);
    const notes = await t.container.deps.db.selectFrom('notifications').select(['userId', 'title', 'link']).where('kind', '=', 'action-assigned').execute();
    expect(notes).toEqual([{ userId: p.zonePmo, title: '领导批示：尽快协调用地指标', link: `/actions?id=${res.json().id}` }]);
  });
});
