import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const TEXT = Buffer.from('施工许可证编号：2026-0088\n');

describe.each(databaseVariants())('attachments on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let otherPmo: Session;
  let zoneId = '';
  let townId = '';
  const clock = manualClock(new Date('2026-05-15T02:00:00Z'));

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock, env: { LUODI_ATTACHMENT_MAX_MB: '1' } });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string, type: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type } })).json<{ id: string }>().id;
    zoneId = await unit('XX港经济区管委会', 'zone');
    townId = await unit('XX镇', 'town');
    pmo = await t.loginAs('coordinator');
    otherPmo = await t.loginAs('coordinator');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const upload = (as: Session, content: Buffer, name = 'evidence.bin', contentType = 'application/octet-stream') =>
    t.request(as, 'POST', '/api/attachments', { body: content, headers: { 'content-type': contentType, 'x-file-name': encodeURIComponent(name) } });
  const uploadOk = async (as: Session, content: Buffer, name: string) => {
    const res = await upload(as, content, name);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; fileName: string; contentType: string; size: number; sha256: string }>();
  };
  const auditRows = (action: string) => t.container.deps.db.selectFrom('auditLog').selectAll().where('action', '=', action).execute();
  const createProject = async (name: string, leadUnitId = zoneId) => {
    const res = await t.request(pmo, 'POST', '/api/projects', { body: { name, leadUnitId, projectType: 'industrial', stage: 'negotiating' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  };
  const transition = (as: Session, projectId: string, version: number, body: Record<string, unknown>) =>
    t.request(as, 'POST', `/api/projects/${projectId}/transitions`, { body, headers: { 'if-match': `"${version}"` } });

  it('keeps an upload with its sniffed type, a safe name, size and sha256, and audits it', async () => {
    const a = await uploadOk(pmo, PDF, '签约仪式/投资协议（盖章版）.pdf');
    expect(a).toMatchObject({ fileName: '投资协议（盖章版）.pdf', contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
    // The type comes from the bytes; the name gets the real extension.
    const disguised = await uploadOk(pmo, PNG, 'report.exe');
    expect(disguised).toMatchObject({ fileName: 'report.exe.png', contentType: 'image/png' });
    // Whatever Content-Type the browser claims, the body is read as bytes.
    const asJson = await upload(pmo, TEXT, '说明.txt', 'application/json');
    expect(asJson.statusCode, asJson.body).toBe(201);
    expect(asJson.json().contentType).toBe('text/plain; charset=utf-8');
    const rows = await auditRows('attachment.upload');
    expect(rows.find((r) => r.objectId === a.id)).toMatchObject({ objectType: 'attachment', result: 'ok' });
    expect(rows.find((r) => r.objectId === a.id)?.after).not.toMatch(/"content"/);
  });

  it('refuses executables, web pages, SVG, archives and empty files with clear errors, audited', async () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'setup.pdf', 'executable'],
      [Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'note.txt', 'markup'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'photo.png', 'markup'],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('virus.exe')]), 'docs.zip', 'archive'],
    ];
    for (const [content, name, detected] of cases) {
      const res = await upload(pmo, content, name);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'ATTACHMENT_TYPE_REFUSED', details: { detected } });
      expect(res.json().error.message).toMatch(/只能上传 PDF、图片/);
    }
    const en = await t.request(pmo, 'POST', '/api/attachments', { body: cases[0]![0], headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en' } });
    expect(en.json().error.message).toMatch(/^Only PDF, images/);
    expect((await upload(pmo, Buffer.alloc(0))).json().error.code).toBe('VALIDATION_FAILED');
    const failed = (await auditRows('http POST /api/attachments')).filter((r) => r.result === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(cases.length);
    expect(failed[0]!.detail).toBe('415 ATTACHMENT_TYPE_REFUSED');
  });

  it('refuses files over LUODI_ATTACHMENT_MAX_MB before reading them, naming the limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    const res = await upload(pmo, big, 'scan.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过 1 MB', details: { maxBytes: 1024 * 1024 } });
    const justUnder = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 - PDF.length)]);
    expect((await upload(pmo, justUnder, 'scan.pdf')).statusCode).toBe(201);
  });

  it('serves downloads with the sniffed type, a UTF-8 file name, nosniff and a sandbox policy', async () => {
    const pdf = await uploadOk(pmo, PDF, '开工 报告"(终).pdf');
    const res = await t.request(pmo, 'GET', `/api/attachments/${pdf.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      // The quote is dropped from the stored name; the ASCII fallback replaces the rest.
      'content-disposition': `inline; filename="__ __(_).pdf"; filename*=UTF-8''${encodeURIComponent('开工 报告').replace(/%20/, '%20')}%28%E7%BB%88%29.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
    const text = await uploadOk(pmo, TEXT, 'readme.txt');
    const got = await t.request(pmo, 'GET', `/api/attachments/${text.id}`);
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="readme.txt"; filename\*=UTF-8''readme\.txt$/);
    expect(got.body).toBe(TEXT.toString());
  });

  it('keeps an unlinked upload its uploader’s alone; deleting it is audited', async () => {
    const a = await uploadOk(pmo, PDF, 'draft.pdf');
    expect((await t.request(otherPmo, 'GET', `/api/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await t.request(otherPmo, 'DELETE', `/api/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await t.request(pmo, 'DELETE', `/api/attachments/${a.id}`)).json()).toEqual({ ok: true });
    expect((await t.request(pmo, 'GET', `/api/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await auditRows('attachment.delete')).map((r) => r.objectId)).toContain(a.id);
  });

  it('links evidence to a stage change in its transaction, and the timeline lists it', async () => {
    const p = await createProject('氢能装备产业园');
    const a = await uploadOk(pmo, PDF, '投资协议.pdf');
    const b = await uploadOk(pmo, PNG, '签约现场.png');
    const moved = await transition(pmo, p.id, p.version, { to: 'signed', note: '在县政府签约', attachmentIds: [a.id, b.id] });
    expect(moved.statusCode, moved.body).toBe(200);
    const timeline = (await t.request(pmo, 'GET', `/api/projects/${p.id}/stages`)).json<{ toStage: string; attachments: unknown[] }[]>();
    expect(timeline.map((e) => e.attachments)).toEqual([
      [],
      [
        { id: a.id, fileName: '投资协议.pdf', contentType: 'application/pdf', size: PDF.length },
        { id: b.id, fileName: '签约现场.png', contentType: 'image/png', size: PNG.length },
      ],
    ]);
    const audit = (await auditRows('project.transition')).find((r) => r.objectId === p.id);
    expect(JSON.parse(audit!.after!).attachments).toEqual([
      { id: a.id, fileName: '投资协议.pdf' },
      { id: b.id, fileName: '签约现场.png' },
    ]);
    // Linked files are evidence: they stay.
    const del = await t.request(pmo, 'DELETE', `/api/attachments/${a.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('ATTACHMENT_IN_USE');
    // A stage change without note or file is still allowed.
    expect((await transition(pmo, p.id, 2, { to: 'construction' })).statusCode).toBe(200);
  });

  it('refuses to link files that are linked already, someone else’s, or older than 24 hours — and nothing changes', async () => {
    const p = await createProject('港口冷链物流中心');
    const used = await uploadOk(pmo, PDF, 'a.pdf');
    expect((await transition(pmo, p.id, 1, { to: 'signed', attachmentIds: [used.id] })).statusCode).toBe(200);
    const again = await transition(pmo, p.id, 2, { to: 'construction', attachmentIds: [used.id] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toMatchObject({ field: 'attachmentIds', reason: expect.stringMatching(/已关联/) });
    const theirs = await uploadOk(otherPmo, PDF, 'b.pdf');
    expect((await transition(pmo, p.id, 2, { to: 'construction', attachmentIds: [theirs.id] })).json().error.details.reason).toMatch(/不是你上传的/);
    const old = await uploadOk(pmo, PDF, 'c.pdf');
    clock.advance(25 * 3600_000);
    pmo = await t.loginAs('coordinator'); // the old session has expired
    const late = await t.request(pmo, 'POST', `/api/projects/${p.id}/transitions`, { body: { to: 'construction', attachmentIds: [old.id] }, headers: { 'if-match': '"2"' } });
    expect(late.statusCode).toBe(400);
    // The refused change left the project where it was.
    expect((await t.request(pmo, 'GET', `/api/projects/${p.id}`)).json()).toMatchObject({ stage: 'signed', version: 2 });
  });

  it('lets whoever may see the project download its evidence; others get 404', async () => {
    const p = await createProject('镇级污水处理厂', zoneId);
    const a = await uploadOk(pmo, PDF, '批复.pdf');
    expect((await transition(pmo, p.id, 1, { to: 'signed', attachmentIds: [a.id] })).statusCode).toBe(200);
    const zoneStaff = await t.loginAs('unit-staff', { unitId: zoneId });
    const townStaff = await t.loginAs('unit-staff', { unitId: townId });
    const viewer = await t.loginAs('viewer');
    otherPmo = await t.loginAs('coordinator'); // sessions from before the clock moved have expired
    expect((await t.request(zoneStaff, 'GET', `/api/attachments/${a.id}`)).statusCode).toBe(200);
    expect((await t.request(viewer, 'GET', `/api/attachments/${a.id}`)).statusCode).toBe(200);
    expect((await t.request(otherPmo, 'GET', `/api/attachments/${a.id}`)).statusCode).toBe(200);
    expect((await t.request(townStaff, 'GET', `/api/attachments/${a.id}`)).statusCode).toBe(404);
    // Unit staff upload too (evidence of the milestones they complete); until linked, the file is theirs alone.
    const own = await t.request(townStaff, 'POST', '/api/attachments', { body: PDF, headers: { 'content-type': 'application/pdf' } });
    expect(own.statusCode).toBe(201);
    expect((await t.request(zoneStaff, 'GET', `/api/attachments/${own.json<{ id: string }>().id}`)).statusCode).toBe(404);
    // Unit staff upload (progress-report photos); a viewer may not.
    expect((await t.request(viewer, 'POST', '/api/attachments', { body: PDF, headers: { 'content-type': 'application/pdf' } })).statusCode).toBe(403);
    // The file took the project's unit as its data-scope key.
    const row = await t.container.deps.db.selectFrom('attachments').select(['unitId', 'ownerType']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ unitId: zoneId, ownerType: 'project-stage-event' });
  });

  it('reads the timeline’s files in one statement, however many events carry them', async () => {
    const p = await createProject('高端轴承智能制造基地');
    const count = async () => {
      const before = t.container.handle.stats.queries;
      expect((await t.request(pmo, 'GET', `/api/projects/${p.id}/stages`)).statusCode).toBe(200);
      return t.container.handle.stats.queries - before;
    };
    const few = await count();
    let version = 1;
    for (const to of ['signed', 'construction', 'completed', 'operating']) {
      const files = [await uploadOk(pmo, PDF, `${to}-1.pdf`), await uploadOk(pmo, TEXT, `${to}-2.txt`)];
      expect((await transition(pmo, p.id, version++, { to, attachmentIds: files.map((f) => f.id) })).statusCode).toBe(200);
    }
    expect(await count()).toBe(few);
  });

  it('purges uploads never linked within 24 hours, with an audit row each', async () => {
    const stale = await uploadOk(pmo, PDF, 'forgotten.pdf');
    const p = await createProject('临港新材料中试基地');
    const kept = await uploadOk(pmo, PDF, 'kept.pdf');
    expect((await transition(pmo, p.id, 1, { to: 'signed', attachmentIds: [kept.id] })).statusCode).toBe(200);
    clock.advance(25 * 3600_000);
    expect(await t.container.services.attachments.purgeUnlinked()).toBeGreaterThanOrEqual(1);
    const ids = (await t.container.deps.db.selectFrom('attachments').select('id').execute()).map((r) => r.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(stale.id);
    expect((await auditRows('attachment.purge')).map((r) => r.objectId)).toContain(stale.id);
  });
});
