import { isUtf8 } from 'node:buffer';
import { AppError } from '../core/errors.js';

/**
 * A small pull tokenizer for the XML inside .xlsx files, fed in chunks. It exists for speed: a
 * 50,000-row ledger is ~70 MB of sheet XML, which a general SAX parser (saxes, as exceljs uses
 * it) takes ~3 s to walk character by character; this one jumps between `<` and `>` with
 * indexOf and builds strings only for what the caller asks for (a name, one attribute, a text).
 *
 * What it understands is what SpreadsheetML producers write: elements (any namespace prefix;
 * `name` is the local name), attributes in either quote, text with the five predefined entities
 * and numeric character references, CDATA, comments and processing instructions (skipped).
 * A DOCTYPE is refused — .xlsx parts never have one, and refusing it rules out entity-expansion
 * attacks. Line ends in text are normalised to \n as XML requires. Unknown entity references are
 * kept as written rather than failing the whole file. It does not check that tags nest: readers
 * check what they rely on (the sheet reader, that its rows end).
 *
 *   const x = new XmlTokens();
 *   x.push(bytes);  // every chunk of UTF-8, then x.finish()
 *   for (let t = x.next(); t !== MORE; t = x.next()) { if (t === OPEN && x.name === 'row') … }
 */
export const MORE = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export type XmlToken = typeof MORE | typeof OPEN | typeof CLOSE | typeof TEXT;

/**
 * A single token longer than this (a text or a tag) is refused rather than buffered: an
 * unfinished token is decoded again with every chunk, so this bounds that work. Excel's own
 * limits (32,767 characters in a cell) are far below it.
 */
const MAX_TOKEN = 1024 * 1024;

export function malformedXml(detail: string): AppError {
  return new AppError('VALIDATION_FAILED', { field: 'file', reason: `文件内容不是有效的 Excel XML（${detail}） / the workbook XML is malformed (${detail})` });
}

export class XmlTokens {
  private buf = '';
  private pos = 0;
  private final = false;
  /** Where the local name of the element just opened or closed is in `buf` (no string is made unless asked). */
  private nameStart = 0;
  private nameEnd = 0;
  /** OPEN only: the element closes itself (`<c r="A1"/>`); a CLOSE token follows at once. */
  selfClosing = false;
  private pendingClose = false;
  private attrStart = 0;
  private attrEnd = 0;
  private textStart = 0;
  private textEnd = 0;
  private cdata = false;

  /** Bytes of an unfinished token or character carried over to the next chunk. */
  private carry: Buffer = Buffer.alloc(0);

