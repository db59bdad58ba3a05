/**
 * Seeds a ledger of N generated projects straight into a database (batched inserts, not the API:
 * the bench measures reading, not seeding). Deterministic; units are named so that an exported
 * ledger re-imports into another database seeded with the same units.
 */
import type { Db } from '../src/db/database.js';
import { newId } from '../src/core/ids.js';
import { buildSearchText } from '../src/features/projects/search-text.js';

export const BENCH_UNITS = ['经济区管委会', '县发改局', '县工信局', '县住建局', '县交通运输局', '县招商局'];
const INDUSTRIES = ['高端装备制造', '新能源', '新材料', '港口物流', '现代农业', '文旅康养'];
const STAGES = ['reserve', 'negotiating', 'signed', 'construction', 'construction', 'completed', 'operating'];
const WORDS = ['氢能', '储能', '光伏', '风电', '铝合金', '碳纤维', '冷链', '仓储', '机床', '电子', '化工', '纺织'];

/** Creates the bench units under the root (idempotent); returns their ids. */
export async function seedUnits(db: Db): Promise<string[]> {
  const root = await db.selectFrom('units').select(['id', 'path']).where('parentId', 'is', null).executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const name of BENCH_UNITS) {
    const found = await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirst();
    if (found) {
      ids.push(found.id);
      continue;
    }
    const id = newId();
    const now = new Date().toISOString();
    await db.insertInto('units').values({ id, parentId: root.id, name, shortName: null, type: 'department', path: `${root.path}${id}/`, sortOrder: 0, archived: 0, version: 1, createdAt: now, updatedAt: now }).execute();
    ids.push(id);
  }
  return ids;
}

export async function seedProjects(db: Db, unitIds: string[], from: number, to: number): Promise<void> {
  const now = new Date().toISOString();
  for (let start = from; start < to; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(to, start + 500); i++) {
      const name = `${WORDS[i % WORDS.length]}${INDUSTRIES[(i >> 2) % INDUSTRIES.length]}项目${i}`;
      const builder = `${WORDS[(i * 7) % WORDS.length]}科技有限公司${i % 997}`;
      const industry = INDUSTRIES[i % INDUSTRIES.length]!;
      rows.push({
        id: newId(),
        unitId: unitIds[i % unitIds.length]!,
        code: `2026-330000-${String(10 + (i % 80)).padStart(2, '0')}-${String(1 + (i % 9)).padStart(2, '0')}-${String(i).padStart(6, '0')}`,
        name,
        searchText: buildSearchText({ name, builder, industry }),
        level: 'county',
        industry,
        projectType: 'industrial',
        stage: STAGES[i % STAGES.length]!,
        stageChangedAt: now,
        suspended: 0,
        builder,
        location: 'XX港经济区',
        totalInvestment: (1000 + ((i * 7919) % 300_000)) * 10_000,
        annualPlanInvestment: (300 + ((i * 3) % 90_000)) * 10_000,
        plannedStartDate: `2027-${String(1 + (i % 12)).padStart(2, '0')}`,
        progressText: '主体施工中',
        extra: '{}',
        archived: 0,
        version: 1,
        createdAt: now,
        updatedAt: new Date(Date.parse(now) - i * 1000).toISOString(),
      });
    }
    await db.insertInto('projects').values(rows).execute();
  }
}
