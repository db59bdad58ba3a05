import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { LedgerParser, type ColumnMapping, type LedgerHeader, type LedgerParseResult, type ParsedRow } from '../../core/ledger/index.js';
import type { ExtraField } from '../../core/schemas/extra-fields.schema.js';
import { DEFAULT_XLSX_LIMITS, readSheetRows } from '../../xlsx/xlsx-reader.js';
import { readAll } from '../../xlsx/xlsx-zip.js';
import { buildSearchText } from './search-text.js';

/**
 * Reading and parsing a ledger file for the import: rows stream from the .xlsx reader through the
 * pure parser and come out in chunks of parsed rows; the result (issues, summary, header) comes
 * at the end. readLedger is the one way it is done; readLedgerInWorker runs that same function in
 * a worker thread (ledger-read.worker.ts) and hands its chunks over, so that reading and parsing
 * a big file (≈ 2.5 s of CPU for 50,000 rows) run beside database writes that occupy the main
 * thread (SQLite's, through better-sqlite3). A Buffer is copied to the worker once.
 */
export interface ReadLedgerOptions {
  mapping?: ColumnMapping | undefined;
  year?: number | undefined;
  extraFields: readonly ExtraField[];
  maxBytes?: number | undefined;
}

/** What the parse says once every row is read (the rows themselves went out in chunks). */
export type LedgerReadResult = Omit<LedgerParseResult, 'rows'>;
/**
 * A parsed row and the search text a project created from it gets (buildSearchText of the row's
 * own values; an update merges the row into the record and builds its own): computed here, so
 * that with a worker it is the worker's work (≈ 0.5 s of 50,000 rows).
 */
export type ReadRow = ParsedRow & { searchText: string };
export type OnChunk = (rows: ReadRow[], header: LedgerHeader) => Promise<void>;

/** Parsed rows per chunk handed to the caller. */
export const READ_CHUNK = 500;
/** Chunks the worker may have read ahead of the caller: bounds the memory a slow write lets pile up. */
export const CHUNKS_AHEAD = 3;
/** Files from this size on are read in a worker (below it, starting one costs more than it saves). */
export const WORKER_MIN_BYTES = 512 * 1024;

/** Reads and parses in this thread; onChunk is awaited before the next rows are read. */
export async function readLedger(source: string | Buffer | Readable, opts: ReadLedgerOptions, onChunk: OnChunk): Promise<LedgerReadResult> {
  const pending: ReadRow[] = [];
  const parser = new LedgerParser({
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    ...(opts.year ? { year: opts.year } : {}),
    extraFields: opts.extraFields,
    collectRows: false,
    onRow: (row) => {
      const v = row.values;
      pending.push(Object.assign(row, { searchText: buildSearchText({ name: v.name ?? '', builder: v.builder, industry: v.industry, code: v.code, location: v.location }) }));
    },
  });
  for await (const row of readSheetRows(source, { safety: opts.maxBytes ? { maxBytes: opts.maxBytes } : {} })) {
    parser.push(row);
    if (pending.length >= READ_CHUNK) await onChunk(pending.splice(0), parser.headerSoFar()!);
  }
  const { rows: _none, ...parsed } = parser.finish();
  if (parsed.header && pending.length > 0) await onChunk(pending.splice(0), parsed.header);
  return parsed;
}

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'chunk'; rows: ReadRow[]; header: LedgerHeader }
  | { type: 'done'; result: LedgerReadResult }
  | { type: 'error'; error: { app: { code: ErrorCode; details: Record<string, unknown> | undefined; params: Record<string, string | number> } } | { message: string; code: unknown } };
/** What the worker is started with (workerData); a Buffer arrives as a Uint8Array. */
export interface WorkerInput {
  source: string | Uint8Array;
  opts: ReadLedgerOptions;
}

/**
 * The worker: the bundled ledger-read.worker.mjs beside the server bundle (scripts/build.mjs
 * builds both), or, when this module runs from source (tsx in development, Vitest), a small
 * script that registers tsx's loader in the worker and imports ledger-read.worker.ts (Node 20's
 * workers do not inherit a loader registered with --import).
 */
function startWorker(input: WorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./ledger-read.worker.mjs', import.meta.url), { workerData: input });
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./ledger-read.worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`, { eval: true, workerData: input });
}

/**
 * The same as readLedger, run in a worker thread: the worker reads ahead at most CHUNKS_AHEAD
 * chunks while onChunk works on the previous ones. Errors (a file that cannot be read, a zip
 * bomb, too many rows) come back as the same AppError; when onChunk fails the worker is stopped.
 */
export async function readLedgerInWorker(source: string | Buffer, opts: ReadLedgerOptions, onChunk: OnChunk): Promise<LedgerReadResult> {
  const worker = startWorker({ source, opts });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let exited: Error | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e) => {
    exited ??= e;
    notify();
  });
  worker.on('exit', (code) => {
    exited ??= new Error(`ledger reader stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (exited) throw exited;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.type === 'chunk') {
        await onChunk(m.rows, m.header);
        worker.postMessage('ack');
      } else if (m.type === 'done') return m.result;
      else if ('app' in m.error) throw new AppError(m.error.app.code, m.error.app.details, m.error.app.params);
      else throw Object.assign(new Error(m.error.message), m.error.code === undefined ? {} : { code: m.error.code });
    }
  } finally {
    void worker.terminate();
  }
}

/**
 * readLedger, in a worker when the file is big enough to gain from it. A stream is read into
 * memory first (the reader does the same: it needs the zip's random access), under maxBytes.
 */
export async function readLedgerFile(input: string | Buffer | Readable, opts: ReadLedgerOptions, onChunk: OnChunk, mode: 'auto' | 'worker' | 'thread' = 'auto'): Promise<LedgerReadResult> {
  if (mode === 'thread') return readLedger(input, opts, onChunk);
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? input : await readAll(input, opts.maxBytes ?? DEFAULT_XLSX_LIMITS.maxBytes);
  if (mode === 'auto') {
    const size = typeof source === 'string' ? await stat(source).then((s) => s.size, () => 0) : source.length;
    if (size < WORKER_MIN_BYTES) return readLedger(source, opts, onChunk);
  }
  return readLedgerInWorker(source, opts, onChunk);
}
