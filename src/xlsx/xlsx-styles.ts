import { xmlAttr } from './xlsx-text.js';

/**
 * The cell formats (xl/styles.xml) of a workbook we write. Exceljs rendered and hashed a style
 * model for every cell (most of the ledger export's time); here each distinct combination of
 * font, fill, alignment, border and number format becomes one `<xf>` the first time it is used,
 * and cells just carry its index. A ledger uses about a dozen.
 */
export interface CellFormat {
  bold: boolean;
  fontSize: number | null;
  /** ARGB, e.g. 'FFF2F2F2'. */
  fill: string | null;
  align: 'left' | 'center' | 'right' | null;
  wrap: boolean;
  numFmt: string | null;
  border: boolean;
}

export const PLAIN: CellFormat = { bold: false, fontSize: null, fill: null, align: null, wrap: false, numFmt: null, border: false };

/** Custom number formats are numbered from 164; lower ids are Excel's built-in ones. */
const FIRST_CUSTOM_NUMFMT = 164;
const DEFAULT_FONT_SIZE = 11;
const ARGB = /^[0-9A-Fa-f]{8}$/;

export class StyleRegistry {
  private readonly fonts = new Index(['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>']);
  /** Fill 1 (gray125) is reserved by Excel; solid fills start at 2. */
  private readonly fills = new Index(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Index(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Index(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);

  /** The cellXfs index of a format (0 is the default, unstyled cell). */
  id(f: CellFormat): number {
    const fontId = f.bold || f.fontSize !== null ? this.fonts.of(`<font>${f.bold ? '<b/>' : ''}<sz val="${f.fontSize ?? DEFAULT_FONT_SIZE}"/><name val="Calibri"/><family val="2"/></font>`) : 0;
    let fillId = 0;
    if (f.fill !== null) {
      if (!ARGB.test(f.fill)) throw new Error(`fill colour must be ARGB hex, got ${f.fill}`);
      fillId = this.fills.of(`<fill><patternFill patternType="solid"><fgColor rgb="${f.fill.toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`);
    }
    const borderId = f.border ? this.borders.of('<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>') : 0;
    let numFmtId = 0;
    if (f.numFmt !== null) {
      numFmtId = this.numFmts.get(f.numFmt) ?? FIRST_CUSTOM_NUMFMT + this.numFmts.size;
      this.numFmts.set(f.numFmt, numFmtId);
    }
    const aligned = f.align !== null || f.wrap;
    const attrs =
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (fontId ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (aligned ? ' applyAlignment="1"' : '');
    // Same alignment as the exceljs adapter wrote: horizontal (default left), vertically centred.
    const alignment = aligned ? `<alignment horizontal="${f.align ?? 'left'}" vertical="center"${f.wrap ? ' wrapText="1"' : ''}/>` : '';
    return this.xfs.of(alignment ? `<xf ${attrs}>${alignment}</xf>` : `<xf ${attrs}/>`);
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      this.fonts.xml('fonts') +
      this.fills.xml('fills') +
      this.borders.xml('borders') +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      this.xfs.xml('cellXfs') +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** XML fragments numbered in order of first use. */
class Index {
  private readonly ids = new Map<string, number>();
  constructor(private readonly items: string[]) {
    items.forEach((x, i) => this.ids.set(x, i));
  }
  of(xml: string): number {
    let id = this.ids.get(xml);
    if (id === undefined) {
      id = this.items.push(xml) - 1;
      this.ids.set(xml, id);
    }
    return id;
  }
  xml(tag: string): string {
    return `<${tag} count="${this.items.length}">${this.items.join('')}</${tag}>`;
  }
}
