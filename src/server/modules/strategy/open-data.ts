/** The public follow-up as open data: JSON-stat 2.0 datasets and CSV. Pure formatting. */

export interface ReachSeries {
  nodes: { id: string; title: string }[];
  periods: string[];
  /** companies[node][period]; null = suppressed. */
  companies: (number | null)[][];
}

export interface JsonStatDataset {
  version: '2.0';
  class: 'dataset';
  label: string;
  source: string;
  updated: string;
  id: string[];
  size: number[];
  dimension: Record<
    string,
    {
      label: string;
      category: {
        index: Record<string, number>;
        label: Record<string, string>;
        unit?: Record<string, { base: string; decimals: number }>;
      };
    }
  >;
  value: (number | null)[];
  status: Record<string, string>;
  role: { time: string[]; metric: string[] };
  note: string[];
}

/** Companies reached per node and period as a JSON-stat 2.0 dataset (suppressed cells: null, status ".."). */
export function reachAsJsonStat(series: ReachSeries, label: string, updated: Date): JsonStatDataset {
  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  series.nodes.forEach((_, n) =>
    series.periods.forEach((_, p) => {
      const v = series.companies[n]?.[p] ?? null;
      if (v === null) status[String(value.length)] = '..';
      value.push(v);
    }),
  );
  const index = (codes: string[]) => Object.fromEntries(codes.map((c, i) => [c, i]));
  return {
    version: '2.0',
    class: 'dataset',
    label,
    source: 'Lotsen',
    updated: updated.toISOString(),
    id: ['nod', 'ContentsCode', 'Tid'],
    size: [series.nodes.length, 1, series.periods.length],
    dimension: {
      nod: {
        label: 'strateginod',
        category: {
          index: index(series.nodes.map((n) => n.id)),
          label: Object.fromEntries(series.nodes.map((n) => [n.id, n.title])),
        },
      },
      ContentsCode: {
        label: 'tabellinnehåll',
        category: {
          index: { 'foretag-nadda': 0 },
          label: { 'foretag-nadda': 'Nådda företag (unika, räknade en gång per nod)' },
          unit: { 'foretag-nadda': { base: 'antal företag', decimals: 0 } },
        },
      },
      Tid: {
        label: 'period',
        category: { index: index(series.periods), label: Object.fromEntries(series.periods.map((p) => [p, p])) },
      },
    },
    value,
    status,
    role: { time: ['Tid'], metric: ['ContentsCode'] },
    note: ['Antal 1–4 och antal som annars skulle gå att räkna fram visas inte ("..").'],
  };
}

const csvField = (value: string | number | null) => {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with a header row; lines end in CRLF. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function reachAsCsv(series: ReachSeries): string {
  const rows: (string | number | null)[][] = [];
  series.nodes.forEach((node, n) =>
    series.periods.forEach((period, p) => {
      const v = series.companies[n]?.[p] ?? null;
      rows.push([node.id, node.title, period, v, v === null ? '..' : '']);
    }),
  );
  return toCsv(['nod', 'titel', 'period', 'foretag_nadda', 'status'], rows);
}
