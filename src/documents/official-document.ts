import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import {
  FONT_CHAINS,
  ZIHAO_PT,
  chineseDate,
  fallbackFor,
  fontFor,
  mmToTwip,
  numberHeadings,
  ptToHalfPoints,
  ptToTwip,
  type FontProfile,
  type FontRole,
} from './typography.js';
import { readPackageParts } from './docx-parts.js';
import { RAW_TABLE_MIN_ROWS, rawTableMarker, rawTableXml, spliceRawTables } from './raw-table.js';

/**
 * Page set-up of a 公文 (GB/T 9704-2012 §5): A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm text
 * block of 22 lines × 28 characters in 3号 仿宋. Every figure can be overridden per document
 * (some offices print at 30 pt, or with a 27 mm bottom margin).
 */
export interface PageLayout {
  topMm: number;
  bottomMm: number;
  leftMm: number;
  rightMm: number;
  /** Fixed (exact) line spacing of the body, in points; 22 lines fill 225 mm at ≈ 28.9 pt. */
  lineSpacingPt: number;
  charsPerLine: number;
  bodyPt: number;
  titlePt: number;
  tablePt: number;
  pageNumberPt: number;
  /** Distance from the page's bottom edge to the page-number line: the number sits ≈ 7 mm below the block. */
  footerMm: number;
}

export const GBT9704_LAYOUT: PageLayout = {
  topMm: 37,
  bottomMm: 35,
  leftMm: 28,
  rightMm: 26,
  lineSpacingPt: 28.9,
  charsPerLine: 28,
  bodyPt: ZIHAO_PT.三号,
  titlePt: ZIHAO_PT.二号,
  tablePt: ZIHAO_PT.四号,
  pageNumberPt: ZIHAO_PT.四号,
  footerMm: 23,
};

/** A4 in twips. */
export const A4 = { width: 11906, height: 16838 } as const;

/** A block of the document body. Headings are numbered automatically (一、（一）1.（1）). */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; /** no 2-character first-line indent */ flush?: boolean }
  | { kind: 'table'; columns: string[]; rows: string[][]; /** relative widths */ widths?: number[]; /** font size, e.g. 五号 for a wide annex table */ pt?: number }
  /** A form: label | value rows, as on 督办单 and 催办单. */
  | { kind: 'fields'; rows: [string, string][] };

/** Everything a 公文 may carry, as plain data. Builders in this folder turn records into one. */
export interface OfficialDocument {
  /** 发文机关标志, printed in red above the red line (optional: slips and internal papers often lack it). */
  issuerMark?: string;
  /** 发文字号, e.g. 督办〔2026〕12号 — centred below the mark, or right-aligned above the title without one. */
  docNumber?: string;
  title: string;
  /** 主送机关, e.g. "各责任单位：". */
  recipient?: string;
  body: Block[];
  /** 附件说明: names of the attachments, numbered when more than one. */
  attachments?: string[];
  /** 发文机关署名 and 成文日期 (YYYY-MM-DD). */
  signature?: { issuer: string; date: string };
  /** 附件 printed with the document: each on a new page after the signature, before the 版记 (§7.3.5). */
  annexes?: { title: string; body: Block[] }[];
  /** 附注, e.g. （联系人：张三，电话：…） */
  note?: string;
  /** 抄送机关. */
  copyTo?: string[];
  /** 印发机关和印发日期 (YYYY-MM-DD). */
  printed?: { office: string; date: string };
}

export interface BuildOptions {
  layout?: Partial<PageLayout>;
  fonts?: FontProfile;
}

interface Ctx {
  l: PageLayout;
  font: (role: FontRole) => string;
  /** One 3号 character, the unit of 公文 indents. */
  char: number;
  line: number;
  /** Long tables written as text (raw-table.ts), in order of their marker paragraphs. */
  raw?: string[];
}

