import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { loadExcelJS } from './exceljs-utf8-fix.js';

const ExcelJS = loadExcelJS();
import { AppError } from '../core/errors.js';
import type { CellValue, SheetRow } from '../core/ledger/ledger-text.js';

/**
 * Our one way to read .xlsx: exceljs' streaming reader, one worksheet, row by row, so a
 * 50 000-row ledger never sits in memory as a workbook. Cells come out normalised to
 * string | number | Date | boolean | null: rich text joined, formulas replaced by their cached
 * result, hyperlinks by their text, error values (#N/A, #DIV/0!) by null. Dates are exceljs
 * dates: UTC midnight of the day Excel shows (the 1904 date system is honoured); date cells
 * whose format exceljs does not know as a date (some Chinese built-in formats) arrive as serial
 * numbers, which the ledger parser also reads as dates.
 *
 * Merged cells: the streaming reader does not report merges, so a merged cell's value appears in
 * its first (top-left) cell only and the others are empty; the ledger header detection is built
 * for exactly that (it carries a group header rightwards over its sub-headers).
 */
export type { CellValue, SheetRow };

export interface ReadSheetOptions {
  /** Worksheet name, or 0-based position in the workbook. Default: the first visible worksheet. */
  sheet?: string | number;
  /** Fail (PAYLOAD_TOO_LARGE) after this many rows. Default 1 048 576 (Excel's own limit). */
  maxRows?: number;
  /** Cells kept per row, from column A; cells further right are dropped. Default 256. */
  maxColumns?: number;
  /** Limits for the zip checks that run first (see assertSafeXlsx); false skips them (the caller already checked). */
  safety?: Partial<XlsxLimits> | false;
}

interface SheetMeta {
  name?: string;
  state?: string;
}

interface ReaderModel {
  model?: { sheets?: SheetMeta[] };
}

/**
 * Rows of one worksheet, in order, with Excel's row numbers. Rows Excel has no record of are
 * skipped. A stream input is first read into memory (it is the compressed file, bounded by
 * maxBytes), so that every input gets the zip checks and is handed to exceljs with its parts
 * re-ordered: Excel and exceljs write sharedStrings.xml after the sheets, and exceljs' streaming
 * reader would then spool each sheet to a temp file first — slower, and left behind until the
 * process exits whenever reading stops early.
 */
export async function* readSheetRows(input: string | Buffer | Readable, opts: ReadSheetOptions = {}): AsyncGenerator<SheetRow> {
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? input : await readAll(input, (opts.safety && opts.safety.maxBytes) || DEFAULT_XLSX_LIMITS.maxBytes);
  if (opts.safety !== false) await assertSafeXlsx(source, opts.safety || {});
  const stream = await reorderedXlsx(source);
  const maxRows = opts.maxRows ?? 1_048_576;
  const maxColumns = opts.maxColumns ?? 256;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let found = false;
  let rows = 0;
  try {
    for await (const sheet of reader) {
      const meta = sheet as unknown as SheetMeta;
      if (!isTarget(meta, (reader as unknown as ReaderModel).model?.sheets, opts.sheet)) continue;
      found = true;
      for await (const row of sheet) {
        if (++rows > maxRows) {
          throw new AppError('PAYLOAD_TOO_LARGE', { reason: `工作表超过 ${maxRows} 行 / the worksheet has more than ${maxRows} rows`, maxRows });
        }
        yield { rowNumber: row.number, cells: rowCells(row.values, maxColumns) };
      }
      break;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION_FAILED', {
      field: 'file',
      reason: `无法读取该 Excel 文件，请确认是 .xlsx 格式 / the file could not be read as .xlsx (${e instanceof Error ? e.message : String(e)})`,
    });
  } finally {
    stream.destroy();
  }
  if (!found) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'sheet',
      reason: opts.sheet === undefined ? '文件中没有工作表 / the workbook has no worksheet' : `找不到工作表“${String(opts.sheet)}” / worksheet ${String(opts.sheet)} not found`,
    });
  }
}

function isTarget(meta: SheetMeta, sheets: ReadonlyArray<SheetMeta> | undefined, wanted: string | number | undefined): boolean {
  if (typeof wanted === 'string') return meta.name === wanted;
  if (!sheets || sheets.length === 0 || meta.name === undefined) return wanted === undefined || wanted === 0;
  const target = typeof wanted === 'number' ? sheets[wanted] : (sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0]);
  return target !== undefined && target.name === meta.name;
}

/** exceljs row.values (1-based, sparse) → cells from column A, normalised. */
function rowCells(values: unknown, maxColumns: number): CellValue[] {
  if (!Array.isArray(values)) return [];
  const n = Math.min(values.length - 1, maxColumns);
  const out: CellValue[] = new Array<CellValue>(Math.max(0, n)).fill(null);
  for (let c = 1; c <= n; c++) out[c - 1] = normaliseCell(values[c]);
  let end = out.length;
  while (end > 0 && out[end - 1] === null) end--;
  out.length = end;
  return out;
}

