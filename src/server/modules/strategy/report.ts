/**
 * A strategy's follow-up report as a workbook (XLSX) or a document (PDF). Pure: it lays out what
 * the dashboard shows — already suppressed — and adds nothing the public page does not show.
 */
import type { DashboardResponse, IndicatorResponse } from '../../../contracts/strategy.js';
import type { PdfBlock, PdfDocument } from '../../lib/pdf.js';
import type { Cell, Sheet } from '../../lib/xlsx.js';

export interface ReportData {
  view: DashboardResponse;
  /** Indicators per node id, for the nodes that have any. */
  indicators: Map<string, IndicatorResponse[]>;
}

const STATUS_SV: Record<string, string> = {
  'on-track': 'Enligt plan',
  'at-risk': 'Risk för avvikelse',
  'off-track': 'Avviker',
  done: 'Klar',
};
const KIND_SV: Record<string, string> = {
  strategy: 'Strategi',
  'focus-area': 'Fokusområde',
  goal: 'Mål',
  priority: 'Prioritering',
  action: 'Åtgärd',
  commitment: 'Åtagande',
};
const SUPPRESSED = 'visas ej';
const NOT_STATED = 'not-stated';

const status = (s: string | null | undefined) => (s ? (STATUS_SV[s] ?? s) : '');
const count = (n: number | null) => (n === null ? SUPPRESSED : String(n));
const cellCount = (n: number | null): Cell => (n === null ? SUPPRESSED : n);
const stockholm = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

function about(view: DashboardResponse): string {
  return [
    `Period ${view.period}`,
    view.municipality ? `kommun ${view.municipality}` : 'alla kommuner',
    `siffrorna beräknade ${stockholm(view.statistics.computedAt)}`,
    'färre än 5 företag visas inte (och inte heller det som skulle avslöja dem)',
  ].join(' · ');
}

function indicatorValues(indicator: IndicatorResponse): string {
  return indicator.values
    .map((v) => `${v.period}: ${v.value === null ? (v.suppressed ? SUPPRESSED : '–') : v.value}`)
    .join(', ');
}

export function reportFileName(view: DashboardResponse, extension: 'xlsx' | 'pdf'): string {
  return `uppfoljning-${view.root.id}-${view.period}.${extension}`;
}

export function reportSheets({ view, indicators }: ReportData): Sheet[] {
  const periods = [...new Set([...indicators.values()].flat().flatMap((i) => i.values.map((v) => v.period)))].sort();
  return [
    {
      name: 'Uppföljning',
      header: [
        'Nod',
        'Nivå',
        'Typ',
        'Titel',
        'Ägare',
        'Nådda företag',
        'Status',
        'Sammanvägd status',
        'Rapporterade under',
        'Kommentar',
        'Planversion',
      ],
      rows: view.nodes.map((n) => [
        n.id,
        n.depth,
        KIND_SV[n.kind] ?? n.kind,
        n.title.sv,
        n.owner,
        cellCount(n.companies),
        status(n.followUp?.status),
        status(n.rollUp.status),
        n.rollUp.descendants > 0 ? `${n.rollUp.reported} av ${n.rollUp.descendants}` : '',
        n.followUp?.comment ?? '',
        n.version,
      ]),
    },
    {
      name: 'Nådda per period',
      header: ['Period', 'Nådda företag', 'Ärenden', 'Median handläggningstid (dagar)'],
      rows: view.series.map((s) => [s.period, cellCount(s.companies), s.cases, s.medianHandlingDays]),
    },
    {
      name: 'Per kommun',
      header: ['Kommun', 'Nådda företag'],
      rows: [
        ...view.byMunicipality.cells.map((c) => [
          c.key === NOT_STATED ? 'Ej angiven' : c.label,
          cellCount(c.companies),
        ]),
        ['Totalt', cellCount(view.byMunicipality.total)],
      ],
    },
    {
      name: 'Erbjudanden',
      header: ['Erbjudande', 'Ärenden'],
      rows: view.offerings.map((o) => [o.title.sv, o.cases]),
    },
    {
      name: 'Indikatorer',
      header: ['Nod', 'Indikator', 'Enhet', 'Källa', 'Utgångsläge', 'Mål', ...periods],
      rows: [...indicators.entries()].flatMap(([nodeId, list]) =>
        list.map((i) => [
          nodeId,
          i.title.sv,
          i.unit,
          i.source,
          i.baseline ? `${i.baseline.value} (${i.baseline.period})` : '',
          i.target ? `${i.target.value} (${i.target.period})` : '',
          ...periods.map((p) => {
            const v = i.values.find((x) => x.period === p);
            if (!v) return null;
            return v.value === null && v.suppressed ? SUPPRESSED : v.value;
          }),
        ]),
      ),
    },
  ];
}