function run(ctx: Ctx, text: string, role: FontRole, pt: number, extra: { bold?: boolean; color?: string } = {}) {
  const east = ctx.font(role);
  const latin = FONT_CHAINS.latin[0];
  return new TextRun({ text, size: ptToHalfPoints(pt), font: { eastAsia: east, ascii: latin, hAnsi: latin, cs: latin }, ...extra });
}

function para(ctx: Ctx, children: TextRun[], opts: Omit<IParagraphOptions, 'children'> = {}) {
  return new Paragraph({ spacing: { line: ctx.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, ...opts, children });
}

const HEADING_FONT: Record<1 | 2 | 3 | 4, FontRole> = { 1: 'heading1', 2: 'heading2', 3: 'body', 4: 'body' };

function table(ctx: Ctx, header: string[] | null, rows: string[][], widths: number[], labelColumn = false, pt = ctx.l.tablePt): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const textWidth = A4.width - mmToTwip(ctx.l.leftMm) - mmToTwip(ctx.l.rightMm);
  const line = ptToTwip(pt * 1.5);
  const cell = (text: string, i: number, bold: boolean, center: boolean) =>
    new TableCell({
      width: { size: Math.round((textWidth * widths[i]!) / total), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 100, right: 100, top: 60, bottom: 60 },
      children: String(text)
        .split('\n')
        .map((t) =>
          new Paragraph({
            alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            children: [run(ctx, t, bold ? 'heading1' : 'body', pt)],
          }),
        ),
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((textWidth * w) / total)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true, true)) })] : []),
      // A form's label column reads in 黑体, centred; a table's first (序号) column is centred.
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, labelColumn && i === 0, (labelColumn || (!!header && r.length > 2)) && i === 0)) })),
    ],
  });
}

function bodyBlocks(ctx: Ctx, blocks: Block[]): (Paragraph | Table)[] {
  const labels = numberHeadings(blocks.flatMap((b) => (b.kind === 'heading' ? [b.level] : [])));
  let h = 0;
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const label = labels[h++]!;
      out.push(para(ctx, [run(ctx, `${label}${b.text}`, HEADING_FONT[b.level], ctx.l.bodyPt, { bold: b.level === 3 })], { indent: { firstLine: 2 * ctx.char }, keepNext: true }));
    } else if (b.kind === 'paragraph') {
      out.push(para(ctx, [run(ctx, b.text, 'body', ctx.l.bodyPt)], b.flush ? {} : { indent: { firstLine: 2 * ctx.char } }));
    } else if (b.kind === 'table' && ctx.raw && b.rows.length >= RAW_TABLE_MIN_ROWS) {
      const widths = b.widths ?? b.columns.map(() => 1);
      const sum = widths.reduce((x, y) => x + y, 0);
      const textWidth = A4.width - mmToTwip(ctx.l.leftMm) - mmToTwip(ctx.l.rightMm);
      const pt = b.pt ?? ctx.l.tablePt;
      out.push(para(ctx, [new TextRun(rawTableMarker(ctx.raw.length))]));
      ctx.raw.push(rawTableXml({ columns: b.columns, rows: b.rows, widths: widths.map((w) => Math.round((textWidth * w) / sum)), line: ptToTwip(pt * 1.5), halfPoints: ptToHalfPoints(pt), bodyFont: ctx.font('body'), headerFont: ctx.font('heading1'), latinFont: FONT_CHAINS.latin[0] }));
    } else if (b.kind === 'table') {
      out.push(table(ctx, b.columns, b.rows, b.widths ?? b.columns.map(() => 1), false, b.pt));
    } else {
      out.push(table(ctx, null, b.rows.map(([k, v]) => [k, v]), [1, 3], true));
    }
  }
  return out;
}

