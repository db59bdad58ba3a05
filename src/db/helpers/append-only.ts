import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * Makes a table append-only in the database itself: UPDATE is refused by a trigger, so not even
 * a bug in the application can rewrite history. DELETE stays possible for the retention purge.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function appendOnlyGuard(db: Kysely<any>, table: string): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$;
         CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only();`,
      )
      .execute(db);
  }
}
