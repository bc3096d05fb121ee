/**
 * A minimal PDF 1.4 writer for reports: headings, paragraphs and text tables on A4 pages, in the
 * standard Helvetica fonts every PDF reader has (nothing embedded, nothing downloaded) with
 * WinAnsiEncoding, which covers Swedish (å ä ö é) and the usual typographic marks. What a report
 * needs, without a PDF library and its font files.
 */

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; size?: number }
  | {
      kind: 'table';
      /** Relative widths; the table fills the text width. `indent` (per row) pushes the first cell right. */
      columns: { header: string; width: number; align?: 'left' | 'right' }[];
      rows: { cells: string[]; indent?: number; bold?: boolean }[];
    };

export interface PdfDocument {
  title: string;
  language?: string;
  blocks: PdfBlock[];
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

// Advance widths (1/1000 em) of Helvetica and Helvetica-Bold for ASCII 32–126, from Adobe's AFM files.
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];

/** WinAnsiEncoding's 0x80–0x9F block; 0xA0–0xFF are the same as Latin-1. */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '\u2018': 0x91,
  '\u2019': 0x92,
  '\u201c': 0x93,
  '\u201d': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
  '\u2212': 0x2d,
};

/** A character's WinAnsi byte; '?' for what the encoding cannot show. */
function winAnsi(char: string): number {
  const code = char.codePointAt(0) ?? 63;
  if (code >= 32 && code <= 126) return code;
  if (code >= 0xa0 && code <= 0xff) return code;
  if (char === '\t' || char === '\n') return 32;
  return WIN_ANSI[char] ?? 63;
}

function charWidth(char: string, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  const code = char.codePointAt(0) ?? 63;
  if (code >= 32 && code <= 126) return table[code - 32] as number;
  // Accented letters are as wide as their base letter (å as a, Ö as O).
  const base = char.normalize('NFD')[0] ?? '';
  const baseCode = base.codePointAt(0) ?? 0;
  if (base !== char && baseCode >= 32 && baseCode <= 126) return table[baseCode - 32] as number;
  return 556;
}

export function textWidth(text: string, size: number, bold = false): number {
  let width = 0;
  for (const char of text) width += charWidth(char, bold);
  return (width * size) / 1000;
}

/** Breaks text into lines no wider than `width`; a word longer than a line is cut. */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, size, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (textWidth(rest, size, bold) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), size, bold) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

function pdfString(text: string): string {
  let out = '';
  for (const char of text) {
    const byte = winAnsi(char);
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return `(${out})`;
}

/** A Unicode string for the document information (UTF-16BE with a byte order mark, in hex). */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

class Pages {
  readonly pages: string[][] = [];
  private y = 0;

  constructor() {
    this.newPage();
  }

  newPage() {
    this.pages.push([]);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Makes room for `height` points, starting a new page when the current one is full. */
  need(height: number) {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  space(height: number) {
    this.y -= height;
  }

  text(x: number, size: number, bold: boolean, text: string, align: 'left' | 'right' = 'left', width = 0) {
    if (text === '') return;
    const left = align === 'right' ? x + width - textWidth(text, size, bold) : x;
    (this.pages.at(-1) as string[]).push(
      `BT /${bold ? 'F2' : 'F1'} ${size} Tf ${num(left)} ${num(this.y - size)} Td ${pdfString(text)} Tj ET`,
    );
  }

  rule(x1: number, x2: number) {
    (this.pages.at(-1) as string[]).push(`0.6 G 0.5 w ${num(x1)} ${num(this.y)} m ${num(x2)} ${num(this.y)} l S 0 G`);
  }
}

function layout(doc: PdfDocument): string[][] {
  const out = new Pages();
  const x0 = PAGE.margin;
  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      out.need(40);
      out.space(8);
      for (const line of wrap(block.text, TEXT_WIDTH, 13, true)) {
        out.need(17);
        out.text(x0, 13, true, line);
        out.space(17);
      }
      out.space(3);
    } else if (block.kind === 'paragraph') {
      const size = block.size ?? 10;
      for (const line of wrap(block.text, TEXT_WIDTH, size)) {
        out.need(size * 1.35);
        out.text(x0, size, false, line);
        out.space(size * 1.35);
      }
      out.space(4);
    } else {
      const size = 8.5;
      const leading = size * 1.3;
      const total = block.columns.reduce((a, c) => a + c.width, 0);
      const widths = block.columns.map((c) => (TEXT_WIDTH * c.width) / total);
      const lefts = widths.map((_, i) => x0 + widths.slice(0, i).reduce((a, w) => a + w, 0));
      const pad = 3;
      const header = () => {
        const cells = block.columns.map((c, i) => wrap(c.header, (widths[i] as number) - 2 * pad, size, true));
        const height = Math.max(...cells.map((c) => c.length)) * leading + 2;
        out.need(height + leading);
        cells.forEach((lines, i) =>
          lines.forEach((line, l) => {
            out.space(l * leading);
            out.text(
              (lefts[i] as number) + pad,
              size,
              true,
              line,
              block.columns[i]?.align,
              (widths[i] as number) - 2 * pad,
            );
            out.space(-l * leading);
          }),
        );
        out.space(height);
        out.rule(x0, x0 + TEXT_WIDTH);
        out.space(2);
      };
      header();
      for (const row of block.rows) {
        const indent = (row.indent ?? 0) * 8;
        const cells = block.columns.map((_, i) =>
          wrap(row.cells[i] ?? '', (widths[i] as number) - 2 * pad - (i === 0 ? indent : 0), size, row.bold),
        );
        const height = Math.max(...cells.map((c) => c.length)) * leading + 2;
        if (out.pages.length > 0) {
          const before = out.pages.length;
          out.need(height);
          if (out.pages.length !== before) header();
        }
        cells.forEach((lines, i) =>
          lines.forEach((line, l) => {
            out.space(l * leading);
            out.text(
              (lefts[i] as number) + pad + (i === 0 ? indent : 0),
              size,
              row.bold ?? false,
              line,
              block.columns[i]?.align,
              (widths[i] as number) - 2 * pad - (i === 0 ? indent : 0),
            );
            out.space(-l * leading);
          }),
        );
        out.space(height);
      }
      out.space(8);
    }
  }
  return out.pages;
}

/** Renders the document: A4, page numbers in the footer, the title in the document information. */
export function toPdf(doc: PdfDocument, now: Date = new Date()): Uint8Array {
  const pages = layout(doc);
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const stamp = now
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const info = add(
    `<< /Title ${pdfTextString(doc.title)} /Producer (Lotsen) /Creator (Lotsen) /CreationDate (D:${stamp}) >>`,
  );
  const kids: number[] = [];
  pages.forEach((commands, i) => {
    const footer = `BT /F1 8 Tf ${num(PAGE.margin)} ${num(PAGE.margin / 2)} Td ${pdfString(`${doc.title} – sida ${i + 1} av ${pages.length}`)} Tj ET`;
    const content = [...commands, footer].join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang (${doc.language ?? 'sv-SE'}) >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  // Latin-1 throughout: every byte of the text is a WinAnsi byte already.
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
