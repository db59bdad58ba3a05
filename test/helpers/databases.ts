import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The databases every integration test runs on: SQLite always; PostgreSQL when
 * LUODI_TEST_POSTGRES_URL is set, with a pool of ONE connection so that any code path that
 * waits for a second connection while holding the first (a query outside its transaction)
 * deadlocks in CI instead of in production.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** What LUODI_DB would be set to. */
  url: string;
  poolMax: number;
  drop(): Promise<void>;
}

export interface DatabaseVariant {
  name: string;
  create(): Promise<TestDatabase>;
}

export const POSTGRES_URL = process.env['LUODI_TEST_POSTGRES_URL'];

export function databaseVariants(): DatabaseVariant[] {
  const variants: DatabaseVariant[] = [{ name: 'sqlite', create: async () => createSqlite() }];
  if (POSTGRES_URL) variants.push({ name: 'postgres (pool of 1)', create: () => createPostgresDatabase(POSTGRES_URL, 1) });
  return variants;
}

export function createSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-test-'));
  return { kind: 'sqlite', url: join(dir, 'luodi.db'), poolMax: 1, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh database per test suite (needs CREATEDB). A schema per suite is not enough: Kysely's
 * migrator looks for its own tables in every schema it can see.
 */
export async function createPostgresDatabase(baseUrl: string, poolMax: number): Promise<TestDatabase> {
  const name = `luodi_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    poolMax,
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await dropDatabase(c, name);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * FORCE cannot terminate an autovacuum worker unless the role may signal it (pg_signal_backend):
 * PostgreSQL refuses with 42501. A plain DROP cancels autovacuum itself, so fall back to it, and
 * retry while a just-closed connection of ours is still going away (55006).
 */
async function dropDatabase(c: pg.Client, name: string): Promise<void> {
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 20) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
