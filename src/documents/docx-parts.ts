import { DEFAULT_XLSX_LIMITS, entryChunks, openSource, readCentralDirectory } from '../xlsx/xlsx-zip.js';

/**
 * Reads parts of an Office package (document.xml, settings.xml …) back as text, with the same
 * bounded zip reader as the spreadsheet import. Used by tests and by anyone checking a
 * generated document without Word or LibreOffice.
 */
export async function readPackageParts(docx: Buffer, names: string[]): Promise<Record<string, string>> {
  const src = await openSource(docx);
  try {
    const { entries } = await readCentralDirectory(src, DEFAULT_XLSX_LIMITS);
    const out: Record<string, string> = {};
    for (const name of names) {
      const e = entries.find((x) => x.name === name);
      if (!e) continue;
      const chunks: Buffer[] = [];
      for await (const c of entryChunks(src, e)) chunks.push(c);
      out[name] = Buffer.concat(chunks).toString('utf8');
    }
    return out;
  } finally {
    await src.close();
  }
}

/** The visible text of a WordprocessingML part: every <w:t>, paragraphs on their own lines. */
export function wordText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}
