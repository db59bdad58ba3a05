import { CLOSE, MORE, OPEN, TEXT, XmlTokens } from './xml-tokens.js';

/**
 * The small parts of a workbook the sheet reader needs before it reads a worksheet: where the
 * workbook and its parts are (relationships), the sheet list and date system (workbook.xml),
 * which cell styles are dates (styles.xml) and the shared strings (sharedStrings.xml).
 */

/** Calls `each` for every token of a part whose bytes arrive in chunks. */
export async function eachToken(chunks: AsyncIterable<Buffer>, each: (x: XmlTokens, token: typeof OPEN | typeof CLOSE | typeof TEXT) => void): Promise<void> {
  const x = new XmlTokens();
  const drain = (): void => {
    for (let t = x.next(); t !== MORE; t = x.next()) each(x, t);
  };
  for await (const chunk of chunks) {
    x.push(chunk);
    drain();
  }
  x.finish();
  drain();
}

export interface Relationship {
  id: string;
  /** The last segment of the relationship type ("worksheet", "sharedStrings", "officeDocument" …). */
  type: string;
  /** Zip entry name the target resolves to. */
  path: string;
}

/** A .rels part; targets are resolved against `baseDir` (the folder of the part they belong to). */
export async function readRelationships(chunks: AsyncIterable<Buffer>, baseDir: string): Promise<Relationship[]> {
  const out: Relationship[] = [];
  await eachToken(chunks, (x, t) => {
    if (t !== OPEN || x.name !== 'Relationship' || x.attr('TargetMode') === 'External') return;
    const id = x.attr('Id');
    const target = x.attr('Target');
    if (id === undefined || target === undefined) return;
    out.push({ id, type: (x.attr('Type') ?? '').split('/').pop() ?? '', path: resolvePartPath(baseDir, target) });
  });
  return out;
}

/** "worksheets/sheet1.xml" from "xl/" → "xl/worksheets/sheet1.xml"; "/xl/…" is absolute; ".." climbs. */
export function resolvePartPath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export interface WorkbookSheet {
  name: string;
  state: string;
  relId: string | undefined;
}

export interface WorkbookInfo {
  sheets: WorkbookSheet[];
  /** Dates count from 1904 (old Mac workbooks). */
  date1904: boolean;
}

export async function readWorkbook(chunks: AsyncIterable<Buffer>): Promise<WorkbookInfo> {
  const info: WorkbookInfo = { sheets: [], date1904: false };
  await eachToken(chunks, (x, t) => {
    if (t !== OPEN) return;
    if (x.name === 'workbookPr') {
      const v = x.attr('date1904');
      info.date1904 = v === '1' || v === 'true';
    } else if (x.name === 'sheet') {
      info.sheets.push({ name: x.attr('name') ?? '', state: x.attr('state') ?? 'visible', relId: x.prefixedAttr('id') });
    }
  });
  return info;
}

/**
 * Built-in number formats that show a date or a time. Besides 14–22 and 45–47, which every
 * locale shares, Chinese Excel writes its own dates with ids 27–36 and 50–58 (yyyy"年"m"月" …)
 * without defining them in the file.
 */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when, outside quotes and [brackets], it has y, m, d, h, s (or b). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** styles.xml → for each cell style index (the `s` of a cell), whether its number format is a date. */
export async function readDateStyles(chunks: AsyncIterable<Buffer>): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await eachToken(chunks, (x, t) => {
    if (t === OPEN) {
      if (x.name === 'numFmt') custom.set(Number(x.attr('numFmtId')), x.attr('formatCode') ?? '');
      else if (x.name === 'cellXfs') inCellXfs = !x.selfClosing;
      else if (x.name === 'xf' && inCellXfs) xfFormats.push(Number(x.attr('numFmtId') ?? 0));
    } else if (t === CLOSE && x.name === 'cellXfs') inCellXfs = false;
  });
  return xfFormats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** Excel's escape for characters XML cannot hold ("_x000D_" for a carriage return). */
export function decodeXString(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/**
 * sharedStrings.xml → the strings by index; rich text runs joined, phonetic guides (<rPh>) left
 * out. Also used for the same structure inside a cell (<is>), see sheet-rows.ts.
 */
export async function readSharedStrings(chunks: AsyncIterable<Buffer>): Promise<string[]> {
  const out: string[] = [];
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  await eachToken(chunks, (x, t) => {
    if (t === TEXT) {
      if (inT && current !== null) current += x.text();
      return;
    }
    const name = x.name;
    if (t === OPEN) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inT = phonetic === 0 && !x.selfClosing;
      return;
    }
    if (name === 't') inT = false;
    else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
    else if (name === 'si' && current !== null) {
      out.push(decodeXString(current));
      current = null;
    }
  });
  return out;
}
