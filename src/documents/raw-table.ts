/**
 * A long table (an annex of hundreds of rows) written as WordprocessingML text. The docx
 * library builds an object per cell, paragraph and run and serialises them slowly — about 3 s
 * and 90 MB for a 300-row annex on a loaded machine — so tables past RAW_TABLE_MIN_ROWS are
 * written here as one string with the same properties the library writes (widths, borders,
 * exact line spacing, fonts, a repeated header row, rows that do not split across pages) and
 * put in place of a marker paragraph after packing.
 */
export const RAW_TABLE_MIN_ROWS = 40;

export const rawTableMarker = (n: number) => `LUODI-RAW-TABLE-${n}`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface RawTableSpec {
  columns: string[];
  rows: string[][];
  /** Column widths in twips. */
  widths: number[];
  /** Exact line height of a cell line, in twips. */
  line: number;
  halfPoints: number;
  bodyFont: string;
  headerFont: string;
  latinFont: string;
}

export function rawTableXml(t: RawTableSpec): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const border = (side: string) => `<w:${side} w:val="single" w:color="000000" w:sz="4"/>`;
  const run = (text: string, font: string) =>
    `<w:r><w:rPr><w:rFonts w:ascii="${esc(t.latinFont)}" w:eastAsia="${esc(font)}" w:hAnsi="${esc(t.latinFont)}" w:cs="${esc(t.latinFont)}"/><w:sz w:val="${t.halfPoints}"/><w:szCs w:val="${t.halfPoints}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  const cell = (text: string, i: number, header: boolean, center: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${t.widths[i]}"/><w:tcMar><w:top w:type="dxa" w:w="60"/><w:left w:type="dxa" w:w="100"/><w:bottom w:type="dxa" w:w="60"/><w:right w:type="dxa" w:w="100"/></w:tcMar><w:vAlign w:val="center"/></w:tcPr>` +
    String(text)
      .split('\n')
      .map((line) => `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="${t.line}" w:lineRule="exact"/><w:jc w:val="${center ? 'center' : 'left'}"/></w:pPr>${run(line, header ? t.headerFont : t.bodyFont)}</w:p>`)
      .join('') +
    '</w:tc>';
  const parts = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>`,
    `<w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    `<w:tr><w:trPr><w:tblHeader/></w:trPr>${t.columns.map((c, i) => cell(c, i, true, true)).join('')}</w:tr>`,
  ];
  for (const r of t.rows) parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((c, i) => cell(c, i, false, i === 0 && r.length > 2)).join('')}</w:tr>`);
  parts.push('</w:tbl>');
  return parts.join('');
}

/** Puts each raw table in place of the paragraph holding its marker. */
export function spliceRawTables(documentXml: string, tables: readonly string[]): string {
  let xml = documentXml;
  tables.forEach((table, n) => {
    const at = xml.indexOf(rawTableMarker(n) + '<');
    if (at < 0) throw new Error(`raw table ${n}: marker not found`);
    const open = Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at));
    const close = xml.indexOf('</w:p>', at) + '</w:p>'.length;
    xml = xml.slice(0, open) + table + xml.slice(close);
  });
  return xml;
}
