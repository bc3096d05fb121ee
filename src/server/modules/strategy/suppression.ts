/**
 * Small-count suppression for published counts of companies (reach analysis, open data).
 *
 * Rule: every count from 1 to 4 is suppressed (primary suppression; 0 says nothing about any
 * company and is shown). Then, so that no suppressed count can be worked out from the counts and
 * totals that are shown, further counts are suppressed (secondary suppression) until every
 * suppressed count is one of at least two unknowns in every sum it takes part in, and no chain of
 * sums pins it down either.
 *
 * Why the 2-D rule works: write the table with its margins as an (R+1)×(C+1) grid in which every
 * row and column sums to zero (totals enter with a minus sign). Suppressed entries are edges of a
 * bipartite graph between row and column lines. The published values determine a suppressed entry
 * exactly when that edge is a bridge of the graph (the null space of an incidence matrix is its
 * cycle space). So secondary suppression adds the cheapest path of positive entries that closes a
 * cycle through each bridge. Only positive entries are ever suppressed, so moving ±1 around any
 * cycle gives another non-negative table that matches everything published: no suppressed count
 * is determined, not even with the knowledge that counts are non-negative.
 */
export const MIN_COUNT = 5;

/** A published count: its value, or null when suppressed. */
export type Cell = number | null;

export interface SuppressedLine {
  cells: Cell[];
  total: Cell;
}

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
}

const primary = (n: number) => n > 0 && n < MIN_COUNT;

function assertCounts(values: readonly number[]) {
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`not a count: ${v}`);
  }
}

/** Suppresses a one-way breakdown (categories and their total). */
export function suppressLine(counts: readonly number[]): SuppressedLine {
  assertCounts(counts);
  const total = counts.reduce((a, b) => a + b, 0);
  const hidden = counts.map(primary);
  let totalHidden = primary(total);
  const hiddenCount = hidden.filter(Boolean).length + (totalHidden ? 1 : 0);
  if (hiddenCount === 1) {
    // The one unknown is total minus the rest: hide the smallest other positive count with it.
    let best = -1;
    for (const [i, n] of counts.entries()) {
      if (!hidden[i] && n > 0 && (best < 0 || n < (counts[best] as number))) best = i;
    }
    if (best >= 0) hidden[best] = true;
    else totalHidden = true;
  }
  return { cells: counts.map((n, i) => (hidden[i] ? null : n)), total: totalHidden ? null : total };
}

/** Suppresses a two-way table (rows × columns) published with row, column and grand totals. */
export function suppressTable(counts: readonly (readonly number[])[]): SuppressedTable {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== cols) throw new RangeError('rows of different lengths');
    assertCounts(row);
  }
  // The extended grid: row `rows` holds the column totals, column `cols` the row totals.
  const R = rows + 1;
  const C = cols + 1;
  const value: number[][] = Array.from({ length: R }, () => new Array<number>(C).fill(0));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const n = counts[r]?.[c] as number;
      (value[r] as number[])[c] = n;
      (value[r] as number[])[cols] = ((value[r] as number[])[cols] as number) + n;
      (value[rows] as number[])[c] = ((value[rows] as number[])[c] as number) + n;
      (value[rows] as number[])[cols] = ((value[rows] as number[])[cols] as number) + n;
    }
  }
  const at = (r: number, c: number) => (value[r] as number[])[c] as number;
  const hidden: boolean[][] = value.map((row) => row.map(primary));
  const grand = at(rows, cols);

  // Hiding a margin costs more than hiding an inner count, the grand total most; within a kind the
  // smaller count goes first (less information lost).
  const cost = (r: number, c: number) => {
    const kind = r === rows && c === cols ? 8 : r === rows || c === cols ? 3 : 1;
    return kind + at(r, c) / (grand + 1);
  };

  for (;;) {
    const bridge = findBridge(R, C, hidden);
    if (!bridge) break;
    const path = cheapestPath(R, C, bridge, (r, c) => {
      if (r === bridge[0] && c === bridge[1]) return null;
      if ((hidden[r] as boolean[])[c]) return 0;
      return at(r, c) > 0 ? cost(r, c) : null;
    });
    if (!path) throw new Error('no complementary cells: a suppressed count is positive, so a path must exist');
    for (const [r, c] of path) (hidden[r] as boolean[])[c] = true;
  }

  const show = (r: number, c: number): Cell => ((hidden[r] as boolean[])[c] ? null : at(r, c));
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => show(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => show(r, cols)),
    columnTotals: Array.from({ length: cols }, (_, c) => show(rows, c)),
    total: show(rows, cols),
  };
}

