/**
 * Which sites suit an investor's requirements, and why. Pure: the service hands in the sites
 * and the requirements and shows the result as it is.
 *
 * A site is left out when it is known to fail a requirement (too small, too little power, no
 * rail when rail is needed, not available, outside the wanted municipalities). A requirement the
 * site's data cannot answer counts as `unknown`: the site stays, ranked below those known to
 * meet it, so the team knows what to ask the landowner.
 */
export interface SiteFacts {
  id: string;
  municipality: string;
  areaHa: number | null;
  powerMw: number | null;
  railSiding: boolean | null;
  availability: string;
  planStatus: string;
}

export interface Requirements {
  areaHa: number | null;
  powerMw: number | null;
  needsRail: boolean;
  /** Empty: anywhere. */
  municipalities: readonly string[];
}

export type Criterion = 'area' | 'power' | 'rail' | 'availability' | 'municipality' | 'plan';
export type Outcome = 'met' | 'unknown' | 'unmet';

export interface SiteMatch {
  siteId: string;
  score: number;
  checks: { criterion: Criterion; outcome: Outcome }[];
}

const WEIGHT: Record<Criterion, number> = { area: 3, power: 3, rail: 2, availability: 2, municipality: 1, plan: 1 };

function atLeast(have: number | null, need: number | null): Outcome | null {
  if (need === null || need <= 0) return null;
  if (have === null) return 'unknown';
  return have >= need ? 'met' : 'unmet';
}

/** One site against the requirements: every check that applies, with its outcome. */
export function checkSite(site: SiteFacts, req: Requirements): SiteMatch['checks'] {
  const checks: SiteMatch['checks'] = [];
  const add = (criterion: Criterion, outcome: Outcome | null) => {
    if (outcome) checks.push({ criterion, outcome });
  };
  add('area', atLeast(site.areaHa, req.areaHa));
  add('power', atLeast(site.powerMw, req.powerMw));
  if (req.needsRail) add('rail', site.railSiding === null ? 'unknown' : site.railSiding ? 'met' : 'unmet');
  add(
    'availability',
    site.availability === 'not-available' || site.availability === 'reserved'
      ? 'unmet'
      : site.availability === 'available'
        ? 'met'
        : 'unknown',
  );
  if (req.municipalities.length > 0)
    add('municipality', req.municipalities.includes(site.municipality) ? 'met' : 'unmet');
  // A plan in force means building can start sooner; no plan is not a reason to leave a site out.
  add('plan', site.planStatus === 'adopted' ? 'met' : 'unknown');
  return checks;
}

/** The sites that may suit, best first (ties by id, so the order is stable). */
export function matchSites(sites: readonly SiteFacts[], req: Requirements): SiteMatch[] {
  const matches: SiteMatch[] = [];
  for (const site of sites) {
    const checks = checkSite(site, req);
    if (checks.some((c) => c.outcome === 'unmet')) continue;
    const max = checks.reduce((sum, c) => sum + WEIGHT[c.criterion], 0);
    const got = checks.reduce((sum, c) => sum + (c.outcome === 'met' ? WEIGHT[c.criterion] : 0), 0);
    matches.push({ siteId: site.id, score: max === 0 ? 1 : Math.round((got / max) * 100) / 100, checks });
  }
  return matches.sort((a, b) => b.score - a.score || a.siteId.localeCompare(b.siteId));
}