/** "— 1 —" in 4号 half-width digits, 1 character in from the outer edge: right on odd pages, left on even. */
function pageNumberFooter(ctx: Ctx, side: 'odd' | 'even') {
  const pt = ctx.l.pageNumberPt;
  const font = ctx.font('pageNumber');
  const r = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, size: ptToHalfPoints(pt), font: { eastAsia: font, ascii: font, hAnsi: font } });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: ptToTwip(pt) } : { left: ptToTwip(pt) },
        children: [r(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

/** The 版记: 抄送 and 印发 lines between full-width rules, 4号 仿宋, 1 character in. */
function recordBlock(ctx: Ctx, d: OfficialDocument): Paragraph[] {
  const pt = ZIHAO_PT.四号;
  const rule = (w: number) => ({ style: BorderStyle.SINGLE, size: w, color: '000000', space: 1 });
  const textWidth = A4.width - mmToTwip(ctx.l.leftMm) - mmToTwip(ctx.l.rightMm);
  const out: Paragraph[] = [];
  if (d.copyTo?.length) {
    out.push(
      para(ctx, [run(ctx, `抄送：${d.copyTo.join('，')}。`, 'body', pt)], {
        indent: { left: ptToTwip(pt), right: ptToTwip(pt), hanging: 0 },
        border: { top: rule(8), bottom: rule(4) },
      }),
    );
  }
  if (d.printed) {
    out.push(
      para(ctx, [run(ctx, d.printed.office, 'body', pt), run(ctx, `\t${chineseDate(d.printed.date)}印发`, 'body', pt)], {
        indent: { left: ptToTwip(pt), right: ptToTwip(pt) },
        tabStops: [{ type: TabStopType.RIGHT, position: textWidth - 2 * ptToTwip(pt) }],
        border: { ...(d.copyTo?.length ? {} : { top: rule(8) }), bottom: rule(8) },
      }),
    );
  }
  return out;
}

/** Lays out an OfficialDocument as a docx `Document` (pure: no I/O). */
export function buildOfficialDocument(d: OfficialDocument, opts: BuildOptions = {}, raw?: string[]): Document {
  const l: PageLayout = { ...GBT9704_LAYOUT, ...opts.layout };
  const profile = opts.fonts ?? 'official';
  const ctx: Ctx = { l, font: (role) => fontFor(role, profile), char: ptToTwip(l.bodyPt), line: ptToTwip(l.lineSpacingPt), ...(raw ? { raw } : {}) };
  const blank = () => para(ctx, [run(ctx, '', 'body', l.bodyPt)]);
  const children: (Paragraph | Table)[] = [];

  if (d.issuerMark) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: ptToTwip(l.titlePt * 1.6), lineRule: LineRuleType.EXACT },
        children: [run(ctx, d.issuerMark, 'title', ZIHAO_PT.小初, { color: 'FF0000' })],
      }),
    );
    children.push(blank());
  }
  if (d.docNumber) {
    children.push(
      para(ctx, [run(ctx, d.docNumber, 'body', l.bodyPt)], {
        alignment: d.issuerMark ? AlignmentType.CENTER : AlignmentType.RIGHT,
        ...(d.issuerMark ? { border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'FF0000', space: 8 } } } : {}),
      }),
    );
    children.push(blank());
  }
  // Title: 2号 小标宋, centred, not bold, on a roomier exact line so two-line titles breathe.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: ptToTwip(l.titlePt * 1.6), lineRule: LineRuleType.EXACT },
      children: [run(ctx, d.title, 'title', l.titlePt)],
    }),
  );
  children.push(blank());
  if (d.recipient) children.push(para(ctx, [run(ctx, d.recipient, 'body', l.bodyPt)]));
  children.push(...bodyBlocks(ctx, d.body));

  if (d.attachments?.length) {
    children.push(blank());
    const many = d.attachments.length > 1;
    d.attachments.forEach((a, i) => {
      const lead = i === 0 ? '附件：' : '　　　';
      children.push(para(ctx, [run(ctx, `${lead}${many ? `${i + 1}.` : ''}${a}`, 'body', l.bodyPt)], { indent: { firstLine: 2 * ctx.char } }));
    });
  }
  if (d.signature) {
    children.push(blank(), blank());
    // 署名 centred over the date; the date 4 characters in from the right (GB/T 9704-2012 §7.3.5.1).
    children.push(para(ctx, [run(ctx, d.signature.issuer, 'body', l.bodyPt)], { alignment: AlignmentType.RIGHT, indent: { right: 2 * ctx.char } }));
    children.push(para(ctx, [run(ctx, chineseDate(d.signature.date), 'body', l.bodyPt)], { alignment: AlignmentType.RIGHT, indent: { right: 4 * ctx.char } }));
  }
  if (d.note) children.push(para(ctx, [run(ctx, d.note, 'body', l.bodyPt)], { indent: { firstLine: 2 * ctx.char } }));
  // Each annex on its own page: "附件N" in 3号黑体 at the left edge, its title like the document's.
  (d.annexes ?? []).forEach((a, i) => {
    const many = (d.annexes ?? []).length > 1;
    children.push(para(ctx, [run(ctx, `附件${many ? i + 1 : ''}`, 'heading1', l.bodyPt)], { pageBreakBefore: true }));
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: ptToTwip(l.titlePt * 1.6), lineRule: LineRuleType.EXACT }, children: [run(ctx, a.title, 'title', l.titlePt)] }));
    children.push(blank(), ...bodyBlocks(ctx, a.body));
  });
  if (d.copyTo?.length || d.printed) children.push(blank(), ...recordBlock(ctx, d));

  const textWidthPt = (A4.width - mmToTwip(l.leftMm) - mmToTwip(l.rightMm)) / 20;
  return new Document({
    creator: 'luodi',
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { size: ptToHalfPoints(l.bodyPt), font: { eastAsia: ctx.font('body'), ascii: FONT_CHAINS.latin[0], hAnsi: FONT_CHAINS.latin[0] } },
          paragraph: { spacing: { line: ctx.line, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: mmToTwip(l.topMm), bottom: mmToTwip(l.bottomMm), left: mmToTwip(l.leftMm), right: mmToTwip(l.rightMm), header: mmToTwip(15), footer: mmToTwip(l.footerMm), gutter: 0 },
          },
          // 22 lines × 28 characters: the grid's pitch, so Word shows the block as the standard sets it.
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: ctx.line, charSpace: Math.round((textWidthPt / l.charsPerLine - l.bodyPt) * 4096) },
        },
        footers: { default: pageNumberFooter(ctx, 'odd'), even: pageNumberFooter(ctx, 'even') },
        children,
      },
    ],
  });
}

