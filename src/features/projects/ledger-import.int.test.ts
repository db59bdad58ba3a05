import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../config.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import { loadDemoWorld } from '../demo/demo.service.js';
import { Actor } from '../shared/context.js';
import { createLedgerImportService } from './ledger-import.service.js';

const MESSY = readFileSync(join(packageRoot(), 'test/fixtures/ledgers/messy-ledger.xlsx'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(databaseVariants())('ledger import and export on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db);
    const c = t.container;
    await loadDemoWorld(c.deps, c.services, Actor.cli());
    const root = (await c.services.units.findRoot())!;
    for (const name of ['县自然资源局', '县科技局', '县经信局', '县大数据中心', '县交通运输局', '县商务局', '县农业农村局']) {
      await c.services.units.create(Actor.cli(), { parentId: root.id, name, type: 'department' });
    }
    for (const name of ['李明', '赵强', '陈刚']) {
      await c.services.users.create(Actor.cli(), { username: `leader-${name.charCodeAt(1)}`, password: 'Str0ng!Passw0rd', displayName: name, role: 'leader', unitId: root.id });
    }
    pmo = await t.loginAs('coordinator', { unitId: root.id });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const upload = (body: Buffer, mode: 'dry-run' | 'commit', query = '') =>
    t.request(pmo, 'POST', `/api/projects/import?mode=${mode}${query}`, { body, headers: { 'content-type': XLSX } });
  const count = async () => Number((await t.container.deps.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('checks a messy county ledger row by row and writes nothing when a row is wrong', async () => {
    const before = await count();
    const res = await upload(MESSY, 'dry-run');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ rows: 20, committed: false, byStage: { negotiating: 4, signed: 3, construction: 9, operating: 4 } });
    expect(r.errors.map((e: { row: number; code: string }) => `${e.row} ${e.code}`)).toEqual(['13 bad-code-shape', '28 duplicate-row']);
    expect(r.errors[0]).toMatchObject({ column: 'B', message: expect.stringMatching(/项目代码/) });
    const warn = r.warnings.map((w: { row: number; code: string }) => `${w.row} ${w.code}`);
    expect(warn).toEqual(expect.arrayContaining(['21 ytd-exceeds-total', '22 started-without-start-date', '7 approximate-value']));
    expect(r.header.columns.find((c: { field: string }) => c.field === 'totalInvestment')).toBeDefined();

    const commit = await upload(MESSY, 'commit');
    expect(commit.statusCode).toBe(422);
    expect(commit.json().committed).toBe(false);
    expect(await count()).toBe(before);
  });

  it('commits a ledger in one go, then re-importing its own export changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['2026年新签约项目台账']);
    ws.addRow(['序号', '项目名称', '建设单位', '总投资（亿元）', '计划开工', '包挂领导', '责任单位', '配合单位']);
    ws.addRow(['一、签约项目（2个）']);
    ws.addRow([1, '导入测试项目甲', '甲公司', '1.5', '2027年3月', '赵海涛（分管副县长（经济区））', '经济区管委会', '县发改局、供电公司']);
    ws.addRow([2, '导入测试项目乙', '乙公司', '0.8', '2027.06', '李明', '县科技局', '']);
    ws.addRow(['', '合计', '', '2.3']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await count();
    const res = await upload(file, 'commit');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, created: 2, committed: true, errors: [] });
    expect(await count()).toBe(before + 2);
    const list = (await t.request(pmo, 'GET', '/api/projects?q=导入测试&sort=name&order=asc')).json();
    expect(list.items.map((p: { name: string; stage: string; totalInvestment: number }) => [p.name, p.stage, p.totalInvestment])).toEqual([
      ['导入测试项目乙', 'signed', 80_000_000],
      ['导入测试项目甲', 'signed', 150_000_000],
    ]);

    const exported = await t.request(pmo, 'GET', '/api/projects/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(XLSX);
    const again = await upload(exported.rawPayload, 'commit');
    expect(again.json()).toMatchObject({ created: 0, updated: 0, errors: [] });
    const live = Number((await t.container.deps.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).where('stage', '!=', 'dropped').executeTakeFirstOrThrow()).n);
    expect(again.json().unchanged).toBe(live); // the ledger lists the live stages; 终止 projects are not exported
  });

  it('refuses rows changed since the export, naming the row, and writes nothing', async () => {
    const exported = (await t.request(pmo, 'GET', '/api/projects/export?q=导入测试项目甲')).rawPayload;
    const id = (await t.request(pmo, 'GET', '/api/projects?q=导入测试项目甲')).json().items[0].id;
    const current = await t.request(pmo, 'GET', `/api/projects/${id}`);
    await t.request(pmo, 'PATCH', `/api/projects/${id}`, { body: { progressText: '他人刚刚更新' }, headers: { 'if-match': current.headers['etag'] as string } });
    const r = (await upload(exported, 'commit')).json();
    expect(r.committed).toBe(false);
    expect(r.errors).toMatchObject([{ code: 'version-conflict', message: expect.stringMatching(/导出后已被修改/) }]);
    expect((await t.request(pmo, 'GET', `/api/projects/${id}`)).json().progressText).toBe('他人刚刚更新');
  });

  it('lets the user correct a column mapping from the preview', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目名称', '盘子', '阶段']);
    ws.addRow(['映射测试项目', '5000', '在谈']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = (await upload(file, 'dry-run')).json();
    const col = preview.header.columns.find((c: { header: string }) => c.header.includes('盘子'));
    expect(col.field).not.toBe('totalInvestment');
    const mapping = encodeURIComponent(JSON.stringify({ [col.index]: 'totalInvestment' }));
    const done = (await upload(file, 'commit', `&mapping=${mapping}`)).json();
    expect(done).toMatchObject({ created: 1, committed: true });
    const p = (await t.request(pmo, 'GET', '/api/projects?q=映射测试')).json().items[0];
    expect(p).toMatchObject({ totalInvestment: 50_000_000, stage: 'negotiating' });
  });

  it('records one audit row per written project with before and after, plus the summary', async () => {
    const audits = (objectId: string) => t.container.deps.db.selectFrom('auditLog').select(['action', 'before', 'after', 'detail']).where('objectId', '=', objectId).orderBy('at').execute();
    const id = (await t.request(pmo, 'GET', '/api/projects?q=导入测试项目乙')).json().items[0].id as string;
    const created = (await audits(id)).filter((a) => a.action === 'project.import-create');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ before: null, detail: 'row 5' });
    expect(JSON.parse(created[0]!.after!)).toMatchObject({ name: '导入测试项目乙', totalInvestment: 80_000_000, stage: 'signed' });
    const summaries = await t.container.deps.db.selectFrom('auditLog').select('detail').where('action', '=', 'project.import').execute();
    expect(summaries.map((s) => JSON.parse(s.detail!))).toContainEqual({ rows: 2, created: 2, updated: 0, unchanged: 0 });
  });

  it('refuses two rows that would update the same project', async () => {
    const id = (await t.request(pmo, 'GET', '/api/projects?q=导入测试项目乙')).json().items[0].id as string;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['__id', '项目名称', '建设单位', '形象进度']);
    ws.addRow([id, '导入测试项目乙', '乙公司', '第一次']);
    ws.addRow([id, '导入测试项目乙（更名）', '乙公司', '第二次']);
    const r = (await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'dry-run')).json();
    expect(r.errors).toMatchObject([{ row: 3, code: 'duplicate-row', message: '与第2行对应同一个已有项目“导入测试项目乙”' }]);
  });

  it('writes nothing when a project was changed by someone else just before the import started', async () => {
    const c = t.container;
    const p = await c.deps.db.selectFrom('projects').select(['id', 'version']).where('name', '=', '导入测试项目乙').executeTakeFirstOrThrow();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['__id', '__version', '项目名称', '建设单位', '形象进度']);
    ws.addRow([p.id, p.version, '导入测试项目乙', '乙公司', '导入时的进度']);
    ws.addRow([null, null, '导入测试项目丙', '丙公司', '新项目']);
    // Someone saves the project just before the import's transaction starts.
    const db = c.deps.db;
    const bound = (target: typeof db, prop: string | symbol): unknown => {
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    };
    const racing = new Proxy(db, {
      get: (target, prop) =>
        prop === 'transaction'
          ? () => ({
              execute: async <T>(fn: (trx: typeof db) => Promise<T>) => {
                await target.updateTable('projects').set({ progressText: '他人同时修改', version: p.version + 1 }).where('id', '=', p.id).execute();
                return target.transaction().execute(fn);
              },
            })
          : bound(target, prop),
    });
    const service = createLedgerImportService({ ...c.deps, db: racing }, c.services.audit);
    const before = await count();
    const r = await service.importLedger(Actor.cli(), Buffer.from(await wb.xlsx.writeBuffer()), { dryRun: false });
    expect(r).toMatchObject({ committed: false, errors: [{ row: 2, code: 'version-conflict' }] });
    expect(await count()).toBe(before);
    expect((await db.selectFrom('projects').select('progressText').where('id', '=', p.id).executeTakeFirstOrThrow()).progressText).toBe('他人同时修改');
  });

  it('rejects what is not a workbook, and the CLI-side service reads a file path too', async () => {
    const bad = await upload(Buffer.from('not a zip at all'), 'dry-run');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const r = await t.container.services.ledgerImport.importLedger(Actor.cli(), Readable.from(MESSY), { dryRun: true });
    expect(r.rows).toBe(20);
  });

  it('reads big files in a worker thread: same report as in this thread, same errors, same writes', async () => {
    const svc = t.container.services.ledgerImport;
    const messy = { thread: await svc.importLedger(Actor.cli(), MESSY, { dryRun: true, readIn: 'thread' }), worker: await svc.importLedger(Actor.cli(), MESSY, { dryRun: true, readIn: 'worker' }) };
    expect(messy.worker).toEqual(messy.thread);
    expect(messy.worker.errors.length).toBeGreaterThan(0);

    // Several chunks (500 rows each), warnings all the way down, one wrong row near the end.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['2026年重大项目台账']);
    ws.addRow(['序号', '项目名称', '建设单位', '总投资（万元）', '计划开工', '责任单位']);
    for (let i = 1; i <= 1300; i++) ws.addRow([i, `工作线程项目${i}`, `线程公司${i % 7}`, i === 1207 ? '很多' : i % 10 === 0 ? `约${i}` : String(i * 10), '2027年3月', i % 2 ? '经济区管委会' : '县科技局']);
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = { thread: await svc.importLedger(Actor.cli(), big, { dryRun: true, readIn: 'thread' }), worker: await svc.importLedger(Actor.cli(), big, { dryRun: true, readIn: 'worker' }) };
    expect(dry.worker).toEqual(dry.thread);
    expect(dry.worker).toMatchObject({ rows: 1300, valid: 1299, errors: [{ row: 1209, code: 'unparseable-number' }] });
    expect(dry.worker.warnings.length).toBe(130);
    const before = await count();
    const refused = await svc.importLedger(Actor.cli(), big, { dryRun: false, readIn: 'worker' });
    expect(refused).toMatchObject({ committed: false, created: 1299 });
    expect(await count()).toBe(before);

    ws.getRow(1209).getCell(4).value = '12070';
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const committed = await svc.importLedger(Actor.cli(), fixed, { dryRun: false, readIn: 'worker' });
    expect(committed).toMatchObject({ rows: 1300, created: 1300, committed: true, errors: [] });
    expect(await count()).toBe(before + 1300);
    const db = t.container.deps.db;
    const p = await db.selectFrom('projects').select(['id', 'totalInvestment', 'searchText', 'plannedStartDate']).where('name', '=', '工作线程项目1207').executeTakeFirstOrThrow();
    expect(p).toMatchObject({ totalInvestment: 120_700_000, searchText: '工作线程项目1207 线程公司3 gzxcxm1207 xcgs3', plannedStartDate: '2027-03' });
    const audited = await db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'project.import-create').where('detail', 'like', 'row %').where('objectId', 'in', db.selectFrom('projects').select('id').where('name', 'like', '工作线程项目%')).executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(1300);
  });

  it('a file the worker cannot read fails with the same error as in this thread', async () => {
    const svc = t.container.services.ledgerImport;
    const failure = async (source: Buffer | string, readIn: 'thread' | 'worker', maxBytes?: number) => {
      try {
        await svc.importLedger(Actor.cli(), source, { dryRun: true, readIn, maxBytes });
      } catch (e) {
        return { name: (e as Error).name, message: (e as Error).message, code: (e as { code?: unknown }).code, details: (e as { details?: unknown }).details };
      }
      throw new Error('no error');
    };
    for (const [source, maxBytes] of [[Buffer.from('not a zip at all'), undefined], [MESSY, 1000], [MESSY.subarray(0, MESSY.length - 200), undefined], ['/nonexistent/ledger.xlsx', undefined]] as const) {
      const inThread = await failure(source, 'thread', maxBytes);
      expect(await failure(source, 'worker', maxBytes)).toEqual(inThread);
    }
    expect(await failure(MESSY, 'worker', 1000)).toMatchObject({ name: 'AppError', code: 'PAYLOAD_TOO_LARGE' });
  });

  // Last: the extra fields defined here would add columns to the exports above.
  it('imports extra fields by their label, validated like the API, merged on update', async () => {
    const c = t.container;
    await c.services.extraFields.create(Actor.cli(), { key: 'fundingType', label: '资金类型', kind: 'choice', options: ['专项债', '自筹'] });
    await c.services.extraFields.create(Actor.cli(), { key: 'landLots', label: '地块数', kind: 'number' });
    await c.services.extraFields.create(Actor.cli(), { key: 'reviewDate', label: '评审日期', kind: 'date' });
    const book = async (rows: Array<Array<string | number | null>>) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      for (const row of rows) ws.addRow(row);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const header = ['项目名称', '建设单位', '资金类型', '地块数', '评审日期'];
    const bad = (await upload(await book([header, ['自定义字段甲', '甲建', '贷款', '十二', '2026年3月']]), 'commit')).json();
    expect(bad.committed).toBe(false);
    expect(bad.errors.map((e: { row: number; column: string; code: string }) => `${e.row}${e.column} ${e.code}`)).toEqual(['2C bad-extra-value', '2D unparseable-number']);

    const ok = (await upload(await book([header, ['自定义字段甲', '甲建', '专项债', '１２', '2026年3月']]), 'commit')).json();
    expect(ok).toMatchObject({ created: 1, committed: true, errors: [] });
    const id = (await t.request(pmo, 'GET', '/api/projects?q=自定义字段甲')).json().items[0].id as string;
    expect((await t.request(pmo, 'GET', `/api/projects/${id}`)).json().extra).toEqual({ fundingType: '专项债', landLots: 12, reviewDate: '2026-03' });

    const again = (await upload(await book([['项目名称', '建设单位', '地块数'], ['自定义字段甲', '甲建', 14]]), 'commit')).json();
    expect(again).toMatchObject({ updated: 1, committed: true });
    expect((await t.request(pmo, 'GET', `/api/projects/${id}`)).json().extra).toEqual({ fundingType: '专项债', landLots: 14, reviewDate: '2026-03' });
    const same = (await upload(await book([['项目名称', '建设单位', '地块数'], ['自定义字段甲', '甲建', 14]]), 'dry-run')).json();
    expect(same).toMatchObject({ updated: 0, unchanged: 1 });
  });
});
