import type { Readable } from 'node:stream';
import { AppError } from '../core/errors.js';
import type { CellValue, SheetRow } from '../core/ledger/ledger-text.js';
import { SheetRowsScanner } from './sheet-rows.js';
import { readDateStyles, readRelationships, readSharedStrings, readWorkbook, type Relationship, type WorkbookSheet } from './xlsx-parts.js';
import { assertSafeXlsx, DEFAULT_XLSX_LIMITS, entryChunks, openSource, readAll, readCentralDirectory, type Source, type XlsxLimits, type ZipEntry } from './xlsx-zip.js';

export { assertSafeXlsx, DEFAULT_XLSX_LIMITS, type XlsxLimits, type XlsxZipSummary } from './xlsx-zip.js';
export type { CellValue, SheetRow };

/**
 * Our one way to read .xlsx: one worksheet, row by row, so a 50,000-row ledger never sits in
 * memory as a workbook. Our own reader rather than exceljs' streaming one, which was the slowest
 * and largest part of an import (~5,000 rows/s and ~270 MB RSS alone at 50,000 rows; this one
 * reads the same file about three times faster in under 100 MB): the zip's central directory
 * locates the parts, node:zlib inflates them, and a small tokenizer (xml-tokens.ts) walks the XML.
 *
 * Cells come out as string | number | Date | boolean | null: rich text joined, formulas replaced
 * by their cached result, error values (#N/A, #DIV/0!) as null. Numbers under a date or time
 * format (custom ones, the built-in ones, and the Chinese built-ins 27–36 and 50–58) are Dates:
 * UTC midnight of the day Excel shows (the 1904 date system is honoured); date cells whose format
 * says nothing of dates stay serial numbers, which the ledger parser also reads as dates.
 *
 * Merged cells: a merged cell's value appears in its first (top-left) cell only and the others
 * are empty (merges are listed after the rows, so a streaming read cannot know them in time); the
 * ledger header detection is built for exactly that (it carries a group header rightwards).
 */
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

/**
 * Rows of one worksheet, in order, with Excel's row numbers. Rows Excel has no record of are
 * skipped; rows it records without values come out with no cells. A stream input is first read
 * into memory (it is the compressed file, bounded by maxBytes) so that it gets the zip checks and
 * random access to its parts. Stopping the iteration early closes the file.
 */
export async function* readSheetRows(input: string | Buffer | Readable, opts: ReadSheetOptions = {}): AsyncGenerator<SheetRow> {
  const safety = opts.safety;
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? input : await readAll(input, (safety && safety.maxBytes) || DEFAULT_XLSX_LIMITS.maxBytes);
  // Every entry read below is inflated under its declared size (entryChunks), which is what the
  // separate verifyData pass would check, so it is not run twice.
  if (safety !== false) await assertSafeXlsx(source, { ...safety, verifyData: false });
  const maxRows = opts.maxRows ?? 1_048_576;
  const src = await openSource(source);
  try {
    const sheet = await openWorksheet(src, opts.sheet, safety === false ? 65_535 : (safety?.maxEntries ?? DEFAULT_XLSX_LIMITS.maxEntries));
    const scanner = new SheetRowsScanner({ ...sheet.context, maxColumns: opts.maxColumns ?? 256 });
    let rows = 0;
    const emit = function* (batch: SheetRow[]): Generator<SheetRow> {
      for (const row of batch) {
        if (++rows > maxRows) throw new AppError('PAYLOAD_TOO_LARGE', { reason: `工作表超过 ${maxRows} 行 / the worksheet has more than ${maxRows} rows`, maxRows });
        yield trimRow(row);
      }
    };
    for await (const chunk of entryChunks(src, sheet.entry)) {
      yield* emit(scanner.push(chunk));
      if (scanner.done) return;
    }
    yield* emit(scanner.finish());
  } catch (e) {
    // Our own AppErrors pass; anything else (a zlib or parsing failure) is "could not be read".
    throw e instanceof AppError ? e : unreadable(e instanceof Error ? e.message : String(e));
  } finally {
    await src.close();
  }
}

/** Trailing empty cells dropped, as a row from Excel's own point of view ends at its last value. */
function trimRow(row: SheetRow): SheetRow {
  const cells = row.cells as CellValue[];
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end--;
  cells.length = end;
  return row;
}

interface OpenedSheet {
  entry: ZipEntry;
  context: { sharedStrings: string[]; dateStyles: boolean[]; date1904: boolean };
}

/** Locates the wanted worksheet through the relationships and reads what its cells refer to. */
async function openWorksheet(src: Source, wanted: string | number | undefined, maxEntries: number): Promise<OpenedSheet> {
  const { entries } = await (readCentralDirectory(src, { ...DEFAULT_XLSX_LIMITS, maxEntries }));
  // Part names are case-insensitive in OPC; producers differ ("SharedStrings.xml").
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const part = (path: string): ZipEntry | undefined => byName.get(path.toLowerCase());
  const chunksOf = (e: ZipEntry) => entryChunks(src, e);

  const rootRels = part('_rels/.rels');
  const root = rootRels ? await (readRelationships(chunksOf(rootRels), '')) : [];
  const workbookPath = root.find((r) => r.type === 'officeDocument')?.path ?? 'xl/workbook.xml';
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) throw unreadable('no workbook part');
  const dir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsEntry = part(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`);
  const rels: Relationship[] = relsEntry ? await (readRelationships(chunksOf(relsEntry), dir)) : [];
  const workbook = await (readWorkbook(chunksOf(workbookEntry)));

  const target = pickSheet(workbook.sheets, rels, wanted);
  const relOf = (s: WorkbookSheet) => rels.find((r) => r.id === s.relId);
  const entry = target ? part(relOf(target)?.path ?? '') : undefined;
  if (!target || !entry) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'sheet',
      reason: wanted === undefined ? '文件中没有工作表 / the workbook has no worksheet' : `找不到工作表“${String(wanted)}” / worksheet ${String(wanted)} not found`,
    });
  }
  const stylesEntry = part(rels.find((r) => r.type === 'styles')?.path ?? `${dir}styles.xml`);
  const stringsEntry = part(rels.find((r) => r.type === 'sharedStrings')?.path ?? `${dir}sharedStrings.xml`);
  const dateStyles = stylesEntry ? await (readDateStyles(chunksOf(stylesEntry))) : [];
  const sharedStrings = stringsEntry ? await (readSharedStrings(chunksOf(stringsEntry))) : [];
  return { entry, context: { sharedStrings, dateStyles, date1904: workbook.date1904 } };
}

/** By name (any state), by position in the workbook, or the first visible worksheet. */
function pickSheet(sheets: readonly WorkbookSheet[], rels: readonly Relationship[], wanted: string | number | undefined): WorkbookSheet | undefined {
  if (typeof wanted === 'string') return sheets.find((s) => s.name === wanted);
  if (typeof wanted === 'number') return sheets[wanted];
  const worksheets = sheets.filter((s) => rels.find((r) => r.id === s.relId)?.type === 'worksheet');
  return worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? worksheets[0];
}

function unreadable(detail: string): AppError {
  return new AppError('VALIDATION_FAILED', { field: 'file', reason: `无法读取该 Excel 文件，请确认是 .xlsx 格式 / the file could not be read as .xlsx (${detail})` });
}

