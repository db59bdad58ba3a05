import { sql, type Kysely, type RawBuilder } from 'kysely';
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