  /**
   * Add the next piece of the document, as UTF-8 bytes. What the previous pieces left unfinished
   * is carried as bytes and decoded again with the new piece, so `buf` is always one flat
   * string: a string built by `rest + chunk` is a V8 cons string, and reading it character by
   * character is about twice as slow. Invalid UTF-8 is refused (XML must be well encoded).
   */
  push(chunk: Buffer): void {
    if (this.pos < this.buf.length) this.keepTail();
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // Stop before a character whose bytes are not all here yet.
    let end = data.length;
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (data[end - back - 1]! & 0xc0) === 0x80) back++;
    const lead = end - back - 1 >= 0 ? data[end - back - 1]! : 0;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (need > back + 1) end = end - back - 1;
    const bytes = data.subarray(0, end);
    if (!isUtf8(bytes)) throw malformedXml('invalid UTF-8');
    this.buf = bytes.toString('utf8');
    this.pos = 0;
    this.carry = data.subarray(end);
  }

  /**
   * Call after a push once next() has returned MORE: keeps the unread tail (as bytes) for the
   * next push, so `buf` can be dropped and rebuilt flat.
   */
  private keepTail(): void {
    if (this.pos >= this.buf.length) {
      this.buf = '';
      this.pos = 0;
      return;
    }
    const tail = Buffer.from(this.buf.slice(this.pos), 'utf8');
    this.carry = this.carry.length > 0 ? Buffer.concat([tail, this.carry]) : tail;
    this.buf = '';
    this.pos = 0;
  }

  /** No more input: trailing text is delivered, an unfinished tag is an error. */
  finish(): void {
    this.final = true;
    if (this.pos < this.buf.length) this.keepTail();
    if (this.carry.length === 0) return;
    if (!isUtf8(this.carry)) throw malformedXml('invalid UTF-8');
    this.buf = this.carry.toString('utf8');
    this.pos = 0;
    this.carry = Buffer.alloc(0);
  }

  /** The next token, or MORE when the buffered input ends inside one (push more, or finish). */
  next(): XmlToken {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.selfClosing = false;
      return CLOSE;
    }
    const s = this.buf;
    const n = s.length;
    for (;;) {
      const pos = this.pos;
      if (pos >= n) return MORE;
      if (s.charCodeAt(pos) !== 60 /* < */) {
        const lt = s.indexOf('<', pos);
        if (lt < 0 && !this.final) return this.more();
        const end = lt < 0 ? n : lt;
        this.textStart = pos;
        this.textEnd = end;
        this.cdata = false;
        this.pos = end;
        return TEXT;
      }
      const c1 = s.charCodeAt(pos + 1);
      if (c1 === 47 /* / */) {
        const gt = s.indexOf('>', pos + 2);
        if (gt < 0) return this.more();
        let end = pos + 2;
        let local = end;
        for (; end < gt; end++) {
          const c = s.charCodeAt(end);
          if (isSpace(c)) break;
          if (c === 58) local = end + 1;
        }
        this.nameStart = local;
        this.nameEnd = end;
        this.selfClosing = false;
        this.pos = gt + 1;
        return CLOSE;
      }
      if (c1 === 63 /* ? */) {
        const end = s.indexOf('?>', pos + 2);
        if (end < 0) return this.more();
        this.pos = end + 2;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (s.startsWith('<!--', pos)) {
          const end = s.indexOf('-->', pos + 4);
          if (end < 0) return this.more();
          this.pos = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', pos)) {
          const end = s.indexOf(']]>', pos + 9);
          if (end < 0) return this.more();
          this.textStart = pos + 9;
          this.textEnd = end;
          this.cdata = true;
          this.pos = end + 3;
          return TEXT;
        }
        if (n - pos < 9 && !this.final) return this.more();
        throw malformedXml('DOCTYPE');
      }
      if (c1 !== c1 /* NaN: "<" is the last character so far */) return this.more();
      // The name runs to a blank, "/" or ">"; its local part starts after the last ":".
      let i = pos + 1;
      let local = i;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === 62 || c === 47 || isSpace(c)) break;
        if (c === 58) local = i + 1;
      }
      const gt = tagEnd(s, i);
      if (gt < 0) return this.more();
      const self = s.charCodeAt(gt - 1) === 47;
      this.nameStart = local;
      this.nameEnd = i;
      this.attrStart = i;
      this.attrEnd = self ? gt - 1 : gt;
      this.selfClosing = self;
      this.pendingClose = self;
      this.pos = gt + 1;
      return OPEN;
    }
  }

  /** Local name of the element just opened or closed ("c" for both <c> and <x:c>). */
  get name(): string {
    return this.buf.slice(this.nameStart, this.nameEnd);
  }

  /** Is the element just opened or closed called `local`? Compares in place, without a new string. */
  is(local: string): boolean {
    return sameText(this.buf, this.nameStart, this.nameEnd, local);
  }

  /** TEXT only: the text, entities decoded; a string of its own, not a view of the chunk. */
  text(): string {
    const raw = this.buf.slice(this.textStart, this.textEnd);
    if (this.cdata) return unslice(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
    return unslice(decodeText(raw));
  }

  /** TEXT only: is it only whitespace (the indentation between elements)? */
  isBlank(): boolean {
    for (let i = this.textStart; i < this.textEnd; i++) if (!isSpace(this.buf.charCodeAt(i))) return false;
    return true;
  }

  /** OPEN only: the value of an attribute by its full name ("r", "r:id"), entities decoded. */
  attr(name: string): string | undefined {
    const spans = new Int32Array(2);
    this.attrSpans([name], spans);
    return spans[0]! < 0 ? undefined : decodeAttr(this.buf.slice(spans[0], spans[1]));
  }

  /**
   * OPEN only, for hot paths (a cell's r, s and t): where the values of `names` are, in one pass
   * over the tag and without making strings. spans[2k] and spans[2k+1] delimit the raw value of
   * names[k] in `source` (entities not decoded), or are -1 when the tag does not have it.
   */
  attrSpans(names: readonly string[], spans: Int32Array): void {
    for (let k = 0; k < spans.length; k++) spans[k] = -1;
    // Character loops rather than indexOf: names and values are a few characters long, and
    // this runs for every cell.
    const s = this.buf;
    const end = this.attrEnd;
    let i = this.attrStart;
    for (;;) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return;
      const nameStart = i;
      let c = s.charCodeAt(i);
      while (i < end && c !== 61 && !isSpace(c)) c = s.charCodeAt(++i);
      const nameEnd = i;
      while (i < end && isSpace(c)) c = s.charCodeAt(++i);
      if (c !== 61 /* = */) throw malformedXml('attribute');
      c = s.charCodeAt(++i);
      while (i < end && isSpace(c)) c = s.charCodeAt(++i);
      if (c !== 34 && c !== 39) throw malformedXml('attribute');
      const valueStart = ++i;
      while (i < end && s.charCodeAt(i) !== c) i++;
      if (i >= end) throw malformedXml('attribute');
      for (let k = 0; k < names.length; k++) {
        if (sameText(s, nameStart, nameEnd, names[k]!)) {
          spans[2 * k] = valueStart;
          spans[2 * k + 1] = i;
          break;
        }
      }
      i++;
    }
  }

  /**
   * OPEN only, a fast path for the commonest shape in a sheet, `<c …><v>text</v>`: when the
   * element just opened goes on with exactly `<v>text</v>` (no prefix, attribute or markup in
   * it), consumes that and returns the text decoded; otherwise consumes nothing and returns null,
   * and the caller reads the tokens as usual. Saves three tokens of the five a cell takes.
   */
  simpleValue(): string | null {
    if (this.selfClosing) return null;
    const s = this.buf;
    const p = this.pos;
    if (s.charCodeAt(p) !== 60 || s.charCodeAt(p + 1) !== 118 || s.charCodeAt(p + 2) !== 62) return null; // "<v>"
    const lt = s.indexOf('<', p + 3);
    if (lt < 0 || !s.startsWith('</v>', lt)) return null;
    this.pos = lt + 4;
    return unslice(decodeText(s.slice(p + 3, lt)));
  }

  /** The current chunk of text, which attrSpans() positions refer to (valid until the next push). */
  get source(): string {
    return this.buf;
  }

  /** OPEN only: an attribute by its local name under any prefix ("id" finds "r:id"). */
  prefixedAttr(local: string): string | undefined {
    const m = new RegExp(`(?:^|\\s)[\\w.-]+:${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(this.buf.slice(this.attrStart, this.attrEnd));
    return m ? decodeAttr(m[1] ?? m[2] ?? '') : undefined;
  }

  private more(): typeof MORE {
    if (this.final) throw malformedXml('unexpected end');
    if (this.buf.length - this.pos > MAX_TOKEN) throw malformedXml('token too long');
    return MORE;
  }
}

/** Index of the ">" ending the start tag that begins at `from`, skipping quoted values; -1 if not yet seen. */
function tagEnd(s: string, from: number): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 62) return i;
    if (c === 34 || c === 39) {
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/**
 * V8 makes a slice of 13 or more characters a view that keeps the whole parent string alive:
 * a project code kept from a 64 KiB chunk would keep the chunk (128 KiB as UTF-16), and the
 * import holds codes and ids of 50,000 rows. Prepending a character and slicing it off again
 * copies the text into a string of its own.
 */
function unslice(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** s[start, end) === text, compared in place (charCodeAt beats startsWith on these short names). */
function sameText(s: string, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (s.charCodeAt(start + k) !== text.charCodeAt(k)) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

const ENTITY_RE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(whole: string, ref: string): string {
  if (ref.charCodeAt(0) !== 35 /* # */) return NAMED[ref] ?? whole;
  const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
}

/** Text content: line ends normalised first (a &#13; written on purpose survives), then entities. */
export function decodeText(raw: string): string {
  const t = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return t.includes('&') ? t.replace(ENTITY_RE, decodeEntity) : t;
}

/** Attribute values: XML turns literal tabs and line ends into spaces. */
function decodeAttr(raw: string): string {
  let plain = true;
  for (let i = 0; i < raw.length && plain; i++) {
    const c = raw.charCodeAt(i);
    plain = c !== 38 && c !== 9 && c !== 10 && c !== 13;
  }
  if (plain) return raw;
  const t = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return t.includes('&') ? t.replace(ENTITY_RE, decodeEntity) : t;
}
