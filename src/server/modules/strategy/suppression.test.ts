import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, MIN_COUNT, suppressLine, suppressTable } from './suppression.js';

/**
 * An independent check, by linear algebra rather than graphs: the published values and the sums
 * give linear equations in the suppressed unknowns; an unknown is determined exactly when its unit
 * vector lies in the row space of the coefficient matrix.
 */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = -1;
    for (let i = r; i < m.length; i++) if (Math.abs((m[i] as number[])[c] as number) > 1e-9) pivot = i;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] as number) / (p[c] as number);
      if (f !== 0) for (let k = c; k < cols; k++) row[k] = (row[k] as number) - f * (p[k] as number);
    }
    r++;
  }
  return r;
}

/** Indices of the unknowns that the equations (each a list of unknown indices with signs) pin down. */
function determined(unknowns: number, equations: [number, number][][]): number[] {
  if (unknowns === 0) return [];
  const matrix = equations.map((eq) => {
    const row = new Array<number>(unknowns).fill(0);
    for (const [i, sign] of eq) row[i] = (row[i] as number) + sign;
    return row;
  });
  const base = rank(matrix);
  const out: number[] = [];
  for (let i = 0; i < unknowns; i++) {
    const unit = new Array<number>(unknowns).fill(0);
    unit[i] = 1;
    if (rank([...matrix, unit]) === base) out.push(i);
  }
  return out;
}

/** For a 2-D result: the suppressed entries (value) that the published figures determine. */
function derivableInTable(counts: number[][], result: ReturnType<typeof suppressTable>): number[] {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  const published: Cell[][] = [
    ...result.cells.map((row, r) => [...row, result.rowTotals[r] as Cell]),
    [...result.columnTotals, result.total],
  ];
  const index = new Map<string, number>();
  const values: number[] = [];
  const valueAt = (r: number, c: number) => {
    if (r < rows && c < cols) return (counts[r] as number[])[c] as number;
    if (r < rows) return (counts[r] as number[]).reduce((a, b) => a + b, 0);
    if (c < cols) return counts.reduce((a, row) => a + (row[c] as number), 0);
    return counts.flat().reduce((a, b) => a + b, 0);
  };
  published.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === null) {
        index.set(`${r},${c}`, values.length);
        values.push(valueAt(r, c));
      }
    }),
  );
  const equations: [number, number][][] = [];
  for (let r = 0; r <= rows; r++) {
    const eq: [number, number][] = [];
    for (let c = 0; c <= cols; c++) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq.push([i, c === cols ? -1 : 1]);
    }
    if (eq.length) equations.push(eq);
  }
  for (let c = 0; c <= cols; c++) {
    const eq: [number, number][] = [];
    for (let r = 0; r <= rows; r++) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq.push([i, r === rows ? -1 : 1]);
    }
    if (eq.length) equations.push(eq);
  }
  return determined(values.length, equations).map((i) => values[i] as number);
}

const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([r, c]) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe('suppressLine (a breakdown and its total)', () => {
  it('refuses what is not a count', () => {
    expect(() => suppressLine([1, -1])).toThrow(RangeError);
    expect(() => suppressLine([1.5])).toThrow(RangeError);
  });

  it('shows a breakdown without small counts as it is', () => {
    expect(suppressLine([12, 0, 7])).toEqual({ cells: [12, 0, 7], total: 19 });
  });

  it('hides the smallest other count beside a lone small one', () => {
    expect(suppressLine([3, 40, 9, 0])).toEqual({ cells: [null, 40, null, 0], total: 52 });
  });

  it('hides every count under 5 and leaves none of them derivable from the total', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 12 }), (counts) => {
        const { cells, total } = suppressLine(counts);
        const sum = counts.reduce((a, b) => a + b, 0);
        counts.forEach((n, i) => {
          if (n > 0 && n < MIN_COUNT) expect(cells[i]).toBeNull();
          if (cells[i] !== null) expect(cells[i]).toBe(n);
        });
        if (sum > 0 && sum < MIN_COUNT) expect(total).toBeNull();
        const unknowns = cells.filter((c) => c === null).length + (total === null ? 1 : 0);
        expect(unknowns === 0 || unknowns >= 2).toBe(true);
        // Only positive counts are hidden, so ±1 between two unknowns keeps every figure shown.
        counts.forEach((n, i) => {
          if (cells[i] === null) expect(n).toBeGreaterThan(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('suppressTable (rows × columns with all totals)', () => {
  it('hides a lone small count with a rectangle of complements', () => {
    const result = suppressTable([
      [2, 10],
      [20, 30],
    ]);
    expect(result.cells).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(result.total).toBe(62);
  });

  it('hides every count under 5, keeps every shown figure true, and leaves no hidden count derivable', () => {
    fc.assert(
      fc.property(table, (counts) => {
        const result = suppressTable(counts);
        const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
        const columnTotals = (counts[0] as number[]).map((_, c) =>
          counts.reduce((a, row) => a + (row[c] as number), 0),
        );
        const total = rowTotals.reduce((a, b) => a + b, 0);
        const pairs: [number, Cell][] = [
          ...counts.flatMap((row, r) => row.map((n, c): [number, Cell] => [n, (result.cells[r] as Cell[])[c] as Cell])),
          ...rowTotals.map((n, r): [number, Cell] => [n, result.rowTotals[r] as Cell]),
          ...columnTotals.map((n, c): [number, Cell] => [n, result.columnTotals[c] as Cell]),
          [total, result.total],
        ];
        for (const [truth, shown] of pairs) {
          if (truth > 0 && truth < MIN_COUNT) expect(shown).toBeNull();
          if (shown !== null) expect(shown).toBe(truth);
          else expect(truth).toBeGreaterThan(0);
        }
        expect(derivableInTable(counts, result)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('copes with a wide table (municipalities × groups) quickly', () => {
    const counts = Array.from({ length: 290 }, (_, r) => [r % 7, (r * 3) % 11, (r * 5) % 13, 20 + (r % 4)]);
    const started = performance.now();
    const result = suppressTable(counts);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(derivableInTable(counts, result)).toEqual([]);
  });
});
