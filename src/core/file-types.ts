/**
 * What an uploaded file really is, read from its bytes (magic numbers), never from the name or
 * the Content-Type the browser claims: a file is stored and served with the type found here, and
 * anything not on the list is refused. Pure (Uint8Array in, verdict out) so server, CLI and tests
 * share it.
 *
 * Accepted: PDF, PNG, JPEG, GIF, WebP, Word and Excel (OOXML .docx/.xlsx and the old OLE
 * .doc/.xls), and plain text (UTF-8, UTF-16 with BOM, or GB18030 — what Windows Notepad in China
 * still writes). Refused: executables and scripts, markup (HTML, SVG, XML — a browser could run
 * it), other archives, Office files with macros, and anything unrecognised.
 */

/** 附件类型: one accepted kind of file. */
export interface FileKind {
  /** Stable key for labels and icons. */
  key: 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'text';
  /** The Content-Type it is stored and served with. */
  contentType: string;
  /** File name extensions that fit it; the first is added to a name that has none of them. */
  extensions: readonly string[];
  /** Shown in the browser (images, PDF) rather than downloaded. */
  inline: boolean;
}

export type RefusedReason = 'empty' | 'executable' | 'markup' | 'macro' | 'archive' | 'unknown';

export type SniffResult = { ok: true; kind: FileKind } | { ok: false; reason: RefusedReason };

const KINDS = {
  pdf: { key: 'pdf', contentType: 'application/pdf', extensions: ['pdf'], inline: true },
  png: { key: 'png', contentType: 'image/png', extensions: ['png'], inline: true },
  jpeg: { key: 'jpeg', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], inline: true },
  gif: { key: 'gif', contentType: 'image/gif', extensions: ['gif'], inline: true },
  webp: { key: 'webp', contentType: 'image/webp', extensions: ['webp'], inline: true },
  docx: { key: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], inline: false },
  xlsx: { key: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false },
  doc: { key: 'doc', contentType: 'application/msword', extensions: ['doc'], inline: false },
  xls: { key: 'xls', contentType: 'application/vnd.ms-excel', extensions: ['xls'], inline: false },
} as const satisfies Record<string, FileKind>;

const TEXT_EXTENSIONS = ['txt', 'csv', 'log', 'md'] as const;
const text = (charset: string): FileKind => ({ key: 'text', contentType: `text/plain; charset=${charset}`, extensions: TEXT_EXTENSIONS, inline: false });

/** For an upload control's `accept`: what the picker offers (the server still checks the bytes). */
/** For a photo control's `accept` (the image option of attachments). */
export const ACCEPTED_PHOTOS = 'image/jpeg,image/png,image/webp,image/gif';

export const ACCEPTED_UPLOADS = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.txt,.csv,application/pdf,image/png,image/jpeg,image/gif,image/webp';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf16le = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));

function startsWith(buf: Uint8Array, sig: ArrayLike<number>, at = 0): boolean {
  if (buf.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[at + i] !== sig[i]) return false;
  return true;
}

/** Where `needle` first occurs in `buf` (-1 if nowhere); a plain scan, fine for a few MB. */
function indexOf(buf: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (let i = buf.indexOf(first!, from); i !== -1 && i <= buf.length - needle.length; i = buf.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
const contains = (buf: Uint8Array, s: string) => indexOf(buf, ascii(s)) !== -1;

const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: Windows .exe/.dll
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal / Java class
  [0x23, 0x21], // "#!" script
];

const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|link|style|img|a\s)/i;

/**
 * Office Open XML is a zip whose part names are stored uncompressed in the local headers and the
 * central directory, so the parts can be found without inflating anything. A macro project
 * (vbaProject.bin) is refused even when the name says .docx.
 */
function sniffZip(buf: Uint8Array): SniffResult {
  if (!contains(buf, '[Content_Types].xml')) return { ok: false, reason: 'archive' };
  if (contains(buf, 'vbaProject.bin')) return { ok: false, reason: 'macro' };
  if (contains(buf, 'word/document.xml')) return { ok: true, kind: KINDS.docx };
  if (contains(buf, 'xl/workbook.xml')) return { ok: true, kind: KINDS.xlsx };
  return { ok: false, reason: 'archive' };
}

/**
 * The old binary Office formats are OLE compound files, like .msi installers: only a Word
 * ("WordDocument") or Excel ("Workbook", Excel 5: "Book") stream makes one acceptable; the
 * stream names are UTF-16 in the directory sectors. Macros ("_VBA_PROJECT", "Macros") are refused.
 */
function sniffOle(buf: Uint8Array): SniffResult {
  // Directory names end in a UTF-16 NUL, which text inside the document never has.
  const has = (name: string) => indexOf(buf, utf16le(`${name}\0`)) !== -1;
  if (has('_VBA_PROJECT') || has('Macros')) return { ok: false, reason: 'macro' };
  if (has('WordDocument')) return { ok: true, kind: KINDS.doc };
  if (has('Workbook') || has('Book')) return { ok: true, kind: KINDS.xls };
  return { ok: false, reason: 'unknown' };
}

function decode(buf: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Control characters other than tab, line feed, form feed and carriage return mean binary. */
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function sniffText(buf: Uint8Array): SniffResult {
  let content: string | null = null;
  let charset = 'utf-8';
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    charset = buf[0] === 0xff ? 'utf-16le' : 'utf-16be';
    content = decode(buf.subarray(2), charset);
  } else {
    content = decode(buf, 'utf-8');
    if (content === null) {
      content = decode(buf, 'gb18030');
      charset = 'gb18030';
    }
  }
  if (content === null || BINARY.test(content)) return { ok: false, reason: 'unknown' };
  const head = content.replace(/^\uFEFF/, '').slice(0, 2048);
  if (/^\s*</.test(head) || MARKUP.test(head)) return { ok: false, reason: 'markup' };
  return { ok: true, kind: text(charset) };
}

/** Decides what a file is from its bytes. */
export function sniffFile(buf: Uint8Array): SniffResult {
  if (buf.length === 0) return { ok: false, reason: 'empty' };
  if (startsWith(buf, ascii('%PDF-'))) return { ok: true, kind: KINDS.pdf };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: KINDS.png };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { ok: true, kind: KINDS.jpeg };
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return { ok: true, kind: KINDS.gif };
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return { ok: true, kind: KINDS.webp };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(buf);
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(buf);
  if (EXECUTABLE_SIGNATURES.some((sig) => startsWith(buf, sig))) return { ok: false, reason: 'executable' };
  return sniffText(buf);
}

const MAX_NAME = 120;

/**
 * The name a file is kept under: the last path segment of what the browser sent, without
 * control characters or bidi overrides ("证明\u202Efdp.exe" would read as "证明exe.pdf"), at
 * most 120 characters, and ending in an extension that fits its real type ("setup.msi" that is
 * really a Word file becomes "setup.msi.doc"), so that opening the download never hands it to
 * the wrong program.
 */
export function storedFileName(raw: string, kind: FileKind): string {
  const base = (raw.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|?*:]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const fits = kind.extensions.includes(ext);
  let stem = fits ? base.slice(0, dot) : base;
  const suffix = fits ? base.slice(dot) : `.${kind.extensions[0]}`;
  if (!stem) stem = 'file';
  return [...stem].slice(0, MAX_NAME - suffix.length).join('') + suffix;
}

/** Whether a stored Content-Type may be shown in the browser (images and PDF) instead of downloaded. */
export function isInlineType(contentType: string): boolean {
  return /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/.test(contentType);
}
