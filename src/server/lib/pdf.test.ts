import { describe, expect, it } from 'vitest';
import { textWidth, toPdf, wrap } from './pdf.js';

describe('the PDF writer', () => {
  it('wraps text to the width, cutting only a word longer than a line', () => {
    const lines = wrap('Förstärka det strategiska investerings- och etableringsarbetet', 120, 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('Förstärka det strategiska investerings- och etableringsarbetet');
    expect(wrap('x'.repeat(100), 50, 10).every((l) => textWidth(l, 10) <= 50)).toBe(true);
  });

  it('writes Swedish letters as WinAnsi bytes, escapes parentheses, and points the xref at every object', () => {
    const pdf = Buffer.from(
      toPdf({
        title: 'Åtgärder (2025) – Örebro',
        blocks: [
          { kind: 'heading', text: 'Åtgärder (2025) – Örebro' },
          {
            kind: 'table',
            columns: [
              { header: 'Del', width: 3 },
              { header: 'Antal', width: 1, align: 'right' },
            ],
            rows: Array.from({ length: 120 }, (_, i) => ({ cells: [`Rad ${i} med å, ä och ö`, String(i)] })),
          },
        ],
      }),
    );
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain('(\xc5tg\xe4rder \\(2025\\) \x96 \xd6rebro) Tj');
    expect(text).toContain('/Count 3'); // 120 rows do not fit on one page
    const xref = Number(text.match(/startxref\n(\d+)/)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(5);
    offsets.forEach((offset, i) => expect(text.startsWith(`${i + 1} 0 obj\n`, offset)).toBe(true));
  });
});
