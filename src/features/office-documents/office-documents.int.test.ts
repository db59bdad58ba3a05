import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../cli/main.js';
import { readPackageParts, wordText } from '../../documents/docx-parts.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { expectOfficialLayout } from '../../../test/helpers/docx-layout.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

const docText = async (buf: Buffer) => wordText((await readPackageParts(buf, ['word/document.xml']))['word/document.xml']!);

/**
 * 会议纪要 and 汇报材料 from the speech's zone: a 汇报会 with decisions and actions (minutes once
 * closed), and the zone's projects, goal and problems for the briefing draft.
 */
describe.each(databaseVariants())('office documents on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let leader: Session;
  let townPmo: Session;
  let investStaff: Session;
  let townStaff: Session;
  const ids: Record<string, string> = {};
  const clock = manualClock(new Date('2026-05-12T06:00:00Z'));
  const yi = (n: number) => n * 100_000_000;

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, parentId: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId, name, type } })).json<{ id: string }>().id;
    ids.zone = await unit('XX港经济区管委会', t.rootUnitId, 'zone');
    ids.invest = await unit('经济区招商局', ids.zone, 'department');
    ids.build = await unit('经济区规划建设局', ids.zone, 'department');
    ids.town = await unit('XX镇', t.rootUnitId, 'town');
    pmo = await t.loginAs('coordinator');
    leader = await t.loginAs('leader');
    townPmo = await t.loginAs('coordinator', { unitId: ids.town });
    const owner = await t.createUser('unit-staff', { username: 'owner1', unitId: ids.invest });
    ids.owner = owner.id;
    investStaff = await t.login(owner.username);
    townStaff = await t.loginAs('unit-staff', { unitId: ids.town });
    ids.chair = (await t.createUser('leader', { username: 'secretary' })).id;

    const project = async (name: string, unitKey: string, first: string, steps: [string, string][], fields: Record<string, unknown> = {}) => {
      const created = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId: ids[unitKey], stage: first, ...fields } });
      expect(created.statusCode, created.body).toBe(201);
      let p = created.json<{ id: string; version: number }>();
      for (const [to, date] of steps) {
        const res = await t.request(pmo, 'POST', `/api/projects/${p.id}/transitions`, { body: { to, date }, headers: { 'if-match': `"${p.version}"` } });
        expect(res.statusCode, res.body).toBe(200);
        p = res.json();
      }
      ids[name] = p.id;
    };
    await project('新能源电池材料项目', 'invest', 'negotiating', [['signed', '2026-05-06']], { totalInvestment: yi(12), plannedStartDate: '2026-06' });
    await project('高端装备制造项目', 'invest', 'negotiating', [], { plannedSignDate: '2026-05', totalInvestment: yi(8) });
    await project('港口物流园项目', 'build', 'signed', [['construction', '2026-02-10']], { plannedCompletionDate: '2026-10', annualPlanInvestment: yi(2), ytdInvestment: yi(0.5) });
    await project('海上风电运维基地', 'zone', 'negotiating', [], { plannedSignDate: '2027-03' });
    await project('XX镇农产品加工园', 'town', 'negotiating', [], { plannedSignDate: '2026-05' });
    expect((await t.request(pmo, 'PUT', `/api/goals/${ids.zone}/2026`, { body: { signTarget: 4, startTarget: 3, investmentTarget: yi(2) } })).statusCode).toBe(201);
    const problem = await t.request(pmo, 'POST', '/api/problems', {
      body: { projectId: ids['港口物流园项目'], category: '土地指标', description: '用地指标缺口30亩', unitId: ids.build, leaderId: ids.chair, deadline: '2026-05-01' },
    });
    expect(problem.statusCode, problem.body).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

  it('refuses the minutes of an open meeting with 409 in Chinese and English, then prints them once closed', async () => {
    let res = await t.request(pmo, 'POST', '/api/meetings', { body: { kind: 'briefing', title: '经济区重大项目情况汇报会', date: '2026-05-12', startTime: '15:00', place: '县委常委会议室', chairUserId: ids.chair } });
    expect(res.statusCode, res.body).toBe(201);
    let m = res.json<{ id: string; version: number }>();
    ids.meeting = m.id;
    res = await t.request(pmo, 'PUT', `/api/meetings/${m.id}/attendees`, {
      body: { attendees: [{ userId: ids.chair }, { userId: ids.owner }, { name: '赵工', unitId: ids.build, attendance: 'observer' }, { name: '王副县长', attendance: 'leave', note: '出差' }] },
      headers: ifMatch(m.version),
    });
    expect(res.statusCode, res.body).toBe(200);
    m = res.json();
    res = await t.request(pmo, 'POST', `/api/meetings/${m.id}/agenda`, { body: { projectId: ids['高端装备制造项目'], title: '高端装备制造项目', presenter: '招商局张局长' } });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<{ agenda: { id: string }[] }>().agenda[0]!.id;
    for (const body of [
      { kind: 'info', content: '已完成第三轮洽谈' },
      { kind: 'decision', content: '同意按会办意见调整用地规划' },
      { kind: 'action', content: '5月底前完成签约', ownerUnitId: ids.invest, ownerUserId: ids.owner, deadline: '2026-05-31' },
    ]) {
      const r = await t.request(pmo, 'POST', `/api/meetings/${m.id}/agenda/${item}/outcomes`, { body });
      expect(r.statusCode, r.body).toBe(201);
    }

    const open = await t.request(pmo, 'GET', `/api/meetings/${m.id}/minutes`, { headers: { 'accept-language': 'zh-CN' } });
    expect(open.statusCode).toBe(409);
    expect(open.json().error).toMatchObject({ code: 'MEETING_NOT_CLOSED', message: '会议尚未结束，结束会议后才能生成会议纪要' });
    const openEn = await t.request(pmo, 'GET', `/api/meetings/${m.id}/minutes`, { headers: { 'accept-language': 'en' } });
    expect(openEn.json().error.message).toBe('The meeting is not closed yet; close it before printing the minutes');

    const version = (await t.request(pmo, 'GET', `/api/meetings/${m.id}`)).json<{ version: number }>().version;
    expect((await t.request(pmo, 'POST', `/api/meetings/${m.id}/close`, { headers: ifMatch(version) })).statusCode).toBe(200);
    res = await t.request(pmo, 'GET', `/api/meetings/${m.id}/minutes`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="minutes.docx"; filename*=UTF-8''${encodeURIComponent('会议纪要-经济区重大项目情况汇报会纪要.docx')}`);
    const { text } = await expectOfficialLayout(res.rawPayload, { title: '经济区重大项目情况汇报会纪要', headings: ['一、关于高端装备制造项目', '二、督办事项'] });
    expect(text).toContain('纪要〔2026〕1号');
    expect(text).toContain('2026年5月12日下午，测试leader在县委常委会议室主持召开经济区重大项目情况汇报会。');
    expect(text).toContain('会议议定如下事项：');
    expect(text).toContain('1.会议议定：同意按会办意见调整用地规划。');
    expect(text).toContain('2.会议要求，经济区招商局（责任人：测试unit-staff）负责5月底前完成签约，2026年5月31日前完成。');
    expect(text).toMatch(/出席：测试leader（[^）]+），测试unit-staff（经济区招商局）/);
    expect(text).toContain('列席：赵工（经济区规划建设局）');
    expect(text).toContain('请假：王副县长');
    expect(text).toContain('2026年5月12日印发');
  });

  it('reads the minutes like the meeting: the owner unit yes, another town no, an unknown id 404', async () => {
    expect((await t.request(investStaff, 'GET', `/api/meetings/${ids.meeting}/minutes`)).statusCode).toBe(200);
    expect((await t.request(leader, 'GET', `/api/meetings/${ids.meeting}/minutes`)).statusCode).toBe(200);
    expect((await t.request(townStaff, 'GET', `/api/meetings/${ids.meeting}/minutes`)).statusCode).toBe(404);
    expect((await t.request(townPmo, 'GET', `/api/meetings/${ids.meeting}/minutes`)).statusCode).toBe(404);
    expect((await t.request(pmo, 'GET', '/api/meetings/nope/minutes')).statusCode).toBe(404);
    // Who printed what is in the audit trail.
    const rows = await t.container.deps.db.selectFrom('auditLog').select(['action', 'objectId', 'username', 'detail']).where('action', '=', 'meeting.minutes').execute();
    expect(rows.map((r) => r.username).sort()).toEqual(expect.arrayContaining(['owner1']));
    expect(rows[0]).toMatchObject({ objectId: ids.meeting, detail: '会议纪要-经济区重大项目情况汇报会纪要.docx' });
  });

  it('drafts the 汇报材料 of the zone from its figures, lists and problems', async () => {
    const res = await t.request(leader, 'GET', `/api/documents/briefing?unit=${ids.zone}&date=2026-05-15`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="briefing.docx"; filename*=UTF-8''${encodeURIComponent('汇报材料-XX港经济区管委会-2026-05-15.docx')}`);
    const { text } = await expectOfficialLayout(res.rawPayload, { title: '关于XX港经济区管委会重大项目推进情况的汇报' });
    expect(text).toContain('截至2026年5月12日，XX港经济区管委会纳入调度的重大项目共4个');
    expect(text).toContain('签约2个，完成年度目标4个的50%，达到序时进度；开工1个，完成年度目标3个的33.3%');
    expect(text).toContain('年度计划投资2.00亿元，累计完成5,000万元');
    expect(text).toContain('新能源电池材料项目成功签约，总投资12.00亿元');
    expect(text).toContain('高端装备制造项目（经济区招商局，计划2026年5月签约）');
    expect(text).toContain('新能源电池材料项目（经济区招商局，计划2026年6月开工）');
    expect(text).toContain('港口物流园项目（经济区规划建设局，计划2026年10月竣工）');
    expect(text).toMatch(/港口物流园项目：用地指标缺口30亩（土地指标）。责任单位经济区规划建设局，责任领导测试leader，原定2026年5月1日前解决，已逾期14天/);
    // The town's project and the zone's 2027 one are not pushed this time.
    expect(text).not.toContain('XX镇农产品加工园');
    expect(text).not.toContain('海上风电运维基地（');
    expect(text).toContain('2026年5月15日');
    const audit = await t.container.deps.db.selectFrom('auditLog').select(['action', 'objectId', 'username']).where('action', '=', 'documents.briefing').execute();
    expect(audit).toEqual([expect.objectContaining({ objectId: ids.zone })]);
  });

  it('keeps the briefing to leaders and coordinators in their subtree, and refuses bad input with 400', async () => {
    const whole = await t.request(pmo, 'GET', '/api/documents/briefing');
    expect(whole.statusCode, whole.body).toBe(200);
    expect(await docText(whole.rawPayload)).toContain('XX镇农产品加工园');
    const town = await t.request(townPmo, 'GET', '/api/documents/briefing');
    expect(town.statusCode).toBe(200);
    const townText = await docText(town.rawPayload);
    expect(townText).toContain('XX镇农产品加工园');
    expect(townText).not.toContain('高端装备制造项目');
    expect((await t.request(townPmo, 'GET', `/api/documents/briefing?unit=${ids.zone}`)).statusCode).toBe(404);
    expect((await t.request(investStaff, 'GET', '/api/documents/briefing')).statusCode).toBe(403);
    expect((await t.request(pmo, 'GET', '/api/documents/briefing?unit=nope')).statusCode).toBe(404);
    for (const q of ['date=2026-02-30', 'date=15.05.2026', 'colour=red']) {
      const bad = await t.request(pmo, 'GET', `/api/documents/briefing?${q}`, { headers: { 'accept-language': 'zh-CN' } });
      expect(bad.statusCode, q).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('prints both from the command line: luodi report minutes | briefing --out FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luodi-docs-'));
    vi.stubEnv('LUODI_DB', db.url);
    let printed = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((printed += String(chunk)), true));
    try {
      await buildCli().parseAsync(['node', 'luodi', 'report', 'minutes', '--meeting', ids.meeting!, '--out', join(dir, 'm.docx')]);
      await buildCli().parseAsync(['node', 'luodi', 'report', 'briefing', '--unit', ids.zone!, '--date', '2026-05-15', '--out', join(dir, 'b.docx'), '--json']);
    } finally {
      stdout.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(printed).toContain('已生成会议纪要');
    expect(printed).toContain('"name": "汇报材料-XX港经济区管委会-2026-05-15.docx"');
    expect(await docText(readFileSync(join(dir, 'm.docx')))).toContain('会议议定如下事项：');
    expect(await docText(readFileSync(join(dir, 'b.docx')))).toContain('下步工作建议');
    await expect(buildCli().parseAsync(['node', 'luodi', 'report', 'briefing', '--date', '2026-13-01', '--out', join(dir, 'x.docx')])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
