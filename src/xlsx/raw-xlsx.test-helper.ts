import { deflateRawSync } from 'node:zlib';

/**
 * Test helper: .xlsx files written by hand, part by part, to craft what Excel, WPS or other
 * producers write (shared strings, inline strings, namespace prefixes, Chinese built-in date
 * formats …) and archives no producer would write (zip bombs).
 */

/** A minimal zip writer: deflated (or stored) entries, optionally lying about their size. */
export function zip(entries: Array<{ name: string; data: Buffer; declaredSize?: number; store?: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.store ? e.data : deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface RawWorkbook {
  /** The <sheetData> content (rows), or a whole worksheet document when it starts with "<?xml". */
  sheet: string;
  /** <si> elements. */
  sharedStrings?: string;
  /** <numFmt> elements and the numFmtId of each cell style (index = the cell's s). */
  numFmts?: string;
  cellXfs?: number[];
  date1904?: boolean;
  /** Where the workbook part lives (default xl/workbook.xml); the rels follow it. */
  workbookPath?: string;
  /** Zip entry name of the shared strings (to test case-insensitive lookups). */
  sharedStringsEntry?: string;
  /** Extra sheets before the data sheet: [name, state]. */
  before?: Array<[string, string]>;
  /** What the worksheet entry declares as its size (a lie, for zip-bomb tests). */
  sheetDeclaredSize?: number;
}

export function rawXlsx(w: RawWorkbook): Buffer {
  const wbPath = w.workbookPath ?? 'xl/workbook.xml';
  const dir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const before = w.before ?? [];
  const sheets = [...before, ['数据', 'visible'] as [string, string]];
  const sheetDoc = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
  const entries: Array<{ name: string; data: Buffer; declaredSize?: number }> = [
    { name: '_rels/.rels', data: Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${wbPath}"/></Relationships>`) },
    {
      name: wbPath,
      data: Buffer.from(
        `<workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr${w.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map(([name, state], i) => `<sheet name="${name}" sheetId="${i + 1}" state="${state}" r:id="rId${i + 10}"/>`).join('')}</sheets></workbook>`,
      ),
    },
    {
      name: `${dir}_rels/${wbPath.slice(dir.length)}.rels`,
      data: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 10}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    {
      name: `${dir}styles.xml`,
      data: Buffer.from(`<styleSheet xmlns="${NS}"><numFmts>${w.numFmts ?? ''}</numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs>${(w.cellXfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0"/>`).join('')}</cellXfs></styleSheet>`),
    },
  ];
  before.forEach(([name], i) => entries.push({ name: `${dir}worksheets/sheet${i + 1}.xml`, data: Buffer.from(sheetDoc(`<row r="1"><c r="A1" t="inlineStr"><is><t>${name}</t></is></c></row>`)) }));
  const data = Buffer.from(w.sheet.startsWith('<?xml') ? w.sheet : sheetDoc(w.sheet));
  entries.push({ name: `${dir}worksheets/sheet${sheets.length}.xml`, data, ...(w.sheetDeclaredSize ? { declaredSize: w.sheetDeclaredSize } : {}) });
  if (w.sharedStrings !== undefined) entries.push({ name: w.sharedStringsEntry ?? `${dir}sharedStrings.xml`, data: Buffer.from(`<sst xmlns="${NS}">${w.sharedStrings}</sst>`) });
  return zip(entries);
}
