import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { migrations } from '../../src/db/migrations/index.js';
import { POSTGRES_URL, createPostgresDatabase, createSqlite, type TestDatabase } from '../helpers/databases.js';

const run = promisify(execFile);
const BIN = join(packageRoot(), 'bin/luodi.mjs');

/**
 * The real `luodi` command in a child process, as an operator runs it. Each run starts the whole
 * app, so the tests allow minutes, not seconds, on a busy two-core machine.
 */
async function luodi(dbUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, LUODI_DB: dbUrl, LUODI_LOG_LEVEL: 'silent' } });
    return { code: 0, ...r };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const variants = [
  { name: 'sqlite', create: async () => createSqlite() },
  ...(POSTGRES_URL ? [{ name: 'postgres', create: () => createPostgresDatabase(POSTGRES_URL!, 2) }] : []),
];

describe.each(variants)('luodi CLI on $name', (variant) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await variant.create();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('explains itself: --help on every command', { timeout: 120_000 }, async () => {
    for (const cmd of [[], ['serve'], ['migrate'], ['admin', 'create'], ['user', 'add'], ['demo'], ['backup'], ['audit', 'purge'], ['export', 'ledger'], ['import', 'projects']]) {
      const r = await luodi(db.url, ...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: luodi/);
    }
  });

  it('migrates, then reports nothing left to do', { timeout: 120_000 }, async () => {
    const first = await luodi(db.url, 'migrate', '--json');
    expect(JSON.parse(first.stdout)).toEqual({ db: variant.name, applied: Object.keys(migrations) });
    const again = await luodi(db.url, 'migrate');
    expect(again.stdout).toMatch(/已是最新/);
  });

  it('refuses a weak admin password with the rules, then creates the admin', { timeout: 120_000 }, async () => {
    const weak = await luodi(db.url, 'admin', 'create', '--username', 'root-admin', '--password', 'abc');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/密码长度至少 8 位/);
    const ok = await luodi(db.url, 'admin', 'create', '--username', 'root-admin', '--password', 'Str0ng!Pass', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ username: 'root-admin', role: 'system-admin', unitName: '县人民政府' });
  });

  it('adds users by role and unit name, and rejects an unknown role', { timeout: 120_000 }, async () => {
    const ok = await luodi(db.url, 'user', 'add', '--username', 'leader1', '--password', 'Str0ng!Pass', '--role', 'leader', '--unit', '县人民政府', '--title', '常务副县长', '--json');
    expect(JSON.parse(ok.stdout)).toMatchObject({ role: 'leader', title: '常务副县长' });
    const bad = await luodi(db.url, 'user', 'add', '--username', 'x1', '--password', 'Str0ng!Pass', '--role', 'king');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/system-admin/);
    const dup = await luodi(db.url, 'user', 'add', '--username', 'leader1', '--password', 'Str0ng!Pass', '--role', 'viewer');
    expect(dup.stderr).toMatch(/CONFLICT/);
  });

  // The demo world now includes six months of reports, problems and meetings: ~20 s on a loaded CI machine.
  it('loads the demo world once and is safe to run twice', { timeout: 240_000 }, async () => {
    const first = await luodi(db.url, 'demo', '--json');
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout) as { unitsCreated: number; accounts: { username: string; role: string; password: string }[] };
    expect(r1.unitsCreated).toBeGreaterThanOrEqual(15);
    expect(new Set(r1.accounts.map((a) => a.role))).toEqual(new Set(['system-admin', 'security-admin', 'audit-admin', 'leader', 'coordinator', 'unit-staff', 'viewer']));
    const second = await luodi(db.url, 'demo', '--json');
    const r2 = JSON.parse(second.stdout) as { unitsCreated: number; accounts: unknown[]; accountsExisting: string[] };
    expect(r2).toMatchObject({ unitsCreated: 0, accounts: [] });
    expect(r2.accountsExisting).toHaveLength(r1.accounts.length);
  });

  it('exports the ledger and re-imports it unchanged; refuses a bad file plainly', { timeout: 120_000 }, async () => {
    const out = join(packageRoot(), 'test-results', `ledger-${variant.name}-${Date.now()}.xlsx`);
    const exp = await luodi(db.url, 'export', 'ledger', '--out', out, '--json');
    expect(exp.code, exp.stderr).toBe(0);
    const rows = (JSON.parse(exp.stdout) as { rows: number }).rows;
    expect(rows).toBeGreaterThan(50);
    const dry = await luodi(db.url, 'import', 'projects', out, '--dry-run', '--json');
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows, unchanged: rows, created: 0, updated: 0, errors: [], committed: false });
    const human = await luodi(db.url, 'import', 'projects', out);
    expect(human.stdout).toMatch(new RegExp(`无变化 ${rows}`));
    const notXlsx = await luodi(db.url, 'import', 'projects', BIN);
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.stderr).toMatch(/xlsx/);
    const badStage = await luodi(db.url, 'export', 'ledger', '--out', out, '--stage', 'flying');
    expect(badStage.stderr).toMatch(/unknown stage/);
  });

  it('reads a big ledger (on SQLite in the bundled worker thread), and reports a broken big file plainly', { timeout: 120_000 }, async () => {
    // Over the 512 KB from which an import on SQLite reads in a worker: random text in a column
    // the import ignores keeps the zip from shrinking.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目名称', '建设单位', '总投资（万元）', '内部编号']);
    for (let i = 1; i <= 1500; i++) ws.addRow([`大台账项目${i}`, `大台账公司${i % 13}`, i * 10, randomBytes(300).toString('hex')]);
    const file = join(packageRoot(), 'test-results', `big-ledger-${variant.name}-${Date.now()}.xlsx`);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    expect(buffer.length).toBeGreaterThan(512 * 1024);
    mkdirSync(join(packageRoot(), 'test-results'), { recursive: true });
    writeFileSync(file, buffer);
    const dry = await luodi(db.url, 'import', 'projects', file, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows: 1500, valid: 1500, created: 1500, errors: [], committed: false });
    writeFileSync(file, buffer.subarray(0, buffer.length - 100));
    const broken = await luodi(db.url, 'import', 'projects', file, '--dry-run');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/xlsx/);
  });

  it('backs up the database while it is in use', { timeout: 120_000 }, async () => {
    const out = join(packageRoot(), 'test-results', `backup-${Date.now()}.${variant.name === 'sqlite' ? 'db' : 'dump'}`);
    const r = await luodi(db.url, 'backup', '--out', out, '--json');
    if (variant.name === 'postgres' && /pg_dump/.test(r.stderr) && r.code !== 0) {
      // pg_dump older than the server, or missing: the error must say so plainly.
      expect(r.stderr).toMatch(/pg_dump/);
      return;
    }
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    if (variant.name === 'sqlite') {
      const copy = new Database(out, { readonly: true });
      expect((copy.prepare('select count(*) as n from users').get() as { n: number }).n).toBeGreaterThan(10);
      copy.close();
    }
  });

  it('refuses to purge audit rows younger than 180 days', { timeout: 120_000 }, async () => {
    const r = await luodi(db.url, 'audit', 'purge', '--older-than-days', '30');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/180/);
  });
});
