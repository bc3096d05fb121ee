import { describe, expect, it } from 'vitest';
import type { EstablishmentSiteResponse } from '../../../contracts/establishment.js';
import { filterSites, municipalitiesOf, NO_FILTER, parseArea } from './site-filters.js';

function buildSite(id: string, overrides: Partial<EstablishmentSiteResponse> = {}): EstablishmentSiteResponse {
  return {
    id,
    name: id,
    municipality: { code: '1980', name: 'Västerås' },
    kind: 'industrial',
    areaHa: 10,
    status: 'available',
    notes: null,
    fictional: true,
    location: null,
    planStatus: 'adopted',
    availability: 'available',
    services: { powerMw: null, railSiding: false, road: null },
    contact: { organisation: null, name: null, email: null, phone: null },
    ...overrides,
  };
}

const sites = [
  buildSite('small'),
  buildSite('railway', { areaHa: 40, services: { powerMw: 15, railSiding: true, road: null } }),
  buildSite('orebro', { municipality: { code: '1880', name: 'Örebro' }, areaHa: null }),
];

describe('filtering sites on the sites page', () => {
  it('reads a minimum area with a decimal comma, and refuses what is not a number', () => {
    expect(parseArea(' 2,5 ')).toBe(2.5);
    expect(parseArea('')).toBeNull();
    expect(parseArea('tio')).toBeUndefined();
    expect(parseArea('-1')).toBeUndefined();
  });

  it('keeps everything without a filter', () => {
    expect(filterSites(sites, NO_FILTER)).toHaveLength(3);
  });

  it('filters on municipality, rail and minimum area; an unknown area does not pass a minimum', () => {
    expect(filterSites(sites, { ...NO_FILTER, municipality: '1880' }).map((s) => s.id)).toEqual(['orebro']);
    expect(filterSites(sites, { ...NO_FILTER, rail: true }).map((s) => s.id)).toEqual(['railway']);
    expect(filterSites(sites, { ...NO_FILTER, minArea: '5' }).map((s) => s.id)).toEqual(['small', 'railway']);
  });

  it('lists the municipalities that have sites, in Swedish order', () => {
    expect(municipalitiesOf(sites)).toEqual([
      { code: '1980', name: 'Västerås' },
      { code: '1880', name: 'Örebro' },
    ]);
  });
});
