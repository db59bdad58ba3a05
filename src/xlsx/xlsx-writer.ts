import type { Writable } from 'node:stream';
import { StyleRegistry, type CellFormat } from './xlsx-styles.js';
import { xmlAttr, xmlTextBytes } from './xlsx-text.js';
import { ZipWriter } from './zip-writer.js';

/**
 * Our one way to write .xlsx: a small streaming SpreadsheetML writer of our own, so a 100k-row
 * export stays in a few megabytes of memory. Rows are rendered to worksheet XML as they are added
 * and deflated on the fly (zip-writer.ts); strings are inline (no shared-strings table to hold);
 * cell formats are numbered once per distinct style (xlsx-styles.ts).
 *
 * Why not exceljs' WorkbookWriter (used until the ledger had to export 50,000 projects): it
 * builds and hashes a style model for every cell and renders through a generic XML builder; at
 * 50,000 rows × 29 columns that alone was ~2,500 rows/s, and even unstyled exceljs stays under
 * 20,000 rows/s, the ledger's target. Tests still open what we write with exceljs, as an
 * independent reader.
 */
export type CellValue = string | number | null;

export interface RowStyle {
  bold?: boolean;
  /** Background colour, e.g. 'FFF2F2F2'. */
  fill?: string;
  align?: 'left' | 'center' | 'right';
  fontSize?: number;
  /** Number format for numeric cells, e.g. '#,##0.00'. */
  numFmt?: string;
  wrap?: boolean;
  border?: boolean;
}

/** A block of rows written together; merges are 1-based [row offset in block, col, row, col]. */
export interface RowBlock {
  rows: CellValue[][];
  style?: RowStyle;
  merges?: [number, number, number, number][];
  height?: number;
}

export interface SheetWriter {
  /** Writes rows; merged ranges must lie inside the block. */
  add(block: RowBlock): void;
  /**
   * Resolves once the compressor has room again. add() never waits; a long export awaits this
   * now and then (per page) so that a slow reader throttles it instead of rows piling up.
   */
  drain(): Promise<void>;
}

export interface SheetOptions {
  columns: { width: number; hidden?: boolean; numFmt?: string }[];
  /** Rows frozen at the top (e.g. title + header). */
  frozenRows?: number;
  /** Columns frozen at the left (e.g. 序号 + 项目名称). */
  frozenColumns?: number;
  /** Print setup: paper, landscape, fit all columns on one page width, rows repeated on every page. */
  print?: PrintSetup;
}

export interface PrintSetup {
  paper: 'A3' | 'A4';
  landscape?: boolean;
  /** 1-based first and last row printed at the top of every page (the header rows). */
  repeatRows?: [number, number];
}

/** One worksheet of a workbook written by writeXlsxWorkbook, filled in order. */
export interface SheetSpec {
  name: string;
  options: SheetOptions;
  fill: (sheet: SheetWriter) => Promise<void>;
}

/**
 * Rendered XML is turned into bytes every CHUNK_CHARS characters (a short-lived string is cheap
 * to collect; a long one built of many pieces outlives a garbage collection and costs more), and
 * the bytes go to the compressor at each drain() — a page of ledger rows is one compression job
 * (zip-writer.ts) — or once MAX_PENDING_BYTES have gathered for writers that never call drain().
 */
const CHUNK_CHARS = 64 * 1024;
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/**
 * zlib level 2: on the 61 MB worksheet of a 50,000-row ledger it deflates as fast as level 1
 * (~0.2 s, zlib's fast strategy) into 8.2 MB; the default 6 takes ~5× as long for 6.9 MB.
 */
const DEFLATE_LEVEL = 2;

export async function writeXlsxSheet(out: Writable, sheetName: string, options: SheetOptions, fill: (sheet: SheetWriter) => Promise<void>): Promise<void> {
  await writeXlsxWorkbook(out, [{ name: sheetName, options, fill }]);
}

/**
 * Several worksheets, written one after the other (each still streams its rows); the sheet
 * list is known up front because the workbook part names every sheet before any is written.
 */
