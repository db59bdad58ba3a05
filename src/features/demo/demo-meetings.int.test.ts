import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { Actor } from '../shared/context.js';
import { SPEECH_MEETING_TITLE, WEEKLY_SERIES } from './demo-meetings.js';
import { loadDemoWorld } from './demo.service.js';

describe.each(databaseVariants())('demo world part 4 (meetings) on $name', (variant) => {
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

  it('holds the speech’s meeting: four projects in negotiation heard, three actions each with an owner who was told', { timeout: 120_000 }, async () => {
    const r = await loadDemoWorld(t.container.deps, t.container.services, Actor.cli());
    expect(r.meetingsCreated).toBeGreaterThan(0);
    const q = t.container.deps.db;
    const speech = await q.selectFrom('meetings').selectAll().where('title', '=', SPEECH_MEETING_TITLE).executeTakeFirstOrThrow();
    expect(speech.status).toBe('closed');
    const agenda = await q.selectFrom('meetingAgendaItems as a').innerJoin('projects as p', 'p.id', 'a.projectId').select(['p.name', 'p.stage']).where('a.meetingId', '=', speech.id).execute();
    expect(agenda).toHaveLength(4);
    expect(new Set(agenda.map((a) => a.stage))).toEqual(new Set(['negotiating']));
    const actions = await q
      .selectFrom('meetingOutcomes as o')
      .innerJoin('actionItems as ai', 'ai.id', 'o.actionItemId')
      .select(['ai.id', 'ai.title', 'ai.ownerUnitId', 'ai.deadline', 'ai.status'])
      .where('o.meetingId', '=', speech.id)
      .orderBy('ai.deadline')
      .execute();
    expect(actions.map((a) => a.title.replace(/^\d{4}年/, ''))).toEqual(['5月底前完成签约', '6月下旬开工', '上半年建成投产']);
    for (const a of actions) {
      expect(a.ownerUnitId).toBeTruthy();
      expect(a.status).toBe('open');
      const told = await q.selectFrom('notifications').select('userId').where('kind', '=', 'action-assigned').where('link', 'like', `%action=${a.id}`).execute();
      expect(told.length, a.title).toBeGreaterThan(0);
    }
  });

  it('runs a weekly 调度会 series: past Mondays closed with actions in every state, this week’s open with its carry-over list', async () => {
    const q = t.container.deps.db;
    const series = await q.selectFrom('meetingSeries').selectAll().where('name', '=', WEEKLY_SERIES).executeTakeFirstOrThrow();
    const meetings = await q.selectFrom('meetings').select(['id', 'date', 'status', 'kind']).where('seriesId', '=', series.id).orderBy('date').execute();
    expect(meetings).toHaveLength(5);
    expect(new Set(meetings.map((m) => m.kind))).toEqual(new Set(['dispatch']));
    for (let i = 1; i < meetings.length; i++) expect(Date.parse(meetings[i]!.date) - Date.parse(meetings[i - 1]!.date)).toBe(7 * 86_400_000);
    expect(meetings.map((m) => m.status)).toEqual(['closed', 'closed', 'closed', 'closed', 'open']);
    const statuses = await q
      .selectFrom('actionItems as ai')
      .innerJoin('meetingOutcomes as o', 'o.actionItemId', 'ai.id')
      .innerJoin('meetings as m', 'm.id', 'o.meetingId')
      .select('ai.status')
      .where('m.seriesId', '=', series.id)
      .execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['closed', 'reported', 'open']));
    const carry = await t.container.services.meetings.carryOver(Actor.cli(), meetings.at(-1)!.id);
    expect(carry.previousMeeting?.id).toBe(meetings.at(-2)!.id);
    expect(carry.items.length).toBeGreaterThan(0);
    expect(carry.items.some((i) => i.overdue)).toBe(true);
    // Loading again changes nothing.
    expect((await loadDemoWorld(t.container.deps, t.container.services, Actor.cli())).meetingsCreated).toBe(0);
  });
});
