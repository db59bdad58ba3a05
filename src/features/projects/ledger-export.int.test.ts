import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import { loadExcelJS } from '../../xlsx/exceljs-utf8-fix.js';
import { readSheetRows, type SheetRow } from '../../xlsx/xlsx-reader.js';

const ExcelJS = loadExcelJS();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(databaseVariants())('ledger export layout on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let zoneId = '';
  let townId = '';

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock: manualClock(new Date('2026-05-15T02:00:00Z')) });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    zoneId = await unit('XX港经济区管委会', 'zone');
    townId = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    const field = async (body: Record<string, unknown>) => {
      const res = await t.request(pmo, 'POST', '/api/extra-fields', { body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string; version: number }>();
    };
    await field({ key: 'fundingType', label: '资金类型', kind: 'choice', options: ['专项债', '自筹'], sortOrder: 2 });
    await field({ key: 'meetings', label: '对接次数', kind: 'number', sortOrder: 1 });
    const old = await field({ key: 'oldNote', label: '旧字段', kind: 'text', sortOrder: 3 });
    const create = async (body: Record<string, unknown>) => {
      const res = await t.request(pmo, 'POST', '/api/projects', { body: { leadUnitId: zoneId, ...body } });
      expect(res.statusCode, res.body).toBe(201);
    };
    await create({ name: '乙储能电站', stage: 'negotiating', totalInvestment: 80_000_000, supportingUnitIds: [townId], extra: { fundingType: '自筹', meetings: 3, oldNote: '停用前填的' } });
    await create({ name: '甲氢能产业园', stage: 'negotiating', totalInvestment: 150_000_000, annualPlanInvestment: 20_000_000, landArea: 123.45, extra: { fundingType: '专项债' } });
    await create({ name: '丙光伏项目', stage: 'construction', totalInvestment: 1_234_567_890_123, plannedStartDate: '2026-03' });
    // Archived after the values were entered: the export no longer shows it.
    expect((await t.request(pmo, 'PATCH', `/api/extra-fields/${old.id}`, { body: { archived: true }, headers: { 'if-match': `"${old.version}"` } })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  async function exported(url = '/api/projects/export'): Promise<Buffer> {
    const res = await t.request(pmo, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    return res.rawPayload;
  }

  async function rows(file: Buffer): Promise<SheetRow[]> {
    const out: SheetRow[] = [];
    for await (const r of readSheetRows(file)) out.push(r);
    return out;
  }

  it('writes the office layout with one column per active extra field before the hidden ones', async () => {
    const r = await rows(await exported());
    const header = r[2]!.cells;
    const sub = r[3]!.cells;
    const col = (name: string) => header.indexOf(name);
    expect(r[0]!.cells[0]).toMatch(/2026年重大项目推进台账$/);
    expect(r[1]!.cells[0]).toContain('截至：2026-05-15');
    expect(header.slice(-5)).toEqual(['项目管家', '对接次数', '资金类型', '__id', '__version']);
    expect(header).not.toContain('旧字段');
    expect(header[col('投资（万元）')]).toBe('投资（万元）');
    expect(sub[col('投资（万元）')]).toBe('总投资');

    const byTitle = r.map((x) => x.cells);
    const sectionRow = (title: string) => byTitle.findIndex((c) => c[0] === title);
    expect(byTitle.map((c) => c[0]).filter((v): v is string => typeof v === 'string' && /^[一二三四五六七八]、/.test(v))).toEqual([
      '一、储备项目（0个）',
      '二、在谈项目（2个）',
      '三、签约项目（0个）',
      '四、在建项目（1个）',
      '五、竣工项目（0个）',
      '六、投产项目（0个）',
    ]);
    const negotiating = sectionRow('二、在谈项目（2个）');
    const section = byTitle.slice(negotiating + 1, negotiating + 3);
    const project = (name: string) => section.find((c) => c[col('项目名称')] === name)!;
    const [yi, jia, subtotal] = [project('乙储能电站'), project('甲氢能产业园'), byTitle[negotiating + 3]!];
    // Serial numbers run on across sections (the ledger is sorted by name within each).
    expect(section.map((c) => c[0])).toEqual([1, 2]);
    expect([yi[col('用地面积（亩）')], yi[col('对接次数')], yi[col('资金类型')], yi[col('配合单位')], yi[col('责任单位')]]).toEqual([null, 3, '自筹', 'XX镇', 'XX港经济区管委会']);
    expect([jia[col('用地面积（亩）')], jia[col('对接次数')], jia[col('资金类型')], jia[col('配合单位')]]).toEqual([123.45, null, '专项债', null]);
    expect(typeof yi[col('__id')]).toBe('string');
    expect(yi[col('__version')]).toBe(1);
    expect(subtotal[col('项目名称')]).toBe('小计');
    expect(subtotal[col('投资（万元）')]).toBe(23_000);
    expect(subtotal[col('投资（万元）') + 2]).toBe(2_000);
    const total = byTitle[byTitle.length - 1]!;
    expect(total[col('项目名称')]).toBe('合计');
    expect(total[col('投资（万元）')]).toBeCloseTo(123_479_789.0123, 4);
    expect(byTitle[sectionRow('四、在建项目（1个）') + 1]![0]).toBe(3);
  });

  it('is read by exceljs with merges, frozen header, hidden id/version and money formats', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('项目台账');
    const n = ws.getRow(3).cellCount;
    expect(ws.getColumn(n).hidden).toBe(true);
    expect(ws.getColumn(n - 1).hidden).toBe(true);
    expect(ws.getColumn(n - 2).hidden).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining([`A1:${ws.getColumn(n - 2).letter}1`, 'A3:A4', 'A5:C5']));
    const money = ws.getRow(3).values as unknown[];
    const totalCol = (ws.getRow(4).values as unknown[]).indexOf('总投资');
    expect(money[totalCol]).toBe('投资（万元）');
    let dataRow = ws.getRow(1);
    ws.eachRow((row) => {
      if (row.getCell(3).value === '甲氢能产业园') dataRow = row;
    });
    expect(dataRow.getCell(totalCol).value).toBe(15_000);
    expect(dataRow.getCell(totalCol).numFmt).toBe('#,##0.00');
    expect(dataRow.getCell(2).border).toMatchObject({ top: { style: 'thin' } });
    expect(ws.getCell('A3').font).toMatchObject({ bold: true });
  });

  it('re-imports its own export as "nothing changed" (extra columns are not standard fields)', async () => {
    const file = await exported();
    const res = await t.request(pmo, 'POST', '/api/projects/import?mode=commit', { body: file, headers: { 'content-type': XLSX } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
  });

  it('puts the extra fields in the blank import template too', async () => {
    const r = await rows(await exported('/api/projects/import-template'));
    expect(r).toHaveLength(4);
    expect(r[2]!.cells.slice(-4)).toEqual(['对接次数', '资金类型', '__id', '__version']);
  });
});