export async function writeXlsxWorkbook(out: Writable, sheets: SheetSpec[]): Promise<void> {
  if (sheets.length === 0) throw new Error('a workbook needs a worksheet');
  for (const s of sheets) checkSheetName(s.name);
  if (new Set(sheets.map((s) => s.name)).size !== sheets.length) throw new Error('duplicate worksheet name');
  const zip = new ZipWriter(out, DEFLATE_LEVEL);
  const styles = new StyleRegistry();
  try {
    await zip.file('[Content_Types].xml', contentTypes(sheets.length));
    await zip.file('_rels/.rels', ROOT_RELS);
    await zip.file('xl/workbook.xml', workbookXml(sheets));
    await zip.file('xl/_rels/workbook.xml.rels', workbookRels(sheets.length));
    for (const [i, spec] of sheets.entries()) {
      zip.begin(`xl/worksheets/sheet${i + 1}.xml`);
      const sheet = new WorksheetXml(zip, styles, spec.options);
      await spec.fill(sheet);
      sheet.close();
      await zip.end();
    }
    // Styles last: a format gets its number when a row first uses it.
    await zip.file('xl/styles.xml', styles.xml());
    await zip.finish();
  } catch (e) {
    zip.abort();
    throw e;
  }
}

/**
 * A row style as the attribute text that closes a cell's reference: '"' or '" s="3"' for text
 * (and empty) cells, and per column for number cells (a column may carry a number format).
 */
interface RowFormats {
  text: string;
  /** Whether text cells carry a format, so empty cells must be written too. */
  styled: boolean;
  numbers: string[];
  /** Number cells right of the declared columns. */
  otherNumbers: string;
}

class WorksheetXml implements SheetWriter {
  private rowNumber = 0;
  private buffer: string;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly merges: string[] = [];
  private readonly formats = new Map<string, RowFormats>();

  constructor(
    private readonly zip: ZipWriter,
    private readonly styles: StyleRegistry,
    private readonly options: SheetOptions,
  ) {
    this.buffer = worksheetHead(options);
  }