export function reportPdf({ view, indicators }: ReportData): PdfDocument {
  const title = `Uppföljning: ${view.root.title.sv}`;
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: title },
    { kind: 'paragraph', text: about(view), size: 9 },
  ];
  if (view.deadline) blocks.push({ kind: 'paragraph', text: `Uppföljningen ska vara klar ${view.deadline}.`, size: 9 });
  blocks.push(
    { kind: 'heading', text: 'Strategin nod för nod' },
    {
      kind: 'table',
      columns: [
        { header: 'Nod', width: 38 },
        { header: 'Nådda företag', width: 10, align: 'right' },
        { header: 'Status', width: 14 },
        { header: 'Kommentar', width: 38 },
      ],
      rows: view.nodes.map((n) => ({
        cells: [
          n.title.sv,
          count(n.companies),
          n.followUp
            ? status(n.followUp.status)
            : n.rollUp.status
              ? `${status(n.rollUp.status)} (sammanvägd)`
              : 'Ej rapporterad',
          n.followUp?.comment ?? '',
        ],
        indent: n.depth,
        bold: n.depth === 0,
      })),
    },
    { kind: 'heading', text: `Nådda företag per period – ${view.node.title.sv}` },
    {
      kind: 'table',
      columns: [
        { header: 'Period', width: 25 },
        { header: 'Nådda företag', width: 25, align: 'right' },
        { header: 'Ärenden', width: 25, align: 'right' },
        { header: 'Median handläggningstid (dagar)', width: 25, align: 'right' },
      ],
      rows: view.series.map((s) => ({
        cells: [
          s.period,
          count(s.companies),
          String(s.cases),
          s.medianHandlingDays === null ? '–' : String(s.medianHandlingDays),
        ],
      })),
    },
    { kind: 'heading', text: 'Nådda företag per kommun' },
    {
      kind: 'table',
      columns: [
        { header: 'Kommun', width: 70 },
        { header: 'Nådda företag', width: 30, align: 'right' },
      ],
      rows: [
        ...view.byMunicipality.cells.map((c) => ({
          cells: [c.key === NOT_STATED ? 'Ej angiven' : c.label, count(c.companies)],
        })),
        { cells: ['Totalt', count(view.byMunicipality.total)], bold: true },
      ],
    },
  );
  const all = [...indicators.entries()].flatMap(([nodeId, list]) => list.map((i) => ({ nodeId, i })));
  if (all.length > 0) {
    const titleOf = new Map(view.nodes.map((n) => [n.id, n.title.sv]));
    blocks.push(
      { kind: 'heading', text: 'Indikatorer' },
      {
        kind: 'table',
        columns: [
          { header: 'Nod', width: 24 },
          { header: 'Indikator', width: 24 },
          { header: 'Mål', width: 12 },
          { header: 'Värden per period', width: 40 },
        ],
        rows: all.map(({ nodeId, i }) => ({
          cells: [
            titleOf.get(nodeId) ?? nodeId,
            `${i.title.sv} (${i.unit})`,
            i.target ? `${i.target.value} (${i.target.period})` : '',
            indicatorValues(i),
          ],
        })),
      },
    );
  }
  return { title, language: 'sv-SE', blocks };
}
