import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * A minimal streaming zip writer, just enough for the .xlsx files we write: every entry is
 * deflated while it is written, with its CRC and sizes in a data descriptor after the data (so
 * nothing is held back to learn them first), then the central directory. Compression runs on
 * libuv's thread pool, beside the JavaScript that renders the next rows.
 *
 * No ZIP64: it throws past 4 GiB (a 100,000-row ledger is a few MB), which is also what our
 * reader accepts (xlsx-reader.ts refuses ZIP64).
 */
interface Entry {
  name: Buffer;
  crc: number;
  size: number;
  compressed: number;
  offset: number;
}

const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
const MAX_U32 = 0xffffffff;
/**
 * Uncompressed bytes queued for the compressor before drain() waits: a few pages of ledger rows,
 * so compression runs on its thread while the next page is read from the database.
 */
const COMPRESSOR_BUFFER = 4 * 1024 * 1024;
/**
 * Output per compression job. zlib hands each job's result back on the main thread, which a busy
 * export only visits once per page (drain()); with the 16 KB default a page's worksheet needed a
 * dozen such visits and the export ended up waiting for compression instead of overlapping it.
 */
const COMPRESSOR_CHUNK = 1024 * 1024;

export class ZipWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private current: { entry: Entry; deflate: DeflateRaw; done: Promise<void> } | null = null;
  private readonly dosTime: number;
  private readonly dosDate: number;
  /** Rejects once `out` fails or closes before we end it, so no wait below can hang on a dead stream. */
  private readonly broken: Promise<never>;
  private ended = false;

  constructor(
    private readonly out: Writable,
    private readonly level: number,
    modified: Date = new Date(),
  ) {
    this.dosTime = (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1);
    this.dosDate = ((Math.max(1980, modified.getFullYear()) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
    this.broken = new Promise<never>((_, reject) => {
      out.once('error', reject);
      out.once('close', () => {
        if (!this.ended) reject(new Error('the output stream closed before the workbook was complete'));
      });
    });
    this.broken.catch(() => undefined);
  }

  /** Starts an entry; write its bytes with write(), then await end(). */
  begin(name: string): void {
    if (this.current) throw new Error(`zip entry ${this.current.entry.name.toString()} is still open`);
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, size: 0, compressed: 0, offset: this.offset };
    this.emit(this.localHeader(entry));
    const options: ZlibOptions & { writableHighWaterMark: number } = { level: this.level, chunkSize: COMPRESSOR_CHUNK, writableHighWaterMark: COMPRESSOR_BUFFER };
    const deflate = createDeflateRaw(options);
    const done = new Promise<void>((resolve, reject) => {
      deflate.on('data', (chunk: Buffer) => {
        entry.compressed += chunk.length;
        if (!this.emit(chunk)) {
          // The reader is slower than we are: stop inflating its buffer until it catches up.
          deflate.pause();
          this.out.once('drain', () => deflate.resume());
        }
      });
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    done.catch(() => undefined);
    this.current = { entry, deflate, done };
  }

  write(data: Buffer): void {
    const c = this.open();
    c.entry.crc = crc32(data, c.entry.crc);
    c.entry.size += data.length;
    c.deflate.write(data);
  }

  /**
   * Gives the event loop a turn, so finished compression jobs are collected and the next ones
   * start (an export that only awaits synchronous SQLite queries would otherwise never yield),
   * then waits while the compressor has too much queued (backpressure from the reader included).
   */
  async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const c = this.current;
    if (c && c.deflate.writableNeedDrain) await Promise.race([once(c.deflate, 'drain'), this.broken]);
  }

  async end(): Promise<void> {
    const c = this.open();
    c.deflate.end();
    await Promise.race([c.done, this.broken]);
    this.current = null;
    if (c.entry.size > MAX_U32 || c.entry.compressed > MAX_U32) throw new Error(`zip entry ${c.entry.name.toString()} exceeds 4 GiB (no ZIP64)`);
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(c.entry.crc >>> 0, 4);
    d.writeUInt32LE(c.entry.compressed, 8);
    d.writeUInt32LE(c.entry.size, 12);
    this.emit(d);
    this.entries.push(c.entry);
  }

  async file(name: string, content: string): Promise<void> {
    this.begin(name);
    this.write(Buffer.from(content, 'utf8'));
    await this.end();
  }

  /** Writes the central directory and ends `out`. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('a zip entry is still open');
    const start = this.offset;
    for (const e of this.entries) this.emit(this.centralHeader(e));
    const size = this.offset - start;
    if (this.offset > MAX_U32 || this.entries.length > 0xffff) throw new Error('the workbook exceeds 4 GiB (no ZIP64)');
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(this.entries.length, 8);
    eocd.writeUInt16LE(this.entries.length, 10);
    eocd.writeUInt32LE(size, 12);
    eocd.writeUInt32LE(start, 16);
    this.emit(eocd);
    this.ended = true;
    this.out.end();
  }

  /** Drops the open entry's compressor after a failure; `out` is the caller's to destroy. */
  abort(): void {
    this.current?.deflate.destroy();
    this.current = null;
  }

  private open() {
    if (!this.current) throw new Error('no zip entry is open');
    return this.current;
  }

  private emit(buf: Buffer): boolean {
    this.offset += buf.length;
    return this.out.write(buf);
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30 + e.name.length);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8_NAME, 6);
    h.writeUInt16LE(METHOD_DEFLATE, 8);
    h.writeUInt16LE(this.dosTime, 10);
    h.writeUInt16LE(this.dosDate, 12);
    // CRC and sizes (14..25) stay zero: they follow the data in the data descriptor.
    h.writeUInt16LE(e.name.length, 26);
    e.name.copy(h, 30);
    return h;
  }

  private centralHeader(e: Entry): Buffer {
    const h = Buffer.alloc(46 + e.name.length);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(VERSION, 6);
    h.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8_NAME, 8);
    h.writeUInt16LE(METHOD_DEFLATE, 10);
    h.writeUInt16LE(this.dosTime, 12);
    h.writeUInt16LE(this.dosDate, 14);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    if (e.offset > MAX_U32) throw new Error('the workbook exceeds 4 GiB (no ZIP64)');
    h.writeUInt32LE(e.offset, 42);
    e.name.copy(h, 46);
    return h;
  }
}
