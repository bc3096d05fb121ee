import { describe, expect, it } from 'vitest';
import { checkSite, matchSites, type Requirements, type SiteFacts } from './site-matching.js';

function buildSite(overrides: Partial<SiteFacts> = {}): SiteFacts {
  return {
    id: 'site',
    municipality: '1980',
    areaHa: 25,
    powerMw: 40,
    railSiding: true,
    availability: 'available',
    planStatus: 'adopted',
    ...overrides,
  };
}

const needs = (overrides: Partial<Requirements> = {}): Requirements => ({
  areaHa: null,
  powerMw: null,
  needsRail: false,
  municipalities: [],
  ...overrides,
});

describe('matching sites to an investor’s requirements', () => {
  it('leaves out a site known to be too small, too weak, without rail, taken or elsewhere', () => {
    const req = needs({ areaHa: 20, powerMw: 30, needsRail: true, municipalities: ['1980'] });
    const sites = [
      buildSite({ id: 'small', areaHa: 10 }),
      buildSite({ id: 'weak', powerMw: 5 }),
      buildSite({ id: 'no-rail', railSiding: false }),
      buildSite({ id: 'reserved', availability: 'reserved' }),
      buildSite({ id: 'elsewhere', municipality: '1880' }),
      buildSite({ id: 'fits' }),
    ];
    expect(matchSites(sites, req).map((m) => m.siteId)).toEqual(['fits']);
  });

  it('keeps a site whose data cannot answer a requirement, ranked below one that is known to meet it', () => {
    const req = needs({ areaHa: 20, powerMw: 30 });
    const result = matchSites([buildSite({ id: 'unknown-power', powerMw: null }), buildSite({ id: 'known' })], req);
    expect(result.map((m) => m.siteId)).toEqual(['known', 'unknown-power']);
    expect(result[1]?.checks).toContainEqual({ criterion: 'power', outcome: 'unknown' });
    expect(result[0]?.score).toBe(1);
  });

  it('does not ask for rail when rail is not needed', () => {
    expect(checkSite(buildSite({ railSiding: false }), needs()).map((c) => c.criterion)).not.toContain('rail');
  });

  it('counts a plan in force as a plus, but keeps sites still being planned', () => {
    const result = matchSites(
      [buildSite({ id: 'planning', planStatus: 'in-progress' }), buildSite({ id: 'adopted' })],
      needs(),
    );
    expect(result.map((m) => m.siteId)).toEqual(['adopted', 'planning']);
  });

  it('orders equal scores by id, so the list is stable', () => {
    const result = matchSites([buildSite({ id: 'b' }), buildSite({ id: 'a' })], needs());
    expect(result.map((m) => m.siteId)).toEqual(['a', 'b']);
  });
});