  add(block: RowBlock): void {
    const first = this.rowNumber + 1;
    const f = this.formatsOf(block.style);
    const rowOpen = block.height ? `" ht="${block.height}" customHeight="1">` : '">';
    for (const values of block.rows) {
      // Pieces that do not change within a row are built once (the row number as text included):
      // this loop runs for every cell of a 50,000-row ledger.
      const r = String(++this.rowNumber);
      let xml = '<row r="' + r + rowOpen;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (typeof v === 'number' && Number.isFinite(v)) {
          xml += '<c r="' + column(c) + r + (c < f.numbers.length ? f.numbers[c]! : f.otherNumbers) + '><v>' + v + '</v></c>';
        } else if (typeof v === 'string' && v !== '') {
          // Leading or trailing spaces are kept only when the text says so.
          const t = v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32 ? '<t xml:space="preserve">' : '<t>';
          xml += '<c r="' + column(c) + r + f.text + ' t="inlineStr"><is>' + t + xmlTextBytes(v) + '</t></is></c>';
        } else if (f.styled) {
          // An empty cell still carries the row's style, so borders and fills run unbroken.
          xml += '<c r="' + column(c) + r + f.text + '/>';
        }
      }
      this.buffer += xml + '</row>';
      if (this.buffer.length >= CHUNK_CHARS) this.flush();
    }
    for (const [r1, c1, r2, c2] of block.merges ?? []) {
      this.merges.push(`<mergeCell ref="${column(c1 - 1)}${first + r1 - 1}:${column(c2 - 1)}${first + r2 - 1}"/>`);
    }
  }

  drain(): Promise<void> {
    this.flush();
    this.hand();
    return this.zip.drain();
  }

  /** Writes the rest of the worksheet (merges come after the rows in SpreadsheetML). */
  close(): void {
    this.buffer += '</sheetData>';
    if (this.merges.length) this.buffer += `<mergeCells count="${this.merges.length}">${this.merges.join('')}</mergeCells>`;
    const print = this.options.print;
    // Narrower margins when printing: an office table is wide (A3/A4 landscape, fit to width).
    this.buffer += print
      ? `<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="${print.paper === 'A3' ? 8 : 9}" orientation="${print.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>${PAGE_FOOTER}</oddFooter></headerFooter></worksheet>`
      : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.flush();
    this.hand();
  }

  /** The buffer is a byte string (xlsx-text.ts): latin1 copies it to bytes unchanged. */
  private flush(): void {
    if (this.buffer === '') return;
    const bytes = Buffer.from(this.buffer, 'latin1');
    this.buffer = '';
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= MAX_PENDING_BYTES) this.hand();
  }

  /** Hands the gathered bytes to the compressor as one chunk. */
  private hand(): void {
    if (this.pendingBytes === 0) return;
    this.zip.write(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private formatsOf(style: RowStyle | undefined): RowFormats {
    const key = style ? `${style.bold ? 1 : 0}|${style.fontSize ?? ''}|${style.fill ?? ''}|${style.align ?? ''}|${style.wrap ? 1 : 0}|${style.numFmt ?? ''}|${style.border ? 1 : 0}` : '';
    let f = this.formats.get(key);
    if (!f) {
      const base: CellFormat = {
        bold: style?.bold ?? false,
        fontSize: style?.fontSize ?? null,
        fill: style?.fill ?? null,
        align: style?.align ?? null,
        wrap: style?.wrap ?? false,
        numFmt: null,
        border: style?.border ?? false,
      };
      // As before: a row's number format wins over its column's, and applies to numbers only.
      const attr = (id: number) => (id ? `" s="${id}"` : '"');
      const numberFormat = (numFmt: string | undefined) => attr(this.styles.id({ ...base, numFmt: style?.numFmt ?? numFmt ?? null }));
      const text = this.styles.id(base);
      f = { text: attr(text), styled: text !== 0, numbers: this.options.columns.map((c) => numberFormat(c.numFmt)), otherNumbers: numberFormat(undefined) };
      this.formats.set(key, f);
    }
    return f;
  }
}

/** 第 n 页，共 m 页, centred (the worksheet buffer holds UTF-8 bytes, see xlsx-text.ts). */
const PAGE_FOOTER = xmlTextBytes('&C第 &P 页，共 &N 页');

const COLUMN_NAMES: string[] = [];

/** 0-based column index → its letters (0 → A, 26 → AA). */
export function column(index: number): string {
  let name = COLUMN_NAMES[index];
  if (name === undefined) {
    name = '';
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    COLUMN_NAMES[index] = name;
  }
  return name;
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new Error(`invalid worksheet name: ${name}`);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const sheetNumbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function contentTypes(sheets: number): string {
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheetNumbers(sheets).map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>'
  );
}

const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

/** Sheet n is rId n; styles come after the sheets. */
function workbookRels(sheets: number): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    sheetNumbers(sheets).map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

/** Rows repeated on every printed page are the workbook-level name _xlnm.Print_Titles of their sheet. */
function workbookXml(sheets: SheetSpec[]): string {
  const list = sheets.map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const titles = sheets.flatMap((s, i) => {
    const rows = s.options.print?.repeatRows;
    return rows ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlAttr(`'${s.name.replace(/'/g, "''")}'!$${rows[0]}:$${rows[1]}`)}</definedName>`] : [];
  });
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets>${titles.length ? `<definedNames>${titles.join('')}</definedNames>` : ''}</workbook>`;
}

function worksheetHead(options: SheetOptions): string {
  const frozen = options.frozenRows ?? 0;
  const frozenCols = options.frozenColumns ?? 0;
  let view = '<sheetView workbookViewId="0"/>';
  if (frozen > 0 && frozenCols > 0) {
    const cell = `${column(frozenCols)}${frozen + 1}`;
    view = `<sheetView workbookViewId="0"><pane xSplit="${frozenCols}" ySplit="${frozen}" topLeftCell="${cell}" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="${cell}" sqref="${cell}"/></sheetView>`;
  } else if (frozen > 0) {
    view = `<sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView>`;
  }
  const cols = options.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}/>`).join('');
  // fitToPage lives in sheetPr, which must come first in the worksheet.
  const sheetPr = options.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${sheetPr}<sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
}

/** A plain table: one bold header row, then data rows keyed by column. */
export interface XlsxColumn {
  header: string;
  key: string;
  width?: number;
}

export async function writeXlsx(
  out: Writable,
  sheetName: string,
  columns: XlsxColumn[],
  fill: (sheet: { addRow(values: Record<string, string | number | null>): void }) => Promise<void>,
): Promise<void> {
  await writeXlsxSheet(out, sheetName, { columns: columns.map((c) => ({ width: c.width ?? 16 })), frozenRows: 1 }, async (sheet) => {
    sheet.add({ rows: [columns.map((c) => c.header)], style: { bold: true } });
    await fill({ addRow: (values) => sheet.add({ rows: [columns.map((c) => values[c.key] ?? null)] }) });
  });
}
