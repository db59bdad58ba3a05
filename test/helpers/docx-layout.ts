import { expect } from 'vitest';
import { readPackageParts } from '../../src/documents/docx-parts.js';

/**
 * The shared check every generated 公文 passes (GB/T 9704-2012, docs/documents.md), read from
 * the document XML: A4, margins top 37 mm / left 28 mm, the title in 2号 方正小标宋简体, the body
 * in 3号 仿宋_GB2312 at an exact line spacing, headings 一、黑体 / （一）楷体 / 1. 仿宋 bold in a
 * sane order, and page-number footers (odd right, even left). Returns the paragraphs and the
 * headings so each document's test can check its own text and heading order.
 */
export interface DocxParagraph {
  text: string;
  /** East-Asian font and size (half-points) of the paragraph's first run. */
  font: string | null;
  size: number | null;
  bold: boolean;
  exactLine: number | null;
}

export interface DocxHeading {
  level: 1 | 2 | 3;
  text: string;
}

const attr = (xml: string, tag: string, name: string) => new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

/** Paragraphs of document.xml (table cells included), each with its first run's font. */
export function paragraphsOf(xml: string): DocxParagraph[] {
  const body = xml.slice(xml.indexOf('<w:body>'));
  return body
    .split('</w:p>')
    .map((p) => {
      const text = unescape([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
      const own = p.slice(Math.max(p.lastIndexOf('<w:p>'), p.lastIndexOf('<w:p '), 0));
      const run = /<w:r>([\s\S]*?)<\/w:r>/.exec(own)?.[1] ?? '';
      const line = /<w:spacing [^>]*w:line="(\d+)" w:lineRule="exact"/.exec(own);
      return {
        text,
        font: /w:eastAsia="([^"]*)"/.exec(run)?.[1] ?? null,
        size: Number(/<w:sz w:val="(\d+)"/.exec(run)?.[1]) || null,
        bold: /<w:b\/>|<w:b w:val="(true|1)"\/>/.test(run),
        exactLine: line ? Number(line[1]) : null,
      };
    })
    .filter((p) => p.text.length > 0);
}

/** Headings by their 公文 numbers: 一、 (level 1), （一） (level 2), bold “1.” (level 3). */
export function headingsOf(paragraphs: DocxParagraph[]): (DocxHeading & DocxParagraph)[] {
  const out: (DocxHeading & DocxParagraph)[] = [];
  for (const p of paragraphs) {
    if (/^[一二三四五六七八九十]+、/.test(p.text)) out.push({ ...p, level: 1 });
    else if (/^（[一二三四五六七八九十]+）/.test(p.text)) out.push({ ...p, level: 2 });
    else if (/^\d+\./.test(p.text) && p.bold) out.push({ ...p, level: 3 });
  }
  return out;
}

export interface LayoutExpectations {
  title: string;
  /** Heading texts in order, as printed (with their numbers), when the test wants them checked. */
  headings?: string[];
}

export async function expectOfficialLayout(docx: Buffer, want: LayoutExpectations) {
  expect(docx.subarray(0, 2).toString()).toBe('PK');
  const parts = await readPackageParts(docx, ['word/document.xml', 'word/settings.xml', 'word/footer1.xml', 'word/footer2.xml']);
  const xml = parts['word/document.xml']!;
  // A4 and the 天头 / 订口: 37 mm = 2098 twip, 28 mm = 1587 twip.
  expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906');
  expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838');
  expect(attr(xml, 'w:pgMar', 'w:top')).toBe('2098');
  expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1587');

  const paras = paragraphsOf(xml);
  const title = paras.find((p) => p.text === want.title);
  expect(title, `title “${want.title}”`).toBeDefined();
  expect(title).toMatchObject({ font: '方正小标宋简体', size: 44, bold: false });

  // Body paragraphs: 3号 (32 half-points) 仿宋_GB2312 at the fixed 28.9 pt (578 twip) spacing.
  const body = paras.filter((p) => p.font === '仿宋_GB2312' && p.size === 32 && !p.bold);
  expect(body.length).toBeGreaterThan(0);
  for (const p of body) expect(p.exactLine, p.text.slice(0, 20)).toBe(578);

  const headings = headingsOf(paras);
  let previous = 0;
  for (const h of headings) {
    expect(h.font, h.text).toBe(h.level === 1 ? '黑体' : h.level === 2 ? '楷体_GB2312' : '仿宋_GB2312');
    if (h.level === 3) expect(h.bold, h.text).toBe(true);
    expect(h.size, h.text).toBe(32);
    // A heading never skips a level downwards (一、 → 1. without （一） is wrong).
    expect(h.level, `${h.text} after level ${previous}`).toBeLessThanOrEqual(previous + 1);
    previous = h.level;
  }
  if (want.headings) expect(headings.map((h) => h.text)).toEqual(want.headings);

  // Page numbers “— 1 —”: odd pages right, even pages left (different odd/even footers).
  expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
  const footers = `${parts['word/footer1.xml'] ?? ''}${parts['word/footer2.xml'] ?? ''}`;
  expect(footers).toContain('PAGE');
  expect(footers).toMatch(/<w:jc w:val="right"\/>/);
  expect(footers).toMatch(/<w:jc w:val="left"\/>/);
  return { paragraphs: paras, headings, text: paras.map((p) => p.text).join('\n') };
}
