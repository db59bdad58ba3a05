import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInlineType, sniffFile, storedFileName, type SniffResult } from './file-types.js';

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u16 = (s: string) => Buffer.from(s, 'utf16le');
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** A zip's first local header followed by the part names a real package carries. */
const zip = (...names: string[]) => bytes([0x50, 0x4b, 0x03, 0x04], Buffer.alloc(26), ...names.map((n) => `${n}\u0000\u0000data`));

const kindOf = (r: SniffResult) => (r.ok ? r.kind.key : `refused:${r.reason}`);

describe('sniffFile', () => {
  it('recognises images and PDF by their magic bytes, whatever the name says', () => {
    expect(kindOf(sniffFile(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj')))).toBe('pdf');
    expect(kindOf(sniffFile(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).toBe('png');
    expect(kindOf(sniffFile(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF')))).toBe('jpeg');
    expect(kindOf(sniffFile(bytes('GIF89a', [1, 0, 1, 0])))).toBe('gif');
    expect(kindOf(sniffFile(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')))).toBe('webp');
    expect(kindOf(sniffFile(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')))).toBe('refused:unknown');
  });

  it('tells Word from Excel inside Office zips, and refuses other zips and macro documents', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['项目名称', '总投资']);
    expect(kindOf(sniffFile(Buffer.from(await wb.xlsx.writeBuffer())))).toBe('xlsx');
    expect(kindOf(sniffFile(zip('[Content_Types].xml', '_rels/.rels', 'word/document.xml')))).toBe('docx');
    expect(kindOf(sniffFile(zip('[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin')))).toBe('refused:macro');
    expect(kindOf(sniffFile(zip('readme.txt', 'setup.exe')))).toBe('refused:archive');
    expect(kindOf(sniffFile(zip('[Content_Types].xml', 'ppt/presentation.xml')))).toBe('refused:archive');
  });

  it('accepts old .doc/.xls compound files only with a Word or Excel stream (not .msi installers)', () => {
    const ole = (...names: string[]) => bytes(OLE, Buffer.alloc(504), ...names.map((n) => u16(`${n}\u0000`)));
    expect(kindOf(sniffFile(ole('Root Entry', 'WordDocument', '1Table')))).toBe('doc');
    expect(kindOf(sniffFile(ole('Root Entry', 'Workbook', 'SummaryInformation')))).toBe('xls');
    expect(kindOf(sniffFile(ole('Root Entry', 'Book')))).toBe('xls');
    expect(kindOf(sniffFile(ole('Root Entry', 'WordDocument', 'Macros')))).toBe('refused:macro');
    expect(kindOf(sniffFile(ole('Root Entry', '\u4840\u3b3f\u4577')))).toBe('refused:unknown'); // an .msi
    // The word "Macros" in a document's own UTF-16 text is no directory entry.
    expect(kindOf(sniffFile(bytes(OLE, Buffer.alloc(504), u16('Root Entry\u0000WordDocument\u0000'), u16('Macros are disabled'))))).toBe('doc');
  });

  it('refuses executables and scripts', () => {
    expect(kindOf(sniffFile(bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])))).toBe('refused:executable');
    expect(kindOf(sniffFile(bytes([0x7f], 'ELF', [2, 1, 1])))).toBe('refused:executable');
    expect(kindOf(sniffFile(bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])))).toBe('refused:executable');
    expect(kindOf(sniffFile(bytes('#!/bin/sh\nrm -rf /\n')))).toBe('refused:executable');
  });

  it('refuses markup a browser could render: HTML, SVG, XML', () => {
    expect(kindOf(sniffFile(bytes('<!DOCTYPE html><html><body>hi</body></html>')))).toBe('refused:markup');
    expect(kindOf(sniffFile(Buffer.from('\ufeff  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')))).toBe('refused:markup');
    expect(kindOf(sniffFile(Buffer.from('<?xml version="1.0"?><x/>')))).toBe('refused:markup');
    expect(kindOf(sniffFile(Buffer.from('说明如下\n<script>alert(1)</script>')))).toBe('refused:markup');
    expect(kindOf(sniffFile(Buffer.from('\ufeff<html>', 'utf16le')))).toBe('refused:markup');
  });

  it('accepts plain text in UTF-8, UTF-16 and GB18030, and names its charset', () => {
    const utf8 = sniffFile(Buffer.from('施工许可证已核发\r\n编号：2026-001\t甲类\n'));
    expect(utf8.ok && utf8.kind.contentType).toBe('text/plain; charset=utf-8');
    const gbk = sniffFile(Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xcb, 0xb5, 0xc3, 0xf7, 0x0d, 0x0a])); // 中文说明 in GBK
    expect(gbk.ok && gbk.kind.contentType).toBe('text/plain; charset=gb18030');
    const utf16 = sniffFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('会议纪要', 'utf16le')]));
    expect(utf16.ok && utf16.kind.contentType).toBe('text/plain; charset=utf-16le');
    expect(kindOf(sniffFile(Buffer.from('1 < 2 and a<b are fine in prose')))).toBe('text');
  });

  it('refuses empty files and binary junk, and never throws on any input', () => {
    expect(kindOf(sniffFile(new Uint8Array()))).toBe('refused:empty');
    expect(kindOf(sniffFile(bytes([0, 1, 2, 3, 0xff, 0xfe, 0, 0])))).toBe('refused:unknown');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (buf) => {
        const r = sniffFile(buf);
        // Whatever is accepted is one of the listed kinds, with a type a browser will not run.
        if (r.ok) expect(r.kind.contentType).toMatch(/^(application\/(pdf|msword|vnd\.)|image\/(png|jpeg|gif|webp)|text\/plain; charset=)/);
      }),
    );
  });
});

describe('storedFileName', () => {
  const pdf = sniffFile(bytes('%PDF-1.4'));
  const text = sniffFile(Buffer.from('hello'));
  if (!pdf.ok || !text.ok) throw new Error('fixtures');

  it('keeps a fitting name, drops path parts and control characters', () => {
    expect(storedFileName('C:\\Users\\张三\\Desktop\\施工许可证.PDF', pdf.kind)).toBe('施工许可证.PDF');
    expect(storedFileName('../../etc/证明\u0000\u202e.pdf', pdf.kind)).toBe('证明.pdf');
    expect(storedFileName('证明\u202efdp.exe', pdf.kind)).toBe('证明fdp.exe.pdf');
    expect(storedFileName('  签约  仪式.pdf ', pdf.kind)).toBe('签约 仪式.pdf');
  });

  it('adds the real extension when the name does not fit the content', () => {
    expect(storedFileName('setup.exe', pdf.kind)).toBe('setup.exe.pdf');
    expect(storedFileName('run.bat', text.kind)).toBe('run.bat.txt');
    expect(storedFileName('', pdf.kind)).toBe('file.pdf');
    expect(storedFileName('...', pdf.kind)).toBe('file.pdf');
    expect(storedFileName('数据.csv', text.kind)).toBe('数据.csv');
  });

  it('caps long names at 120 characters, keeping the extension', () => {
    const name = storedFileName(`${'长'.repeat(300)}.pdf`, pdf.kind);
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('shows only images and PDF inline', () => {
    expect(['image/png', 'application/pdf', 'image/webp'].every(isInlineType)).toBe(true);
    expect(['text/plain; charset=utf-8', 'image/svg+xml', 'text/html', 'application/msword'].some(isInlineType)).toBe(false);
  });
});
