import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { migrateToLatest, openDatabase, type DbHandle } from '../connect.js';
import { bulkInsert } from './bulk-insert.js';

const NOW = '2026-06-01T00:00:00.000Z';
/** Texts an array literal must escape, NULL-looking and empty ones, and JSON with quotes and backslashes. */
const AWKWARD = ['', 'NULL', 'null', 'a,b', '{x}', '"quoted"', 'back\\slash', 'line\nbreak', '  spaced  ', '氢能项目（一期）', '{"k":"v \\"q\\"","n":[1,null]}'];

describe.each(databaseVariants())('bulkInsert on $name', (variant) => {
  let tdb: TestDatabase;
  let h: DbHandle;

  beforeAll(async () => {
    tdb = await variant.create();
    h = openDatabase(tdb.url, { poolMax: tdb.poolMax });
    await migrateToLatest(h.db);
    await h.db.insertInto('units').values({ id: 'u1', parentId: null, name: '县', shortName: null, type: 'county', path: '/u1/', sortOrder: 0, archived: 0, version: 1, createdAt: NOW, updatedAt: NOW }).execute();
  });
  afterAll(async () => {
    await h.close();
    await tdb.drop();
  });

  it('stores texts, NULLs, integers and big money exactly as a plain Kysely INSERT does', async () => {
    const columns = ['id', 'unitId', 'name', 'searchText', 'stage', 'stageChangedAt', 'extra', 'version', 'createdAt', 'updatedAt', 'code', 'totalInvestment', 'jobs', 'landAreaCentimu', 'plannedStartDate', 'builder'] as const;
    const rows = AWKWARD.map((text, i) => [`b${i}`, 'u1', text, text, 'reserve', NOW, i % 2 ? text : '{}', 1, NOW, NOW, i % 3 ? null : `C${i}`, i % 2 ? 9_007_199_254_740_991 - i : null, i % 4 ? i * 1000 : null, i === 0 ? 0 : -i, i % 2 ? '2026-03-31' : null, i % 5 ? text : null]);
    await h.db.transaction().execute(async (trx) => {
      // Two calls: the second reuses the compiled text.
      await bulkInsert(trx, 'projects', columns)(rows.slice(0, 4));
      await bulkInsert(trx, 'projects', columns)(rows.slice(4));
      await bulkInsert(trx, 'projects', columns)([]);
      for (const r of rows) await trx.insertInto('projects').values(Object.fromEntries(columns.map((c, i) => [c, c === 'id' ? `k${String(r[0]).slice(1)}` : c === 'code' && r[i] ? `k${String(r[i])}` : r[i]])) as never).execute();
    });
    const read = async (prefix: string) => (await h.db.selectFrom('projects').select(columns).where('id', 'like', `${prefix}%`).orderBy('createdAt').execute()).map((r) => ({ ...r, id: r.id.slice(1), code: prefix === 'k' && r.code ? r.code.slice(1) : r.code })).sort((a, b) => Number(a.id) - Number(b.id));
    const bulk = await read('b');
    expect(bulk).toHaveLength(AWKWARD.length);
    expect(bulk).toEqual(await read('k'));
    expect(bulk.map((r) => r.name)).toEqual(AWKWARD);
    expect(bulk[1]).toMatchObject({ code: null, extra: 'NULL', jobs: 1000, plannedStartDate: '2026-03-31' });
    expect(Number(bulk[1]!.totalInvestment)).toBe(9_007_199_254_740_990);
    expect(bulk[0]).toMatchObject({ totalInvestment: null, jobs: null, code: 'C0', builder: null, extra: '{}' });
  });

  it('inserts audit rows (all text), more than one VALUES statement could bind', async () => {
    const columns = ['id', 'at', 'userId', 'username', 'role', 'ip', 'action', 'objectType', 'objectId', 'unitId', 'before', 'after', 'result', 'detail'] as const;
    const rows = Array.from({ length: 2500 }, (_, i) => [`a${i}`, NOW, null, 'admin', 'admin', null, 'test.bulk', 'project', `p${i}`, 'u1', null, AWKWARD[i % AWKWARD.length]!, 'ok', `row ${i}`]);
    // 2,500 × 14 = 35,000 values: past SQLite's 32,766 variables (bulkInsert splits them there).
    await h.db.transaction().execute(async (trx) => bulkInsert(trx, 'auditLog', columns)(rows));
    const got = await h.db.selectFrom('auditLog').select(['objectId', 'after', 'userId']).where('action', '=', 'test.bulk').execute();
    expect(got).toHaveLength(2500);
    const byId = new Map(got.map((r) => [r.objectId, r]));
    expect(byId.get('p10')).toEqual({ objectId: 'p10', after: AWKWARD[10], userId: null });
    expect(byId.get('p2499')?.after).toBe(AWKWARD[2499 % AWKWARD.length]);
  });
});
