import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import type { DbHandle } from '../connect.js';

/**
 * A consistent backup while the platform keeps running. SQLite: VACUUM INTO writes a compact,
 * self-contained copy of the database file. PostgreSQL: pg_dump in custom format (restore with
 * pg_restore), so the client tools must be installed.
 */
export async function backupDatabase(handle: DbHandle, outFile: string): Promise<{ file: string; format: string }> {
  const file = resolve(outFile);
  mkdirSync(dirname(file), { recursive: true });
  if (handle.kind === 'sqlite') {
    await sql`VACUUM INTO ${file}`.execute(handle.db);
    return { file, format: 'sqlite' };
  }
  await new Promise<void>((ok, fail) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, handle.url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => fail(new Error(`无法运行 pg_dump（请安装 PostgreSQL 客户端）/ cannot run pg_dump: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`pg_dump 失败 / failed (${code}): ${stderr.trim()}`))));
  });
  return { file, format: 'pg_dump-custom' };
}
