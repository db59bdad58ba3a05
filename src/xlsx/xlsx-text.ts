/**
 * Text for the XML we write. The worksheet is assembled as a "byte string": a JavaScript string
 * whose every character is one byte of the UTF-8 file (markup and ASCII as they are, other text
 * pre-encoded). V8 keeps such a string in one byte per character and Buffer.from(s, 'latin1')
 * copies it as is, where encoding a two-byte (CJK) string of 60 MB to UTF-8 took longer than
 * rendering it.
 */
/** Escapes text for a double-quoted XML attribute. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;');
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, U+FFFE/FFFF) and lone
// surrogates are dropped, as exceljs did; a valid surrogate pair (e.g. a rare CJK ideograph in
// plane 2) is kept. The fast test lets the common case (no special character) skip the replace.
const TEXT_TEST = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_REPLACE = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Escapes text for an XML text node. */
export function xmlText(s: string): string {
  if (!TEXT_TEST.test(s)) return s;
  return s.replace(TEXT_REPLACE, (m) => (m.length === 2 ? m : m === '&' ? '&amp;' : m === '<' ? '&lt;' : m === '>' ? '&gt;' : ''));
}

/** Characters that need work: XML specials, characters XML cannot carry, anything not ASCII. */
const NOT_PLAIN = /[^\t\n\r\x20-\x25\x27-\x3b\x3d\x3f-\x7e]/;
const NOT_ASCII = /[^\x00-\x7f]/;
/** Short texts repeat down a ledger (units, industries, labels): their encodings are kept. */
const cache = new Map<string, string>();
const CACHE_MAX_ENTRIES = 10_000;
const CACHE_MAX_LENGTH = 40;

/** Escaped text node content as a byte string (see above). */
export function xmlTextBytes(s: string): string {
  if (!NOT_PLAIN.test(s)) return s;
  let bytes = cache.get(s);
  if (bytes === undefined) {
    const escaped = xmlText(s);
    bytes = NOT_ASCII.test(escaped) ? Buffer.from(escaped, 'utf8').toString('latin1') : escaped;
    if (s.length <= CACHE_MAX_LENGTH) {
      if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
      cache.set(s, bytes);
    }
  }
  return bytes;
}