/**
 * A suppressed entry whose edge is a bridge in the graph of suppressed entries (rows are nodes
 * 0..R-1, columns R..R+C-1), or null. Tarjan's bridge finding, iterative.
 */
function findBridge(R: number, C: number, hidden: boolean[][]): [number, number] | null {
  const n = R + C;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if ((hidden[r] as boolean[])[c]) {
        (adjacency[r] as number[]).push(R + c);
        (adjacency[R + c] as number[]).push(r);
      }
    }
  }
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  let counter = 0;
  for (let start = 0; start < n; start++) {
    if (order[start] !== -1 || (adjacency[start] as number[]).length === 0) continue;
    const stack: { node: number; parent: number; next: number }[] = [{ node: start, parent: -1, next: 0 }];
    order[start] = low[start] = counter++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const neighbours = adjacency[frame.node] as number[];
      if (frame.next < neighbours.length) {
        const to = neighbours[frame.next++] as number;
        if (to === frame.parent) continue; // simple graph: one edge per (row, column) pair
        if (order[to] === -1) {
          order[to] = low[to] = counter++;
          stack.push({ node: to, parent: frame.node, next: 0 });
        } else {
          low[frame.node] = Math.min(low[frame.node] as number, order[to] as number);
        }
      } else {
        stack.pop();
        const parent = frame.parent;
        if (parent >= 0) {
          low[parent] = Math.min(low[parent] as number, low[frame.node] as number);
          if ((low[frame.node] as number) > (order[parent] as number)) {
            const [a, b] = [parent, frame.node];
            return a < R ? [a, b - R] : [b, a - R];
          }
        }
      }
    }
  }
  return null;
}

/**
 * The cheapest path of entries from the bridge's column to its row without the bridge itself
 * (Dijkstra over R+C nodes; `weight` null means the entry may not be used). With the bridge it
 * forms a cycle; the entries on it are returned.
 */
function cheapestPath(
  R: number,
  C: number,
  [row, col]: [number, number],
  weight: (r: number, c: number) => number | null,
): [number, number][] | null {
  const n = R + C;
  const distance = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  const previous = new Array<number>(n).fill(-1);
  const done = new Array<boolean>(n).fill(false);
  const source = R + col;
  distance[source] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) {
      if (!done[i] && Number.isFinite(distance[i]) && (u < 0 || (distance[i] as number) < (distance[u] as number)))
        u = i;
    }
    if (u < 0) return null;
    if (u === row) break;
    done[u] = true;
    const neighbours = u < R ? Array.from({ length: C }, (_, c) => R + c) : Array.from({ length: R }, (_, r) => r);
    for (const v of neighbours) {
      const [r, c] = u < R ? [u, v - R] : [v, u - R];
      const w = weight(r, c);
      if (w === null) continue;
      const d = (distance[u] as number) + w;
      if (d < (distance[v] as number)) {
        distance[v] = d;
        previous[v] = u;
      }
    }
  }
  const path: [number, number][] = [];
  for (let v = row; v !== source; v = previous[v] as number) {
    const u = previous[v] as number;
    path.push(u < R ? [u, v - R] : [v, u - R]);
  }
  return path;
}
