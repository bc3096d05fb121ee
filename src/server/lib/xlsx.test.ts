import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from './xlsx.js';

describe('list exports', () => {
  it('writes an XLSX workbook whose sheet holds the header and rows, escaped', () => {
    const file = toXlsx(
      'Ärenden',
      ['Diarienummer', 'Antal'],
      [
        ['BOT 2026/00001', 3],
        ['<Åsa & Co>', null],
      ],
    );
    const parts = unzipSync(file);
    expect(Object.keys(parts)).toContain('xl/worksheets/sheet1.xml');
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain('<t xml:space="preserve">BOT 2026/00001</t>');
    expect(sheet).toContain('<c r="B2"><v>3</v></c>');
    expect(sheet).toContain('&lt;Åsa &amp; Co&gt;');
    expect(strFromU8(parts['xl/workbook.xml'] as Uint8Array)).toContain('name="Ärenden"');
  });

  it('writes CSV with quoting, a BOM, CRLF and no formula injection', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'he said "hi"'],
        ['=SUM(A1)', '-1'],
      ],
    );
    expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(csv).toContain('"x,y","he said ""hi"""');
    expect(csv).toContain("'=SUM(A1),'-1");
  });
});
