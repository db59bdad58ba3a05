import { describe, expect, it } from 'vitest';
import { rawXlsx } from './raw-xlsx.test-helper.js';
import { SheetRowsScanner, columnIndexOf } from './sheet-rows.js';
import { isDateFormat } from './xlsx-parts.js';
import { readSheetRows, type SheetRow } from './xlsx-reader.js';
import { CLOSE, MORE, OPEN, TEXT, XmlTokens } from './xml-tokens.js';

async function rows(file: Buffer, opts?: Parameters<typeof readSheetRows>[1]): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readSheetRows(file, opts)) out.push(r);
  return out;
}

/** Every token of `doc` fed in the given pieces, as readable strings. */
function tokens(pieces: Buffer[]): string[] {
  const x = new XmlTokens();
  const out: string[] = [];
  const drain = () => {
    for (let t = x.next(); t !== MORE; t = x.next()) {
      if (t === OPEN) out.push(`<${x.name}${x.selfClosing ? '/' : ''} a=${x.attr('a') ?? '-'} id=${x.prefixedAttr('id') ?? '-'}>`);
      else if (t === CLOSE) out.push(`</${x.name}>`);
      else if (t === TEXT && !x.isBlank()) out.push(`"${x.text()}"`);
    }
  };
  for (const p of pieces) {
    x.push(p);
    drain();
  }
  x.finish();
  drain();
  return out;
}

describe('XmlTokens', () => {
  const doc = Buffer.from(
    '<?xml version="1.0"?>\r\n<!-- 注释 --><x:root xmlns:x="urn:x" a=\'1 > 0\'>\n  <x:c r:id="rId7" a = "&lt;&amp;&#x41;&#66;&quot;"/>' +
      '<t>项目&amp;名称\r\n第二行&#13;</t><t><![CDATA[<不解析> & 原样]]></t><t>&unknown; 保留</t></x:root>',
  );
  const expected = [
    '<root a=1 > 0 id=->',
    '<c/ a=<&AB" id=rId7>',
    '</c>',
    '<t a=- id=->',
    '"项目&名称\n第二行\r"',
    '</t>',
    '<t a=- id=->',
    '"<不解析> & 原样"',
    '</t>',
    '<t a=- id=->',
    '"&unknown; 保留"',
    '</t>',
    '</root>',
  ];

  it('reads elements, attributes, entities, CDATA and comments, with local names', () => {
    expect(tokens([doc])).toEqual(expected);
  });

  it('gives the same tokens wherever the chunks split, even inside a character', () => {
    for (let i = 1; i < doc.length; i++) {
      expect(tokens([doc.subarray(0, i), doc.subarray(i)])).toEqual(expected);
      if (i + 2 < doc.length) expect(tokens([doc.subarray(0, i), doc.subarray(i, i + 2), doc.subarray(i + 2)])).toEqual(expected);
    }
  });

  it('refuses a DOCTYPE, broken UTF-8, an unfinished document and an endless token', () => {
    const reason = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return String((e as { details?: { reason?: string } }).details?.reason);
      }
      return 'no error';
    };
    expect(reason(() => tokens([Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')]))).toMatch(/DOCTYPE/);
    expect(reason(() => tokens([Buffer.from([0x3c, 0x78, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x78, 0x3e])]))).toMatch(/UTF-8/);
    expect(reason(() => tokens([Buffer.from('<x><c r="A1"')]))).toMatch(/unexpected end/);
    expect(reason(() => tokens([Buffer.from(`<x a="${'y'.repeat(1_100_000)}`)]))).toMatch(/too long/);
    // Attributes are only parsed on request, so a bad one fails only the reader that needs it.
    const x = new XmlTokens();
    x.push(Buffer.from('<x a=1/>'));
    x.finish();
    expect(x.next()).toBe(OPEN);
    expect(reason(() => x.attr('a'))).toMatch(/attribute/);
  });
});

describe('SheetRowsScanner', () => {
  it('reads cell references in place and fills gaps with null', () => {
    expect(columnIndexOf('A1')).toBe(0);
    expect(columnIndexOf('AB12')).toBe(27);
    expect(columnIndexOf('xfd9')).toBe(16_383);
    expect(columnIndexOf('12')).toBe(-1);
    const s = new SheetRowsScanner({ sharedStrings: [], dateStyles: [], date1904: false, maxColumns: 4 });
    const out = s.push(Buffer.from('<worksheet><sheetData><row r="3"><c r="C3"><v>1</v></c><c><v>2</v></c><c r="F3"><v>9</v></c></row><row><c t="str"><v></v></c></row></sheetData>'));
    expect(out).toEqual([
      { rowNumber: 3, cells: [null, null, 1, 2] },
      { rowNumber: 4, cells: [''] },
    ]);
    expect(s.done).toBe(true);
  });

  it('knows date formats the way Excel shows them', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'h:mm', 'mmm-yy']) expect(isDateFormat(f)).toBe(true);
    for (const f of ['0.00', '#,##0', '#,##0.00"万元"', '[Red]0.0', '@', 'General', '0.0\\d']) expect(isDateFormat(f)).toBe(false);
  });
});

