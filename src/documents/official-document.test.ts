import { describe, expect, it } from 'vitest';
import { expectOfficialLayout } from '../../test/helpers/docx-layout.js';
import { actionSlipDocument, actionSlipFileName, type ActionSlipData } from './action-slips.js';
import { readPackageParts, wordText } from './docx-parts.js';
import { renderOfficialDocument, type OfficialDocument } from './official-document.js';

const attr = (xml: string, tag: string, name: string) => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

const bulletin: OfficialDocument = {
  title: '关于全县重大项目推进情况的通报',
  recipient: '各乡镇、经济区管委会，县直各有关单位：',
  body: [
    { kind: 'paragraph', text: '现将10月份全县重大项目推进情况通报如下。' },
    { kind: 'heading', level: 1, text: '总体情况' },
    { kind: 'paragraph', text: '全县共有重大项目86个。' },
    { kind: 'heading', level: 2, text: '开工情况' },
    { kind: 'heading', level: 3, text: '新开工项目' },
    { kind: 'table', columns: ['序号', '项目名称', '责任单位'], rows: [['1', '港口物流园项目', '经济区招商局']] },
    { kind: 'heading', level: 2, text: '投资完成情况' },
    { kind: 'heading', level: 1, text: '存在问题' },
  ],
  attachments: ['重大项目进展情况表'],
  signature: { issuer: 'XX县重大项目推进办公室', date: '2026-11-27' },
  copyTo: ['县委办', '县政府办'],
  printed: { office: 'XX县重大项目推进办公室', date: '2026-11-27' },
};

describe('official document (GB/T 9704-2012)', () => {
  it('sets up A4 with the standard margins, a 22 × 28 grid and fixed line spacing', async () => {
    const parts = await readPackageParts(await renderOfficialDocument(bulletin), ['word/document.xml', 'word/settings.xml']);
    const xml = parts['word/document.xml']!;
    expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838');
    // 37 / 35 / 28 / 26 mm in twips.
    expect(attr(xml, 'w:pgMar', 'w:top')).toBe('2098');
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1984');
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1587');
    expect(attr(xml, 'w:pgMar', 'w:right')).toBe('1474');
    expect(attr(xml, 'w:docGrid', 'w:type')).toBe('linesAndChars');
    const pitch = Number(attr(xml, 'w:docGrid', 'w:linePitch'));
    expect(pitch / 20).toBeGreaterThanOrEqual(28);
    expect(pitch / 20).toBeLessThanOrEqual(29.5);
    // 22 lines fit the 225 mm block.
    expect(22 * pitch).toBeLessThanOrEqual(16838 - 2098 - 1984);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="578" w:lineRule="exact"/);
    // Page numbers on the outer side: odd pages right, even pages left.
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    expect(xml).toMatch(/<w:footerReference w:type="default"/);
    expect(xml).toMatch(/<w:footerReference w:type="even"/);
  });

  it('uses the official fonts and sizes, with fallbacks in the font table', async () => {
    const buf = await renderOfficialDocument(bulletin);
    const parts = await readPackageParts(buf, ['word/document.xml', 'word/fontTable.xml', 'word/footer1.xml', 'word/footer2.xml']);
    const xml = parts['word/document.xml']!;
    // Title: 2号 (22 pt = 44 half-points) 方正小标宋简体.
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
    // Body: 3号 (16 pt) 仿宋_GB2312 with Times New Roman for digits.
    expect(xml).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"\/><w:sz w:val="32"\/>/);
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    // Tables in 4号 (14 pt).
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="28"\/>/);
    expect(parts['word/fontTable.xml']).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(parts['word/fontTable.xml']).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    const footers = `${parts['word/footer1.xml']}${parts['word/footer2.xml']}`;
    expect(footers).toContain('— ');
    expect(footers).toContain('PAGE');
    expect(footers).toMatch(/<w:jc w:val="right"\/>/);
    expect(footers).toMatch(/<w:jc w:val="left"\/>/);

    const common = await readPackageParts(await renderOfficialDocument(bulletin, { fonts: 'common' }), ['word/document.xml']);
    expect(common['word/document.xml']).toContain('w:eastAsia="仿宋"');
    expect(common['word/document.xml']).not.toContain('仿宋_GB2312');
  });

  it('numbers headings in order and writes the date, 抄送 and 印发 lines', async () => {
    const text = wordText((await readPackageParts(await renderOfficialDocument(bulletin), ['word/document.xml']))['word/document.xml']!);
    const headings = text.split('\n').filter((l) => /^(一|二|三|（[一二三]）|\d\.)/.test(l));
    expect(headings).toEqual(['一、总体情况', '（一）开工情况', '1.新开工项目', '（二）投资完成情况', '二、存在问题']);
    expect(text).toContain('附件：重大项目进展情况表');
    expect(text).toContain('2026年11月27日');
    expect(text).toContain('抄送：县委办，县政府办。');
    expect(text).toContain('2026年11月27日印发');
    expect(text.indexOf('关于全县重大项目推进情况的通报')).toBeLessThan(text.indexOf('一、总体情况'));
  });

  it('lets an office change the layout', async () => {
    const xml = (await readPackageParts(await renderOfficialDocument(bulletin, { layout: { bottomMm: 27, lineSpacingPt: 30 } }), ['word/document.xml']))['word/document.xml']!;
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1531');
    expect(attr(xml, 'w:docGrid', 'w:linePitch')).toBe('600');
  });

  it('builds 督办单 and 催办单 from an action item', async () => {
    const data: ActionSlipData = {
      kind: 'supervision',
      year: 2026,
      seq: 12,
      source: '会议督办 · 经济区重大项目情况汇报会（2026-05-12）',
      projectName: '港口物流园项目',
      content: '6月下旬开工',
      detail: null,
      ownerUnit: '经济区规划建设局',
      ownerPerson: null,
      leader: '李书记',
      deadline: '2026-06-30',
      status: '办理中',
      feedback: null,
      office: 'XX县重大项目推进办公室',
      date: '2026-05-13',
      overdueDays: 0,
    };
    const doc = actionSlipDocument(data);
    expect(doc.docNumber).toBe('督办〔2026〕12号');
    expect(actionSlipFileName(data)).toBe('督办单-督办〔2026〕12号.docx');
    const text = wordText((await readPackageParts(await renderOfficialDocument(doc), ['word/document.xml']))['word/document.xml']!);
    // The shared layout check every generated 公文 passes (test/helpers/docx-layout.ts).
    await expectOfficialLayout(await renderOfficialDocument(doc), { title: '督 办 单', headings: [] });
    await expectOfficialLayout(await renderOfficialDocument(bulletin), { title: bulletin.title, headings: ['一、总体情况', '（一）开工情况', '1.新开工项目', '（二）投资完成情况', '二、存在问题'] });
    for (const s of ['督 办 单', '督办〔2026〕12号', '港口物流园项目', '6月下旬开工', '经济区规划建设局', '李书记', '2026年6月30日', '办理中', '2026年5月13日']) expect(text).toContain(s);
    const late = actionSlipDocument({ ...data, kind: 'reminder', overdueDays: 6, date: '2026-07-06' });
    expect(late.title).toBe('催 办 单');
    expect(late.docNumber).toBe('催办〔2026〕12号');
    expect(JSON.stringify(late.body)).toContain('已超过完成时限6天');
  });
});
