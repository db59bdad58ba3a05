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

  it('rejects what is not a workbook, and the CLI-side service reads a file path too', async () => {
    const bad = await upload(Buffer.from('not a zip at all'), 'dry-run');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const r = await t.container.services.ledgerImport.importLedger(Actor.cli(), Readable.from(MESSY), { dryRun: true });
    expect(r.rows).toBe(20);
  });
});
