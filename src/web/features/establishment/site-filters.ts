import type { EstablishmentSiteResponse } from '../../../contracts/establishment.js';

/** The sites page's filter, kept in the URL-free page state. Pure, so it runs in unit tests. */
export interface SiteFilter {
  municipality: string;
  rail: boolean;
  /** Hectares as typed; empty means no minimum. */
  minArea: string;
}

export const NO_FILTER: SiteFilter = { municipality: '', rail: false, minArea: '' };

/** The minimum area as a number, null when none is asked for, undefined when it is not a number. */
export function parseArea(value: string): number | null | undefined {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function filterSites(sites: readonly EstablishmentSiteResponse[], filter: SiteFilter) {
  const minArea = parseArea(filter.minArea);
  return sites.filter(
    (s) =>
      (filter.municipality === '' || s.municipality.code === filter.municipality) &&
      (!filter.rail || s.services.railSiding === true) &&
      (minArea === null || minArea === undefined || (s.areaHa !== null && s.areaHa >= minArea)),
  );
}

/** The municipalities that have sites, by name, for the filter's choices. */
export function municipalitiesOf(sites: readonly EstablishmentSiteResponse[]) {
  const byCode = new Map(sites.map((s) => [s.municipality.code, s.municipality.name]));
  return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}
