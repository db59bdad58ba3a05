import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';

/** A PNG header declaring width × height with a tiny (meaningless) image body: a decompression bomb. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

describe.each(databaseVariants())('report photos on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let pmo: Session;
  let staff: Session;
  let otherStaff: Session;
  let projectId = '';
  const clock = manualClock(new Date('2026-11-10T02:00:00Z'));

  const upload = (s: Session, content: Buffer, name: string, lang = 'zh-CN') =>
    t.request(s, 'POST', '/api/attachments?image=true', { body: content, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), 'accept-language': lang } });

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock, env: { LUODI_ATTACHMENT_MAX_MB: '2' } });
    const admin = await t.loginAs('system-admin');
    const unit = async (name: string) => (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name, type: 'department' } })).json<{ id: string }>().id;
    const zone = await unit('经济区管委会');
    const town = await unit('XX镇');
    pmo = await t.loginAs('coordinator');
    staff = await t.loginAs('unit-staff', { unitId: zone });
    otherStaff = await t.loginAs('unit-staff', { unitId: town });
    projectId = (await t.request(pmo, 'POST', '/api/projects', { body: { name: '港口物流园', leadUnitId: zone, stage: 'construction' } })).json().id;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('refuses a web page renamed to .jpg, in Chinese and English', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const zh = await upload(staff, html, '现场.jpg');
    expect(zh.statusCode).toBe(415);
    expect(zh.json().error).toMatchObject({ code: 'PHOTO_REQUIRED', message: '这里只能上传照片（JPEG、PNG、WebP、GIF）' });
    const en = await upload(staff, html, 'site.jpg', 'en');
    expect(en.json().error.message).toBe('Only photos (JPEG, PNG, WebP, GIF) can be uploaded here');
    // A PDF is a fine attachment, but not a photo.
    expect((await upload(staff, Buffer.from('%PDF-1.4\n%%EOF\n'), 'a.pdf')).json().error.code).toBe('PHOTO_REQUIRED');
  });

  it('refuses an oversized file before reading it', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3 * 1024 * 1024)]);
    const res = await upload(staff, big, 'big.jpg');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过 2 MB' });
    expect((await upload(staff, big, 'big.jpg', 'en')).json().error.message).toBe('An attachment may be at most 2 MB');
  });

  it('refuses a decompression bomb (a small PNG declaring 30000×30000) without decoding it', async () => {
    const bomb = bombPng(30000, 30000);
    expect(bomb.length).toBeLessThan(100);
    const res = await upload(staff, bomb, 'bomb.png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PHOTO_TOO_LARGE', details: { width: 30000, height: 30000 } });
    expect(res.json().error.message).toMatch(/照片像素过大/);
    expect((await upload(staff, bomb, 'bomb.png', 'en')).json().error.message).toMatch(/too many pixels/);
    // A broken image with a valid signature is refused with its own message.
    expect((await upload(staff, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'broken.jpg')).json().error.code).toBe('PHOTO_UNREADABLE');
  });

  it('keeps a photo downscaled, upright, as JPEG and without metadata; readable by who sees the report', async () => {
    // 3000×2000 landscape pixels whose EXIF says "rotate 90°": a phone held upright.
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#4a7' } })
      .png()
      .toBuffer()
      .then((png) => sharp(png).withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret place' } } }).jpeg().toBuffer());
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const res = await upload(staff, photo, '现场.png');
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({ contentType: 'image/jpeg', fileName: '现场.png.jpg' });
    expect(att.size).toBeLessThan(photo.length);

    const round = (await t.request(pmo, 'POST', '/api/report-rounds', { body: { kind: 'monthly' } })).json();
    const reportId = `${round.id}:${projectId}`;
    const saved = await t.request(staff, 'PUT', `/api/reports/${reportId}`, { body: { investment: 1_000_000, progressText: '堆场硬化', attachmentIds: [att.id], submit: true }, headers: { 'if-match': '"1"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().photos).toEqual([{ id: att.id, fileName: '现场.png.jpg', contentType: 'image/jpeg', size: att.size }]);

    const got = await t.request(pmo, 'GET', `/api/attachments/${att.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['content-security-policy']).toBe('sandbox');
    const meta = await sharp(got.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([1067, 1600]); // turned upright, longest side 1600
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect((await t.request(otherStaff, 'GET', `/api/attachments/${att.id}`)).statusCode).toBe(404);
  });
});
