import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from './dialect.js';

/** JSON stored as text, identical on both databases. */
export function toJsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJsonText<T = unknown>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/**
 * The text of one top-level key of a JSON-text column, for filters: json_extract on SQLite,
 * ->> on PostgreSQL. `column` is a trusted identifier (e.g. "projects.extra"), `key` a checked
 * field key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonTextField(db: Kysely<any>, column: string, key: string): RawBuilder<string | null> {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error('bad JSON key');
  const ref = sql.ref(column);
  return dialectOf(db) === 'sqlite' ? sql<string | null>`cast(json_extract(${ref}, ${`$.${key}`}) as text)` : sql<string | null>`(${ref}::jsonb ->> ${key})`;
}

/**
 * One JSON object as text, written by the database from `[key, expression]` pairs: json_object on
 * SQLite, json_build_object on PostgreSQL. Keys are trusted constants. Values keep their SQL
 * types (text → string, integer → number, NULL → null); wrap flags in jsonFlag and JSON-text
 * columns in jsonValue so they nest as JSON.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonObjectText(db: Kysely<any>, fields: ReadonlyArray<readonly [string, Expression<unknown>]>): RawBuilder<string> {
  const args = sql.join(fields.flatMap(([key, value]) => [sql.lit(key), value]));
  return dialectOf(db) === 'postgres' ? sql<string>`json_build_object(${args})::text` : sql<string>`json_object(${args})`;
}

/** A 0/1 integer column as a JSON boolean inside jsonObjectText. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonFlag(db: Kysely<any>, column: string): RawBuilder<unknown> {
  const ref = sql.ref(column);
  return dialectOf(db) === 'postgres' ? sql`(${ref} = 1)` : sql`json(case when ${ref} = 1 then 'true' else 'false' end)`;
}

/** A JSON-text column as its JSON value inside jsonObjectText (not as a string). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonValue(db: Kysely<any>, column: string): RawBuilder<unknown> {
  const ref = sql.ref(column);
  return dialectOf(db) === 'postgres' ? sql`${ref}::json` : sql`json(${ref})`;
}