/** One exceljs cell value → CellValue (see the module comment). */
export function normaliseCell(v: unknown, depth = 0): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'object' || depth > 3) return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o['richText'])) {
    return (o['richText'] as unknown[]).map((r) => (r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('');
  }
  if ('error' in o) return null;
  if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? normaliseCell(o['result'], depth + 1) : null;
  if ('text' in o) return normaliseCell(o['text'], depth + 1);
  return null;
}

// ---- zip checks ---------------------------------------------------------------------------

/** Limits for an uploaded workbook. */
export interface XlsxLimits {
  /** File size. Default 50 MiB. */
  maxBytes: number;
  /** Sum of the entries' uncompressed sizes. Default 1 GiB. */
  maxUncompressedBytes: number;
  /** Number of zip entries. Default 10 000. */
  maxEntries: number;
  /** Uncompressed ÷ compressed of any entry above 1 MiB. Default 500 (XML rarely beats 100). */
  maxRatio: number;
  /** Inflate every entry once and check it really is the size its directory says. Default true. */
  verifyData: boolean;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 500,
  verifyData: true,
};

export interface XlsxZipSummary {
  entries: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

const tooLarge = (zh: string, en: string, details: Record<string, number> = {}): AppError => new AppError('PAYLOAD_TOO_LARGE', { reason: `${zh} / ${en}`, ...details });
const notXlsx = (zh: string, en: string): AppError => new AppError('VALIDATION_FAILED', { field: 'file', reason: `${zh} / ${en}` });

/** Random access over a Buffer or a file, so a path is never read whole. */
interface Source {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
  close(): Promise<void>;
}

async function openSource(input: Buffer | string): Promise<Source> {
  if (Buffer.isBuffer(input)) {
    return {
      size: input.length,
      read: async (offset, length) => input.subarray(offset, offset + length),
      stream: (start, length) => Readable.from([input.subarray(start, start + length)]),
      close: async () => undefined,
    };
  }
  const fh = await open(input, 'r');
  const { size } = await fh.stat();
  return {
    size,
    read: async (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      await fh.read(buf, 0, buf.length, offset);
      return buf;
    },
    stream: (start, length) => (length > 0 ? createReadStream(input, { start, end: start + length - 1 }) : Readable.from([])),
    close: () => fh.close(),
  };
}

async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge(`文件超过 ${mib(maxBytes)}`, `the file is larger than ${mib(maxBytes)}`, { maxBytes });
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * The workbook's bytes with its zip entries re-ordered: everything but the worksheets first
 * (workbook.xml, rels, styles, sharedStrings), then the worksheets. Each entry is copied verbatim
 * (local header, data, data descriptor), followed by the original central directory; exceljs'
 * streaming unzip reads local headers in order and does not use the directory's offsets.
 */
async function reorderedXlsx(input: string | Buffer): Promise<Readable> {
  const src = await openSource(input);
  let layout: { entries: ZipEntry[]; cdOffset: number };
  try {
    layout = await readCentralDirectory(src, { ...DEFAULT_XLSX_LIMITS, maxEntries: 65_535 });
  } catch {
    await src.close();
    // Not a zip we understand: let exceljs read it as it is and report its own error.
    return typeof input === 'string' ? createReadStream(input) : Readable.from([input]);
  }
  await src.close();
  const byOffset = [...layout.entries].sort((a, b) => a.localOffset - b.localOffset);
  const ranges = byOffset.map((e, i) => ({ name: e.name, start: e.localOffset, end: byOffset[i + 1]?.localOffset ?? layout.cdOffset }));
  const isSheet = (name: string): boolean => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
  const ordered = [...ranges.filter((r) => !isSheet(r.name)), ...ranges.filter((r) => isSheet(r.name)), { name: '', start: layout.cdOffset, end: src.size }];
  const first = byOffset[0]?.localOffset ?? 0;
  if (first !== 0) ordered.unshift({ name: '', start: 0, end: first });
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const r of ordered) {
      if (r.end <= r.start) continue;
      if (Buffer.isBuffer(input)) yield input.subarray(r.start, r.end);
      else for await (const chunk of createReadStream(input, { start: r.start, end: r.end - 1 })) yield chunk as Buffer;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Reject a workbook before parsing it when its zip structure is absurd: too big, too many
 * entries, a declared uncompressed total or compression ratio typical of a zip bomb, or (with
 * verifyData) an entry that inflates to more than its directory declares. Reads the End Of
 * Central Directory record and the central directory itself; ZIP64 archives are refused (no
 * ledger needs 4 GiB). Throws AppError PAYLOAD_TOO_LARGE or VALIDATION_FAILED with a Chinese and
 * English reason.
 */
export async function assertSafeXlsx(input: Buffer | string, limits: Partial<XlsxLimits> = {}): Promise<XlsxZipSummary> {
  const lim: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...limits };
  const src = await openSource(input);
  try {
    if (src.size > lim.maxBytes) throw tooLarge(`文件超过 ${mib(lim.maxBytes)}`, `the file is larger than ${mib(lim.maxBytes)}`, { bytes: src.size, maxBytes: lim.maxBytes });
    const head = await src.read(0, 8);
    if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) throw notXlsx('这是旧版 .xls 或加密的工作簿，请在 Excel 中另存为 .xlsx', 'this is a legacy .xls or an encrypted workbook; save it as .xlsx');
    if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_SIG) throw notXlsx('文件不是有效的 .xlsx（zip）文件', 'the file is not a valid .xlsx (zip) file');

    const { entries } = await readCentralDirectory(src, lim);
    let compressedBytes = 0;
    let uncompressedBytes = 0;
    for (const e of entries) {
      compressedBytes += e.compressed;
      uncompressedBytes += e.uncompressed;
      if (e.flags & 1) throw notXlsx('工作簿已加密，请先取消密码', 'the workbook is encrypted; remove the password first');
      if (e.method !== 0 && e.method !== 8) throw notXlsx(`不支持的压缩方式（${e.method}）`, `unsupported compression method ${e.method}`);
      if (e.uncompressed > 1024 * 1024 && e.uncompressed > lim.maxRatio * Math.max(1, e.compressed)) {
        throw tooLarge(`“${e.name}”的压缩比异常（疑似压缩炸弹）`, `entry ${e.name} has an absurd compression ratio (zip bomb?)`, { ratio: Math.round(e.uncompressed / Math.max(1, e.compressed)), maxRatio: lim.maxRatio });
      }
    }
    if (uncompressedBytes > lim.maxUncompressedBytes) {
      throw tooLarge(`解压后超过 ${mib(lim.maxUncompressedBytes)}`, `it would unpack to more than ${mib(lim.maxUncompressedBytes)}`, { uncompressedBytes, maxUncompressedBytes: lim.maxUncompressedBytes });
    }
    if (lim.verifyData) for (const e of entries) await verifyEntry(src, e);
    return { entries: entries.length, compressedBytes, uncompressedBytes };
  } finally {
    await src.close();
  }
}