describe('readSheetRows on workbooks written by other producers', () => {
  it('reads shared strings: rich text joined, phonetic guides left out, _xHHHH_ decoded', async () => {
    const file = rawXlsx({
      sharedStrings: '<si><t>项目名称</t></si><si><r><rPr><b/></rPr><t>设备</t></r><r><t xml:space="preserve">安装 </t></r><rPh sb="0" eb="1"><t>シ</t></rPh></si><si><t>第一行_x000D_\n第二行</t></si><si><t/></si>',
      sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>99</v></c></row>',
      sharedStringsEntry: 'xl/SharedStrings.xml',
    });
    expect(await rows(file)).toEqual([{ rowNumber: 1, cells: ['项目名称', '设备安装 ', '第一行\r\n第二行', ''] }]);
  });

  it('reads inline strings, formula results, booleans, errors and ISO dates', async () => {
    const file = rawXlsx({
      sheet:
        '<row r="2"><c r="A2" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c><c r="B2"><f>SUM(1,2)</f><v>3</v></c><c r="C2" t="str"><f>A2&amp;"!"</f><v>富文本!</v></c>' +
        '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="d"><v>2026-03-15T00:00:00</v></c><c r="G2"><f>NOW()</f></c><c r="H2" t="n"><v>0</v></c></row>',
    });
    expect(await rows(file)).toEqual([{ rowNumber: 2, cells: ['富文本', 3, '富文本!', true, null, new Date(Date.UTC(2026, 2, 15)), null, 0] }]);
  });

  it('turns numbers under date formats into dates: custom, built-in, Chinese built-in, 1904', async () => {
    const sheet = '<row r="1"><c r="A1" s="1"><v>46096</v></c><c r="B1" s="2"><v>46096</v></c><c r="C1" s="3"><v>46096</v></c><c r="D1" s="4"><v>46096</v></c><c r="E1"><v>46096</v></c></row>';
    const numFmts = '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00"/>';
    const day = new Date(Date.UTC(2026, 2, 15));
    expect(await rows(rawXlsx({ sheet, numFmts, cellXfs: [0, 164, 14, 31, 165] }))).toEqual([{ rowNumber: 1, cells: [day, day, day, 46096, 46096] }]);
    const d1904 = await rows(rawXlsx({ sheet, numFmts, cellXfs: [0, 164, 14, 31, 165], date1904: true }));
    expect(d1904[0]?.cells[0]).toEqual(new Date(Date.UTC(2030, 2, 16)));
  });

  it('shows a merged cell in its first cell only, and ignores what follows the rows', async () => {
    const file = rawXlsx({
      sheet:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n  <sheetData>\n    <row r="1">\n      <c r="A1" t="inlineStr"><is><t>投资（万元）</t></is></c>\n      <c r="B1"/>\n      <c r="C1"/>\n    </row>\n' +
        '    <row r="2"><c r="A2" t="inlineStr"><is><t>合计</t></is></c><c r="B2" t="inlineStr"><is><t>其中</t></is></c></row>\n  </sheetData>\n  <mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>\n  <broken',
    });
    expect(await rows(file)).toEqual([
      { rowNumber: 1, cells: ['投资（万元）'] },
      { rowNumber: 2, cells: ['合计', '其中'] },
    ]);
  });

  it('reads namespace-prefixed XML, a workbook elsewhere, and picks the first visible sheet', async () => {
    const file = rawXlsx({
      workbookPath: 'book/main.xml',
      before: [['隐藏', 'hidden']],
      sheet: '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    });
    expect(await rows(file)).toEqual([{ rowNumber: 5, cells: [null, '甲'] }]);
    expect(await rows(file, { sheet: 0 })).toEqual([{ rowNumber: 1, cells: ['隐藏'] }]);
    expect(await rows(file, { sheet: '数据' })).toHaveLength(1);
  });

  it('refuses a sheet that inflates beyond its declared size, and malformed sheet XML', async () => {
    const big = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(5000);
    await expect(rows(rawXlsx({ sheet: big, sheetDeclaredSize: 2000 }))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { reason: expect.stringContaining('zip bomb') } });
    await expect(rows(rawXlsx({ sheet: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>b' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
