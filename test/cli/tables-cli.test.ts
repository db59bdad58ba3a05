import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { readSheetRows } from '../../src/xlsx/xlsx-reader.js';
import { createSqlite, type TestDatabase } from '../helpers/databases.js';

const run = promisify(execFile);
const BIN = join(packageRoot(), 'bin/luodi.mjs');

async function luodi(dbUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, LUODI_DB: dbUrl, LUODI_LOG_LEVEL: 'silent' } });
    return { code: 0, ...r };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** `luodi export progress|problems|batches|lights --out FILE` on the demo world (SQLite; the HTTP tests cover PostgreSQL). */
describe('luodi export tables', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createSqlite();
    const demo = await luodi(db.url, 'demo');
    expect(demo.code, demo.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  it('writes each table and refuses bad options with the schema message', { timeout: 120_000 }, async () => {
    for (const [table, ...args] of [['progress', '--paper', 'A4'], ['problems', '--overdue'], ['batches', '--period', 'year'], ['lights']]) {
      const out = join(packageRoot(), 'test-results', `table-${table}-${Date.now()}.xlsx`);
      const r = await luodi(db.url, 'export', table!, ...args, '--out', out, '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ file: out });
      const rows = readSheetRows(out);
      const first = await rows.next();
      await rows.return(undefined);
      expect(String(first.value?.cells[0])).toMatch(/表|清单/);
    }
    const bad = await luodi(db.url, 'export', 'progress', '--month', '2026-13', '--out', join(packageRoot(), 'test-results', 'bad.xlsx'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/月份格式应为 YYYY-MM/);
  });
});
