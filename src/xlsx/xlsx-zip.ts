import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../core/errors.js';

/**
 * The zip layer of our .xlsx reader: the structural checks every uploaded workbook passes
 * before anything is parsed (assertSafeXlsx), and the entries themselves, located through the
 * central directory and inflated with node:zlib under their declared size, so a lying entry
 * (a zip bomb) is stopped as soon as it outgrows what its directory says.
 */
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

/** One entry of the central directory. */
export interface ZipEntry {
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
export interface Source {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
  close(): Promise<void>;
}

export async function openSource(input: Buffer | string): Promise<Source> {
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

/** A stream read into memory (it is the compressed file), refused past maxBytes. */
export async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
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

export async function readCentralDirectory(src: Source, lim: XlsxLimits): Promise<{ entries: ZipEntry[]; cdOffset: number }> {
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
  for await (const chunk of entryChunks(src, e)) void chunk;
}

/**
 * The uncompressed bytes of one entry, in chunks. Throws PAYLOAD_TOO_LARGE as soon as the entry
 * produces more than its directory declares (what the ratio and total checks relied on), and
 * VALIDATION_FAILED when it cannot be inflated. Stopping the iteration early frees the streams.
 */
export async function* entryChunks(src: Source, e: ZipEntry): AsyncGenerator<Buffer> {
  const local = await src.read(e.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIG) throw notXlsx('zip 条目损坏', `the zip entry ${e.name} is corrupt`);
  const dataStart = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + e.compressed > src.size) throw notXlsx('zip 条目损坏', `the zip entry ${e.name} is corrupt`);
  const raw = src.stream(dataStart, e.compressed);
  // 64 KiB pieces: fewer, larger chunks for the XML scanner than zlib's 16 KiB default.
  const out = e.method === 0 ? raw : pipeline(raw, createInflateRaw({ chunkSize: 64 * 1024 }), () => undefined);
  let produced = 0;
  try {
    for await (const chunk of out) {
      const b = chunk as Buffer;
      produced += b.length;
      if (produced > e.uncompressed) {
        throw tooLarge(`“${e.name}”解压后大于其声明的大小（疑似压缩炸弹）`, `entry ${e.name} inflates beyond its declared size (zip bomb?)`);
      }
      yield b;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notXlsx(`zip 条目“${e.name}”无法解压`, `the zip entry ${e.name} cannot be inflated`);
  } finally {
    out.destroy();
    raw.destroy();
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
