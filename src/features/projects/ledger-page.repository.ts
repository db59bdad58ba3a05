import { sql, type CompiledQuery, type InferResult, type Kysely, type RawBuilder } from 'kysely';
import type { ListProjectsQuery } from '../../core/schemas/projects.schema.js';
import type { Database } from '../../db/database.js';
import { toCount } from '../../db/helpers/count.js';
import { dataVersion } from '../../db/helpers/data-version.js';
import { jsonFlag, jsonObjectText, jsonValue } from '../../db/helpers/json.js';
import { PerDatabaseLru } from '../../db/helpers/per-database-lru.js';
import { preparedOnPostgres } from '../../db/helpers/prepared.js';
import { filtered, type ProjectScope } from './projects.repository.js';

/**
 * The ledger page (GET /api/projects), the most frequent read: its statement, compiled once per
 * distinct request and prepared on PostgreSQL, with the items written as JSON by the database,
 * and its filters' totals counted once per data version.
 */
const SORT_COLUMNS = {
  name: 'projects.name',
  totalInvestment: 'projects.totalInvestment',
  updatedAt: 'projects.updatedAt',
  plannedStartDate: 'projects.plannedStartDate',
  stage: 'projects.stage',
  code: 'projects.code',
} as const;

type ListQuery = Omit<ListProjectsQuery, 'unitId'> & { unitPath?: string | undefined };

/**
 * The ledger list item (projectListItemSchema's fields, in its order) as one JSON text, built by
 * the database. Reading 28 columns of 20 rows into JavaScript values, mapping and serialising
 * them again cost more than the rest of the request; the database writes the same JSON in C.
 * A test checks the text against the schema on both databases.
 */
function listItemJson(db: Kysely<Database>): RawBuilder<string> {
  const col = (c: string) => sql.ref(c);
  return jsonObjectText(db, [
    ['id', col('projects.id')],
    ['code', col('projects.code')],
    ['name', col('projects.name')],
    ['level', col('projects.level')],
    ['industry', col('projects.industry')],
    ['projectType', col('projects.projectType')],
    ['stage', col('projects.stage')],
    ['suspended', jsonFlag(db, 'projects.suspended')],
    ['builder', col('projects.builder')],
    ['location', col('projects.location')],
    ['totalInvestment', col('projects.totalInvestment')],
    ['annualPlanInvestment', col('projects.annualPlanInvestment')],
    ['ytdInvestment', col('projects.ytdInvestment')],
    ['sinceStartInvestment', col('projects.sinceStartInvestment')],
    ['plannedStartDate', col('projects.plannedStartDate')],
    ['actualStartDate', col('projects.actualStartDate')],
    ['plannedOperationDate', col('projects.plannedOperationDate')],
    ['progressText', col('projects.progressText')],
    ['leadUnitId', col('projects.unitId')],
    ['leadUnitName', col('units.name')],
    ['leaderUserId', col('projects.leaderUserId')],
    ['extra', jsonValue(db, 'projects.extra')],
    ['archived', jsonFlag(db, 'projects.archived')],
    ['light', col('projects.light')],
    ['version', col('projects.version')],
    ['updatedAt', col('projects.updatedAt')],
    ['leaderName', col('leader.displayName')],
  ]);
}

/** The ledger page's statement: the page's ids from the list index, then those rows as JSON items. */
function pageQuery(db: Kysely<Database>, query: ListQuery, scope: ProjectScope | null) {
  const { page, pageSize, sort, order, ...f } = query;
  const pageIds = filtered(db, f, scope)
    .select('projects.id as pageId')
    .orderBy(SORT_COLUMNS[sort], order)
    .orderBy('projects.id', order)
    // The page size written into the SQL, not bound: PostgreSQL's generic plan of the prepared
    // statement then knows how few rows it fetches. With a bound LIMIT its estimate at 50,000
    // projects lost to the custom plans', so every request was planned again (0.5 → 1 ms). Page
    // sizes are a few validated integers, so the distinct texts stay few.
    .limit(sql.lit(Math.trunc(pageSize)))
    .offset((page - 1) * pageSize);
  return db
    .selectFrom(pageIds.as('page'))
    .innerJoin('projects', 'projects.id', 'page.pageId')
    .innerJoin('units', 'units.id', 'projects.unitId')
    .leftJoin('users as leader', 'leader.id', 'projects.leaderUserId')
    .select([listItemJson(db).as('item'), dataVersion(db).as('dataVersion')])
    .orderBy(SORT_COLUMNS[sort], order)
    .orderBy('projects.id', order);
}

/**
 * The page statements of recent requests, compiled once (building and compiling the Kysely query
 * cost as much as SQLite running it) and prepared on PostgreSQL (planning the join cost it more).
 */
const pageStatements = new PerDatabaseLru<CompiledQuery<InferResult<ReturnType<typeof pageQuery>>[number]>>();

/**
 * Recent filters' totals with the data version they were counted at (counting is the part of a
 * page whose cost grows with the matches); one is used only while that version is unchanged.
 */
const listTotals = new PerDatabaseLru<{ version: string; total: number }>(1_000);

/**
 * One page: at most two statements (the items with names joined, and the total), whatever the
 * page size (pageQuery; compiled once per distinct request). `items` is the page's JSON array
 * text, written by the database (listItemJson). The page also reads the data version: when
 * nothing was written since the same filters were last counted, their exact total is known and
 * the count (whose cost grows with the number of matching projects, unlike the page's) is skipped.
 */
export async function listPage(db: Kysely<Database>, query: ListQuery, scope: ProjectScope | null): Promise<{ items: string; total: number }> {
  const pageKey = JSON.stringify([query, scope]);
  const compiled = pageStatements.get(db, pageKey) ?? pageStatements.set(db, pageKey, preparedOnPostgres(pageQuery(db, query, scope).compile()));
  const { rows } = await db.executeQuery(compiled);
  // The total depends on the filters only, not on the page or its order.
  const { page: _page, pageSize: _pageSize, sort: _sort, order: _order, ...f } = query;
  const key = JSON.stringify([f, scope]);
  const known = listTotals.get(db, key);
  let total = known && known.version === rows[0]?.dataVersion ? known.total : undefined;
  if (total === undefined) {
    const counted = await filtered(db, f, scope)
      .select((eb) => [eb.fn.countAll().as('n'), dataVersion(db).as('dataVersion')])
      .executeTakeFirstOrThrow();
    total = listTotals.set(db, key, { version: counted.dataVersion, total: toCount(counted.n as number) }).total;
  }
  return { items: `[${rows.map((r) => r.item).join(',')}]`, total };
}