async function readCentralDirectory(src: Source, lim: XlsxLimits): Promise<{ entries: ZipEntry[]; cdOffset: number }> {
  const tailLen = Math.min(src.size, EOCD_MIN + MAX_COMMENT);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx('文件不完整或不是 .xlsx（找不到 zip 目录）', 'the file is truncated or not an .xlsx (no zip directory)');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw tooLarge('不支持 ZIP64 格式的超大文件', 'ZIP64 archives are not supported');
  if (count > lim.maxEntries) throw tooLarge(`压缩包内文件过多（${count} 个）`, `too many zip entries (${count})`, { entries: count, maxEntries: lim.maxEntries });
  if (cdOffset + cdSize > src.size) throw notXlsx('zip 目录损坏', 'the zip directory is corrupt');
  const cd = await src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CD_SIG) throw notXlsx('zip 目录损坏', 'the zip directory is corrupt');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressed: cd.readUInt32LE(p + 20),
      uncompressed: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, Math.min(cd.length, p + 46 + nameLen)),
    };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff || entry.localOffset === 0xffffffff) throw tooLarge('不支持 ZIP64 格式的超大文件', 'ZIP64 archives are not supported');
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, cdOffset };
}

/** Inflate one entry, counting bytes, and stop as soon as it outgrows its declared size. */
async function verifyEntry(src: Source, e: ZipEntry): Promise<void> {
  const local = await src.read(e.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIG) throw notXlsx('zip 条目损坏', `the zip entry ${e.name} is corrupt`);
  const dataStart = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + e.compressed > src.size) throw notXlsx('zip 条目损坏', `the zip entry ${e.name} is corrupt`);
  let produced = 0;
  const overflow = tooLarge(`“${e.name}”解压后大于其声明的大小（疑似压缩炸弹）`, `entry ${e.name} inflates beyond its declared size (zip bomb?)`);
  const counter = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<never> {
    for await (const chunk of chunks) {
      produced += chunk.length;
      if (produced > e.uncompressed) throw overflow;
    }
  };
  try {
    if (e.method === 0) await pipeline(src.stream(dataStart, e.compressed), counter);
    else await pipeline(src.stream(dataStart, e.compressed), createInflateRaw(), counter);
  } catch (err) {
    if (err === overflow) throw overflow;
    throw notXlsx(`zip 条目“${e.name}”无法解压`, `the zip entry ${e.name} cannot be inflated`);
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
