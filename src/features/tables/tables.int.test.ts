import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import { loadExcelJS } from '../../xlsx/exceljs-utf8-fix.js';
import { readSheetRows, type CellValue } from '../../xlsx/xlsx-reader.js';

const ExcelJS = loadExcelJS();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function cells(file: Buffer, sheet?: string | number): Promise<CellValue[][]> {
  const out: CellValue[][] = [];
  for await (const r of readSheetRows(file, sheet === undefined ? {} : { sheet })) out.push(r.cells as CellValue[]);
  return out;
}

/** Rows between a section title and its 小计 (exclusive). */
function section(rows: CellValue[][], title: string): { data: CellValue[][]; subtotal: CellValue[] } {
  const start = rows.findIndex((r) => r[0] === title);
  expect(start, title).toBeGreaterThan(0);
  const end = rows.findIndex((r, i) => i > start && r[1] === '小计');
  return { data: rows.slice(start + 1, end), subtotal: rows[end]! };
}

describe.each(databaseVariants())('Excel tables on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock: manualClock(new Date('2026-10-20T02:00:00Z')) });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, parentId = t.rootUnitId) => (await t.request(admin, 'POST', '/api/units', { body: { parentId, name, type: 'zone' } })).json<{ id: string }>().id;
    ids.zoneA = await unit('甲经济区');
    ids.zoneB = await unit('乙经济区');
    ids.town = await unit('甲镇', ids.zoneA);
    pmo = await t.loginAs('coordinator');
    const create = async (key: string, body: Record<string, unknown>) => {
      const res = await t.request(pmo, 'POST', '/api/projects', { body });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json<{ id: string }>().id;
    };
    await create('p1', { name: '甲新开工项目', leadUnitId: ids.zoneA, stage: 'construction', totalInvestment: 100_000_000, annualPlanInvestment: 20_000_000, builder: '甲公司', scale: '年产 10 万吨' });
    await create('p2', { name: '乙续建项目', leadUnitId: ids.town, stage: 'construction', totalInvestment: 50_000_000, annualPlanInvestment: 10_000_000 });
    await create('p3', { name: '丙在谈项目', leadUnitId: ids.zoneB, stage: 'negotiating', totalInvestment: 30_000_000 });
    await create('p4', { name: '丁投产项目', leadUnitId: ids.zoneA, stage: 'operating', totalInvestment: 80_000_000 });
    const d = t.container.deps.db;
    await d.updateTable('projects').set({ actualStartDate: '2026-03-01' }).where('id', '=', ids.p1!).execute();
    await d.updateTable('projects').set({ actualStartDate: '2025-05-01', light: 'yellow' }).where('id', '=', ids.p2!).execute();
    await d.updateTable('projects').set({ light: 'red' }).where('id', '=', ids.p1!).execute();
    // Accepted monthly reports (the reports feature's own tests walk the fill → accept flow).
    const now = '2026-10-20T02:00:00.000Z';
    const report = async (project: string, unitId: string, period: string, investment: number, status = 'accepted', progressText: string | null = null) => {
      const round = `r-${period}`;
      await d.insertInto('reportRounds').values({ id: round, unitId: t.rootUnitId, kind: 'monthly', period, periodStart: `${period}-01`, periodEnd: `${period}-28`, dueDate: `${period}-25`, createdAt: now }).onConflict((oc) => oc.doNothing()).execute();
      await d.insertInto('progressReports').values({ id: `${round}:${project}`, roundId: round, projectId: project, unitId, kind: 'monthly', period, dueDate: `${period}-25`, status, late: 0, version: 1, investment, progressText, createdAt: now, updatedAt: now }).execute();
    };
    await report(ids.p1!, ids.zoneA!, '2026-09', 3_000_000);
    await report(ids.p1!, ids.zoneA!, '2026-10', 2_000_000, 'accepted', '主体结构封顶');
    await report(ids.p2!, ids.town!, '2025-12', 1_000_000);
    await report(ids.p2!, ids.town!, '2026-10', 500_000);
    await report(ids.p4!, ids.zoneA!, '2026-10', 9_000_000, 'submitted');
    const res = await t.request(pmo, 'POST', '/api/problems', { body: { projectId: ids.p1, category: '土地指标', description: '用地指标缺口 30 亩', unitId: ids.zoneA, deadline: '2026-11-30', supportingUnitIds: [ids.town] } });
    expect(res.statusCode, res.body).toBe(201);
    const reason = (code: string, dimension: string, severity: string, figures: Record<string, unknown>) => ({ code, name: code === 'investment' ? '投资进度' : '开工', dimension, severity, figures });
    const light = (project: string, unitId: string, month: string, color: 'red' | 'yellow' | 'green', reasons: unknown[]) =>
      d.insertInto('projectLights').values({ id: `${project}-${month}`, projectId: project, unitId, month, color, reasons: JSON.stringify(reasons), computedAt: now }).execute()
        // This month's colour is mirrored on the project, as the lights service keeps it.
        .then(() => (month === '2026-10' ? d.updateTable('projects').set({ light: color }).where('id', '=', project).execute() : undefined));
    const behind = [reason('investment', 'investment', 'red', { rate: 25, expected: 75, behind: 50 })];
    await light(ids.p1!, ids.zoneA!, '2026-08', 'yellow', behind);
    await light(ids.p1!, ids.zoneA!, '2026-09', 'red', behind);
    await light(ids.p1!, ids.zoneA!, '2026-10', 'red', behind);
    await light(ids.p2!, ids.town!, '2026-10', 'yellow', [reason('investment', 'investment', 'yellow', { rate: 5, expected: 25, behind: 20 })]);
    await light(ids.p3!, ids.zoneB!, '2026-10', 'red', behind);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  async function download(session: Session, url: string): Promise<Buffer> {
    const res = await t.request(session, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="\w+\.xlsx"; filename\*=UTF-8''/);
    return res.rawPayload;
  }

  it('writes the 月度进展表 with grouped headers, sections by batch, 小计 and 合计 from accepted reports', async () => {
    const rows = await cells(await download(pmo, '/api/tables/progress.xlsx?month=2026-10'));
    expect(rows[0]![0]).toBe('县人民政府重大项目月度进展表（2026年10月）');
    expect(rows[1]![0]).toMatch(/^填报单位：县人民政府.*单位：万元$/);
    expect(rows[2]!.slice(0, 10)).toEqual(['序号', '项目名称', '建设单位', '建设内容及规模', '计划投资（万元）', null, '完成投资（万元）', null, '年度完成率（%）', '开工以来（万元）']);
    expect(rows[3]!.slice(4, 10)).toEqual(['总投资', '年度计划投资', '本月完成', '本年累计完成', null, '开工以来累计完成']);
    expect(rows[2]!.slice(10)).toEqual(['形象进度', '存在问题', '责任单位', '包挂领导', '亮灯']);
    const titles = rows.map((r) => r[0]).filter((v): v is string => typeof v === 'string' && /^[一二三四五六七]、/.test(v));
    expect(titles).toEqual(['一、新开工项目（1个）', '二、续建项目（1个）', '三、投产项目（1个）', '四、在谈项目（1个）']);

    const fresh = section(rows, '一、新开工项目（1个）');
    expect(fresh.data).toHaveLength(1);
    expect(fresh.data[0]).toEqual([1, '甲新开工项目', '甲公司', '年产 10 万吨', 10_000, 2_000, 200, 500, 25, 500, '主体结构封顶', '【土地指标】用地指标缺口 30 亩', '甲经济区', null, '红灯']);
    const cont = section(rows, '二、续建项目（1个）');
    expect(cont.data[0]!.slice(0, 10)).toEqual([2, '乙续建项目', null, null, 5_000, 1_000, 50, 50, 5, 150]);
    // A submitted (not yet accepted) report does not count.
    const op = section(rows, '三、投产项目（1个）');
    expect(op.data[0]![6]).toBeNull();

    // Every 小计 is the sum of its rows, and 合计 the sum of the 小计.
    const money = [4, 5, 6, 7, 9];
    const subtotals = ['一、新开工项目（1个）', '二、续建项目（1个）', '三、投产项目（1个）', '四、在谈项目（1个）'].map((s) => section(rows, s));
    for (const s of subtotals) for (const c of money) expect(s.subtotal[c] ?? 0).toBeCloseTo(s.data.reduce((a, r) => a + Number(r[c] ?? 0), 0), 6);
    const total = rows[rows.length - 1]!;
    expect(total[1]).toBe('合计');
    for (const c of money) expect(total[c] ?? 0).toBeCloseTo(subtotals.reduce((a, s) => a + Number(s.subtotal[c] ?? 0), 0), 6);
    expect(total[4]).toBe(26_000);
    expect(total[8]).toBe(18.3); // 550 / 3000 万元
  });

  it('merges the header cells, freezes panes and sets up printing (A3 landscape, header rows repeated)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(pmo, '/api/tables/progress.xlsx?month=2026-10&paper=A3')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('月度进展表');
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:O1', 'A2:O2', 'A3:A4', 'B3:B4', 'E3:F3', 'G3:H3', 'I3:I4', 'A5:C5']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    expect(ws.getCell('E6').numFmt).toBe('#,##0.00');
  });

  it('limits a unit user to their subtree and refuses another unit', async () => {
    const staff = await t.loginAs('unit-staff', { unitId: ids.zoneA });
    const rows = await cells(await download(staff, '/api/tables/progress.xlsx?month=2026-10'));
    expect(rows[0]![0]).toBe('甲经济区重大项目月度进展表（2026年10月）');
    const names = rows.map((r) => r[1]).filter((v) => typeof v === 'string' && v.endsWith('项目'));
    expect(names.sort()).toEqual(['丁投产项目', '甲新开工项目', '乙续建项目'].sort());
    expect((await t.request(staff, 'GET', `/api/tables/progress.xlsx?unitId=${ids.zoneB}`)).statusCode).toBe(403);
    expect((await t.request(staff, 'GET', `/api/tables/batches.xlsx?unitId=${ids.zoneB}`)).statusCode).toBe(403);
    const lights = await cells(await download(staff, '/api/tables/lights.xlsx?month=2026-10'), '红灯清单');
    expect(lights.filter((r) => r[1] === '丙在谈项目')).toHaveLength(0);
    // The coordinator narrows to one zone.
    const zone = await cells(await download(pmo, `/api/tables/progress.xlsx?month=2026-10&unitId=${ids.zoneB}`));
    expect(zone.map((r) => r[1]).filter((v) => typeof v === 'string' && v.endsWith('项目'))).toEqual(['丙在谈项目']);
  });

  it('answers bad input with 400 and a zh/en message', async () => {
    for (const url of ['/api/tables/progress.xlsx?month=2026-13', '/api/tables/progress.xlsx?paper=A5', '/api/tables/progress.xlsx?colour=red', '/api/tables/batches.xlsx?period=week', '/api/tables/batches.xlsx?from=2026-01-01', '/api/tables/lights.xlsx?month=10', '/api/tables/problems.xlsx?status=open']) {
      const res = await t.request(pmo, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
    }
    const res = await t.request(pmo, 'GET', '/api/tables/progress.xlsx?month=2026-13');
    expect(JSON.stringify(res.json())).toContain('月份格式应为 YYYY-MM / month must be YYYY-MM');
    expect((await t.request(pmo, 'GET', '/api/tables/progress.xlsx?unitId=nope')).statusCode).toBe(404);
  });

  it('writes the 问题清单 with the problems page filters', async () => {
    const rows = await cells(await download(pmo, '/api/tables/problems.xlsx'));
    expect(rows[0]![0]).toBe('县人民政府重大项目问题清单');
    expect(rows[2]).toEqual(['序号', '项目', '类别', '问题描述', '提出', null, '责任领导', '责任单位', '责任人', '配合单位', '办结时限', '状态', '升级层级', '进展/销号情况']);
    expect(rows[3]!.slice(4, 6)).toEqual(['提出单位/人', '提出日期']);
    const row = rows[4]!;
    expect(row.slice(0, 4)).toEqual([1, '甲新开工项目', '土地指标', '用地指标缺口 30 亩']);
    expect(row.slice(5, 12)).toEqual(['2026-10-20', null, '甲经济区', null, '甲镇', '2026-11-30', '新增']);
    expect(rows[5]![0]).toBe('合计：1项，其中已销号0项、超期0项');
    const closed = await cells(await download(pmo, '/api/tables/problems.xlsx?view=closed'));
    expect(closed).toHaveLength(5);
    expect(closed[4]![0]).toBe('合计：0项，其中已销号0项、超期0项');
    // The page's category filter (a bar of the cockpit's chart) travels with 导出 Excel.
    expect((await cells(await download(pmo, `/api/tables/problems.xlsx?category=${encodeURIComponent('土地指标')}`)))[5]![0]).toBe('合计：1项，其中已销号0项、超期0项');
    expect((await cells(await download(pmo, `/api/tables/problems.xlsx?category=${encodeURIComponent('资金')}`)))[4]![0]).toBe('合计：0项，其中已销号0项、超期0项');
  });

  it('writes the 五个一统计表 per sub-unit with stock, flow and a 合计 that is the sum of the rows', async () => {
    const rows = await cells(await download(pmo, '/api/tables/batches.xlsx?period=year'));
    expect(rows[0]![0]).toBe('县人民政府重大项目“五个一批”统计表');
    expect(rows[2]!.slice(0, 5)).toEqual(['序号', '单位', '储备', null, null]);
    expect(rows[3]!.slice(2, 5)).toEqual(['个数', '总投资（亿元）', '本期新增']);
    const body = rows.slice(4, -1);
    expect(body.map((r) => r[1]).sort()).toEqual(['甲经济区', '乙经济区'].sort());
    const total = rows[rows.length - 1]!;
    expect(total[1]).toBe('合计');
    for (let c = 2; c < total.length; c++) expect(Number(total[c] ?? 0)).toBeCloseTo(body.reduce((a, r) => a + Number(r[c] ?? 0), 0), 6);
    // 开工 (construction): 2 projects in 甲经济区 (one in its town), 1.5 亿元.
    const construction = 2 + 3 * 3;
    expect(body.find((r) => r[1] === '甲经济区')!.slice(construction, construction + 2)).toEqual([2, 1.5]);
    expect(total[total.length - 2]).toBe(4);
    expect(total[total.length - 1]).toBeCloseTo(2.6, 6);
  });

  it('writes the 亮灯清单 as a red and a yellow sheet with the rule, the reason and since when', async () => {
    const file = await download(pmo, '/api/tables/lights.xlsx?month=2026-10');
    const red = await cells(file, '红灯清单');
    expect(red[0]![0]).toBe('县人民政府重大项目红灯清单（2026年10月）');
    expect(red[2]).toEqual(['序号', '项目名称', '所处阶段', '责任单位', '包挂领导', '触发规则', '亮灯原因', '亮灯起始']);
    const p1 = red.find((r) => r[1] === '甲新开工项目')!;
    expect(p1.slice(2, 8)).toEqual(['开工', '甲经济区', null, '投资进度', '年度投资完成率25%，序时进度75%，落后50个百分点', '2026年9月']);
    expect(red[red.length - 1]![0]).toBe('合计：红灯项目2个');
    const yellow = await cells(file, '黄灯清单');
    expect(yellow.find((r) => r[1] === '乙续建项目')![7]).toBe('2026年10月');
    expect(yellow[yellow.length - 1]![0]).toBe('合计：黄灯项目1个');
  });

  it('audits every download', async () => {
    await download(pmo, '/api/tables/batches.xlsx');
    const rows = await t.container.deps.db.selectFrom('auditLog').select(['action', 'objectType', 'userId']).where('action', 'like', 'table.export.%').execute();
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['table.export.progress', 'table.export.problems', 'table.export.batches', 'table.export.lights']));
    expect(rows.every((r) => r.objectType === 'table')).toBe(true);
  });

  it('is read by the ledger importer (dry run) without errors', async () => {
    const file = await download(pmo, '/api/tables/progress.xlsx?month=2026-10');
    const res = await t.request(pmo, 'POST', '/api/projects/import?mode=dry-run', { body: file, headers: { 'content-type': XLSX } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    expect(report.rows).toBe(4);
  });
});
