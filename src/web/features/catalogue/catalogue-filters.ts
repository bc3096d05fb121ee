/**
 * The catalogue's filters as they live in the page's URL (Swedish parameter names, so a filtered
 * list can be shared) and as the API wants them. Pure, so it runs in unit tests.
 */
export interface CatalogueFilters {
  topic?: string;
  kind?: string;
  /** kommunkod */
  municipality?: string;
  q?: string;
  /** 1-based */
  page: number;
}

export const PAGE_SIZE = 20;
const CODE = /^[a-z0-9-]{1,60}$/;

export function parseFilters(search: string): CatalogueFilters {
  const params = new URLSearchParams(search);
  const filters: CatalogueFilters = { page: 1 };
  const topic = params.get('amne');
  if (topic && CODE.test(topic)) filters.topic = topic;
  const kind = params.get('typ');
  if (kind && CODE.test(kind)) filters.kind = kind;
  const municipality = params.get('kommun');
  if (municipality && /^\d{4}$/.test(municipality)) filters.municipality = municipality;
  const q = params.get('q')?.trim().slice(0, 200);
  if (q) filters.q = q;
  const page = Number(params.get('sida'));
  if (Number.isInteger(page) && page > 1 && page <= 10_000) filters.page = page;
  return filters;
}

/** The page's query string for the filters, e.g. `?amne=export&kommun=0127`. */
export function filtersToSearch(filters: CatalogueFilters): string {
  const params = new URLSearchParams();
  if (filters.topic) params.set('amne', filters.topic);
  if (filters.kind) params.set('typ', filters.kind);
  if (filters.municipality) params.set('kommun', filters.municipality);
  if (filters.q) params.set('q', filters.q);
  if (filters.page > 1) params.set('sida', String(filters.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The API path for one page of the filtered list. */
export function offeringsApiPath(filters: CatalogueFilters): string {
  const params = new URLSearchParams();
  if (filters.topic) params.set('topic', filters.topic);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.municipality) params.set('municipality', filters.municipality);
  if (filters.q) params.set('q', filters.q);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((filters.page - 1) * PAGE_SIZE));
  return `/api/offerings?${params.toString()}`;
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