/**
 * The font table written into the package: every font the document may name, each with the
 * next font of its chain as `w:altName`, which Word and WPS substitute when it is missing.
 */
export function fontTableXml(): string {
  const names = [...new Set(Object.values(FONT_CHAINS).flat())];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const fonts = names
    .map((n) => {
      const alt = fallbackFor(n);
      const latin = /^[\x20-\x7e]+$/.test(n);
      return `<w:font w:name="${esc(n)}">${alt ? `<w:altName w:val="${esc(alt)}"/>` : ''}<w:charset w:val="${latin ? '00' : '86'}"/><w:family w:val="${latin ? 'roman' : 'modern'}"/><w:pitch w:val="${latin ? 'variable' : 'fixed'}"/></w:font>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${fonts}</w:fonts>`;
}

/** The .docx bytes of an OfficialDocument. */
export async function renderOfficialDocument(d: OfficialDocument, opts: BuildOptions = {}): Promise<Buffer> {
  const raw: string[] = [];
  const doc = buildOfficialDocument(d, opts, raw);
  const fonts = { path: 'word/fontTable.xml', data: fontTableXml() };
  const packed = await Packer.toBuffer(doc, false, [fonts]);
  if (raw.length === 0) return packed;
  // Long tables: pack once with marker paragraphs, then again with the tables spliced in.
  const xml = (await readPackageParts(packed, ['word/document.xml']))['word/document.xml']!;
  return Packer.toBuffer(doc, false, [fonts, { path: 'word/document.xml', data: spliceRawTables(xml, raw) }]);
}

