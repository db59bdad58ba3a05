import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import type { AuditFilter } from '../../core/schemas/audit.schema.js';
import type { AuditLogTable, Database } from '../../db/database.js';
import { bulkInsert } from '../../db/helpers/bulk-insert.js';
import { toCount } from '../../db/helpers/count.js';

const AUDIT_COLUMNS = ['id', 'at', 'userId', 'username', 'role', 'ip', 'action', 'objectType', 'objectId', 'unitId', 'before', 'after', 'result', 'detail'] as const satisfies ReadonlyArray<keyof AuditLogTable>;

function applyFilter<O>(q: SelectQueryBuilder<Database, 'auditLog', O>, f: AuditFilter): SelectQueryBuilder<Database, 'auditLog', O> {
  if (f.from) q = q.where('at', '>=', new Date(f.from).toISOString());
  // A bare date as "to" means the whole day.
  if (f.to) q = q.where('at', '<', f.to.length === 10 ? new Date(Date.parse(f.to) + 86_400_000).toISOString() : new Date(f.to).toISOString());
  if (f.username) q = q.where('username', '=', f.username.toLowerCase());
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.objectType) q = q.where('objectType', '=', f.objectType);
  if (f.objectId) q = q.where('objectId', '=', f.objectId);
  if (f.result) q = q.where('result', '=', f.result);
  return q;
}

export const auditRepository = {
  async insert(db: Kysely<Database>, row: Insertable<AuditLogTable>): Promise<void> {
    await db.insertInto('auditLog').values(row).execute();
  },

  /** Many rows in one statement compiled once per row count (imports write one row per project). */
  async insertMany(db: Kysely<Database>, rows: Array<Required<Insertable<AuditLogTable>>>): Promise<void> {
    await bulkInsert(db, 'auditLog', AUDIT_COLUMNS)(rows.map((r) => AUDIT_COLUMNS.map((c) => r[c])));
  },

  async list(db: Kysely<Database>, f: AuditFilter, limit: number, offset: number) {
    const rows = await applyFilter(db.selectFrom('auditLog').selectAll(), f)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const total = await applyFilter(db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')), f).executeTakeFirstOrThrow();
    return { rows, total: toCount(total.n as string | number) };
  },

  /** Keyset pages in time order, for exports that must not hold the whole trail in memory. */
  async *scan(db: Kysely<Database>, f: AuditFilter, batch = 1000) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      let q = applyFilter(db.selectFrom('auditLog').selectAll(), f);
      if (after) {
        const a: { at: string; id: string } = after;
        q = q.where((eb) => eb.or([eb('at', '>', a.at), eb.and([eb('at', '=', a.at), eb('id', '>', a.id)])]));
      }
      const rows = await q.orderBy('at').orderBy('id').limit(batch).execute();
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1]!;
      after = { at: last.at, id: last.id };
    }
  },

  async purgeBefore(db: Kysely<Database>, cutoff: string): Promise<number> {
    const r = await db.deleteFrom('auditLog').where('at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
