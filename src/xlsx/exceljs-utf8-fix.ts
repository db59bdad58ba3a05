/**
 * exceljs' streaming reader decodes each compressed chunk of a sheet on its own
 * (`bufferToString(chunk)` in lib/utils/parse-sax.js), so a Chinese character whose UTF-8 bytes
 * straddle two chunks comes out as "���" — seen on real 50,000-row ledgers. We register a
 * corrected parse-sax in Node's module cache before exceljs loads it: the same parser, fed
 * through a StringDecoder that carries partial characters across chunks. The xlsx adapter loads
 * exceljs only through `loadExcelJS()` (a require at run time, so no bundler can hoist the
 * import above the fix); the test setup installs the fix first too.
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}

export function installExcelJsUtf8Fix(): void {
  if (require.cache[parseSaxPath]) return;
  const { SaxesParser } = createRequire(parseSaxPath)('saxes') as {
    SaxesParser: new () => { on(event: string, fn: (v: unknown) => void): void; write(text: string): void };
  };
  async function* parseSax(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
    const parser = new SaxesParser();
    const decoder = new StringDecoder('utf8');
    let error: unknown;
    let events: SaxEvent[] = [];
    parser.on('error', (e) => (error = e));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.end();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const mod = { id: parseSaxPath, filename: parseSaxPath, loaded: true, exports: parseSax, children: [], paths: [] };
  require.cache[parseSaxPath] = mod as unknown as NodeJS.Module;
}

installExcelJsUtf8Fix();

/** exceljs, loaded after the fix. */
export function loadExcelJS(): typeof import('exceljs') {
  installExcelJsUtf8Fix();
  return require('exceljs') as typeof import('exceljs');
}
