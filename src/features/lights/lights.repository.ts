import { sql, type SelectQueryBuilder } from 'kysely';
import type { LightColor } from '../../core/lights/light-rules.js';
import type { Database, Db } from '../../db/database.js';

/** The project columns the light rules read. */
export interface LightProjectRow {
  id: string;
  unitId: string;
  stage: string;
  annualPlanInvestment: number | null;
  ytdInvestment: number | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  statsEnteredDate: string | null;
  light: string | null;
}

const CHUNK = 500;

/** A query of project ids whose facts changed after `since` (ISO timestamp). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table may answer, as long as it selects projectId
export type ChangedProjects = (db: Db, since: string) => SelectQueryBuilder<Database, any, { projectId: string | null }>;

/** Runs `fn` over `ids` in chunks small enough for SQLite's parameter limit. */
async function chunked<T>(ids: readonly string[], fn: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await fn(ids.slice(i, i + CHUNK))));
  return out;
}

export const lightsRepository = {
  /** Live projects (not archived, not dropped); all of them when `ids` is null. */
  async projects(db: Db, ids: readonly string[] | null): Promise<LightProjectRow[]> {
    const base = db
      .selectFrom('projects')
      .select(['id', 'unitId', 'stage', 'annualPlanInvestment', 'ytdInvestment', 'plannedStartDate', 'actualStartDate', 'statsEnteredDate', 'light'])
      .where('archived', '=', 0);
    if (ids === null) return base.execute();
    return chunked(ids, (part) => base.where('id', 'in', part).execute());
  },

  /** Open milestones due by `until` (the rules look no further ahead). */
  async openMilestones(db: Db, ids: readonly string[] | null, until: string) {
    const base = db
      .selectFrom('milestones')
      .select(['projectId', 'name', 'plannedEnd', 'startedOn'])
      .where('actualDate', 'is', null)
      .where('plannedEnd', '<=', until);
    if (ids === null) return base.execute();
    return chunked(ids, (part) => base.where('projectId', 'in', part).execute());
  },

  /** Colours of months before `month`, newest first, at most `months` per project. */
  async history(db: Db, ids: readonly string[] | null, month: string, months: number) {
    const from = shiftMonth(month, -months);
    const base = db
      .selectFrom('projectLights')
      .select(['projectId', 'month', 'color'])
      .where('month', '<', month)
      .where('month', '>=', from)
      .orderBy('month', 'desc');
    if (ids === null) return base.execute();
    return chunked(ids, (part) => base.where('projectId', 'in', part).execute());
  },

  /** This month's stored lights (to write only what changed). */
  async current(db: Db, ids: readonly string[] | null, month: string) {
    const base = db.selectFrom('projectLights').select(['id', 'projectId', 'color', 'reasons']).where('month', '=', month);
    if (ids === null) return base.execute();
    return chunked(ids, (part) => base.where('projectId', 'in', part).execute());
  },

  async insertLights(db: Db, rows: { id: string; projectId: string; month: string; unitId: string; color: LightColor; reasons: string; computedAt: string }[]) {
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('projectLights').values(rows.slice(i, i + 200)).execute();
  },

  async updateLight(db: Db, id: string, patch: { color: LightColor; reasons: string; computedAt: string; unitId: string }) {
    await db.updateTable('projectLights').set(patch).where('id', '=', id).execute();
  },

  /** Mirrors the current colour onto projects, one statement per colour and chunk. */
  async setProjectColors(db: Db, byColor: Map<LightColor | null, string[]>) {
    for (const [color, ids] of byColor) {
      for (let i = 0; i < ids.length; i += CHUNK) await db.updateTable('projects').set({ light: color }).where('id', 'in', ids.slice(i, i + CHUNK)).execute();
    }
  },

  /** Queues every live project (after the rules change). */
  async queueAll(db: Db, at: string) {
    await db
      .insertInto('lightDirty')
      .columns(['projectId', 'markedAt'])
      .expression((eb) => eb.selectFrom('projects').select(['id', sql<string>`cast(${at} as text)`.as('markedAt')]).where('archived', '=', 0))
      .onConflict((oc) => oc.column('projectId').doUpdateSet({ markedAt: at }))
      .execute();
  },

  async readWatermark(db: Db, key: string): Promise<string | null> {
    return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
  },

  async writeWatermark(db: Db, key: string, value: string) {
    await db
      .insertInto('settings')
      .values({ key, value, version: 1, updatedAt: value, updatedBy: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: value }))
      .execute();
  },

  /**
   * Queues every project whose own row, or a row another feature keeps about it, changed after
   * `since`: one INSERT … SELECT per source, so a busy minute costs a few statements.
   */
  async queueChangedSince(db: Db, since: string, at: string, extra: readonly ChangedProjects[]) {
    const queries: ChangedProjects[] = [
      (d, s) => d.selectFrom('projects').select('id as projectId').where('updatedAt', '>', s),
      (d, s) => d.selectFrom('milestones').select('projectId').where('updatedAt', '>', s),
      ...extra,
    ];
    // (`where 1 = 1`: SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT to parse it.)
    for (const q of queries) {
      await db
        .insertInto('lightDirty')
        .columns(['projectId', 'markedAt'])
        .expression((eb) => eb.selectFrom(q(db, since).as('c')).select(['c.projectId', sql<string>`cast(${at} as text)`.as('markedAt')]).distinct().where(sql<boolean>`1 = 1`))
        .onConflict((oc) => oc.column('projectId').doUpdateSet({ markedAt: at }))
        .execute();
    }
  },

  /** Takes up to `limit` queued projects off the queue, oldest first. */
  async takeDirty(db: Db, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('lightDirty').select(['projectId', 'markedAt']).orderBy('markedAt').limit(limit).execute();
    if (rows.length === 0) return [];
    // A project marked again after this read carries a later markedAt, so it stays queued for the next run.
    const last = rows.reduce((max, r) => (r.markedAt > max ? r.markedAt : max), '');
    const ids = rows.map((r) => r.projectId);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await db.deleteFrom('lightDirty').where('projectId', 'in', ids.slice(i, i + CHUNK)).where('markedAt', '<=', last).execute();
    }
    return ids;
  },

  async countByColor(db: Db, month: string) {
    return db.selectFrom('projectLights').select(['color', sql<number>`count(*)`.as('n')]).where('month', '=', month).groupBy('color').execute();
  },
};

/** 'YYYY-MM' shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
