import { COUNTIES, countyOf, MUNICIPALITIES } from './places.js';
import { fold, tokenize } from './text.js';
import type { RoutableOffering, RouteInput } from './types.js';

/** Where the company is, and any place its request names ("vi vill flytta till Västerås"). */
export interface Location {
  /** Kommunkod given with the request, if any. */
  municipality: string | null;
  /** Länskod given or derived from the municipality. */
  county: string | null;
  /** Municipalities and counties named in the text. */
  mentionedMunicipalities: Set<string>;
  mentionedCounties: Set<string>;
  /** Folded words of the text that are place names: geography, not part of the need. */
  placeWords: Set<string>;
}

/** How an offering's area relates to the company's. */
export type GeoFit =
  | { kind: 'nationwide' }
  | { kind: 'municipality'; code: string; mentioned: boolean }
  | { kind: 'county'; code: string; mentioned: boolean }
  /** No place known for the company: a local offering may or may not be theirs. */
  | { kind: 'unknown' }
  | { kind: 'elsewhere' };

// Municipality names that are also ordinary words; they count as places only when capitalised.
const AMBIGUOUS_NAMES = new Set([
  'mark',
  'vara',
  'ale',
  'kil',
  'boden',
  'sater',
  'eda',
  'salem',
  'lund',
  'mora',
  'nora',
  'hjo',
  'orsa',
  'bjuv',
  'habo',
  'heby',
  'tanum',
  'orust',
  'tibro',
]);

interface PlaceName {
  words: string[];
  municipality?: string;
  county?: string;
  ambiguous: boolean;
}

function placeNames(): Map<string, PlaceName[]> {
  const byFirst = new Map<string, PlaceName[]>();
  const add = (name: string, place: Omit<PlaceName, 'words' | 'ambiguous'>) => {
    const words = tokenize(fold(name));
    const first = words[0];
    if (first === undefined) return;
    const list = byFirst.get(first) ?? [];
    list.push({ words, ...place, ambiguous: words.length === 1 && AMBIGUOUS_NAMES.has(first) });
    byFirst.set(first, list);
  };
  for (const [code, name] of MUNICIPALITIES) add(name, { municipality: code });
  for (const [code, name] of COUNTIES) {
    // "Västmanlands län" is written "Västmanland" as often as not; "Örebro län" is also a town.
    const base = name.replace(/ län$/, '').replace(/s$/, '');
    add(name, { county: code });
    if (!MUNICIPALITIES_BY_NAME.has(fold(base))) add(base, { county: code });
  }
  add('Sörmland', { county: '04' });
  add('Närke', { county: '18' });
  add('Bergslagen', { county: '18' });
  add('Roslagen', { county: '01' });
  return byFirst;
}

const MUNICIPALITIES_BY_NAME = new Set([...MUNICIPALITIES.values()].map(fold));
const PLACES = placeNames();

/** Places named in a text: municipality and county names, in any case except for names that are also words. */
export function mentionedPlaces(text: string): {
  municipalities: Set<string>;
  counties: Set<string>;
  words: Set<string>;
} {
  const municipalities = new Set<string>();
  const counties = new Set<string>();
  const words = new Set<string>();
  const raw = tokenize(text);
  const folded = raw.map(fold);
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i] as string;
    // Genitive and "-området"/"-regionen" forms: "Västerås stad", "Örebros", "Stockholmsregionen".
    const candidates = [word, word.replace(/s$/, ''), word.replace(/s?(omradet|regionen|trakten)$/, '')];
    for (const candidate of new Set(candidates)) {
      for (const place of PLACES.get(candidate) ?? []) {
        if (place.ambiguous && !/^\p{Lu}/u.test(raw[i] as string)) continue;
        if (place.words.length > 1 && !place.words.every((w, k) => k === 0 || folded[i + k] === w)) continue;
        if (place.municipality) municipalities.add(place.municipality);
        if (place.county) counties.add(place.county);
        for (let k = 0; k < place.words.length; k++) words.add(folded[i + k] as string);
      }
    }
  }
  return { municipalities, counties, words };
}

export function locate(input: RouteInput): Location {
  const municipality = input.municipality && MUNICIPALITIES.has(input.municipality) ? input.municipality : null;
  const county = municipality
    ? countyOf(municipality)
    : input.county && COUNTIES.has(input.county)
      ? input.county
      : null;
  const mentioned = mentionedPlaces(input.text);
  if (municipality) mentioned.municipalities.delete(municipality);
  return {
    municipality,
    county,
    mentionedMunicipalities: mentioned.municipalities,
    mentionedCounties: mentioned.counties,
    placeWords: mentioned.words,
  };
}

function isNationwide(o: RoutableOffering): boolean {
  return o.geography.counties.length === 0 && o.geography.municipalities.length === 0;
}

/**
 * Whether the offering serves the company. An offering serves when it is nationwide, lists the
 * company's municipality or county, or lists a place the request itself names (a company in
 * Stockholm asking about land in Västerås).
 */
export function geoFit(o: RoutableOffering, location: Location): GeoFit {
  if (isNationwide(o)) return { kind: 'nationwide' };
  const { municipalities, counties } = o.geography;
  if (location.municipality && municipalities.includes(location.municipality)) {
    return { kind: 'municipality', code: location.municipality, mentioned: false };
  }
  if (location.county && counties.includes(location.county))
    return { kind: 'county', code: location.county, mentioned: false };
  for (const m of location.mentionedMunicipalities) {
    if (municipalities.includes(m)) return { kind: 'municipality', code: m, mentioned: true };
    if (counties.includes(countyOf(m))) return { kind: 'county', code: countyOf(m), mentioned: true };
  }
  for (const c of location.mentionedCounties) {
    if (counties.includes(c)) return { kind: 'county', code: c, mentioned: true };
  }
  const municipalityKnown = location.municipality !== null || location.mentionedMunicipalities.size > 0;
  if (municipalityKnown) return { kind: 'elsewhere' };
  // Only a county known: a local offering inside it may be the company's own.
  const county = location.county;
  if (county === null && location.mentionedCounties.size === 0) return { kind: 'unknown' };
  const inside = (m: string) => countyOf(m) === county || location.mentionedCounties.has(countyOf(m));
  return municipalities.some(inside) ? { kind: 'unknown' } : { kind: 'elsewhere' };
}

/**
 * A permit is decided by the municipality where the business is, so a permit from any other
 * municipality is never offered once we know where that is. With only a county known, a permit
 * from a municipality in that county may still be the company's own and stays in.
 */
export function permitExcluded(o: RoutableOffering, fit: GeoFit): boolean {
  return o.kind === 'permit' && fit.kind === 'elsewhere' && o.geography.municipalities.length > 0;
}

/** Rank tier from the fit: serving offerings always come before the rest. */
export function geoTier(fit: GeoFit): number {
  switch (fit.kind) {
    case 'nationwide':
    case 'municipality':
    case 'county':
    // With no place known, local offerings compete on score (with a small handicap in the router).
    case 'unknown':
      return 2;
    case 'elsewhere':
      return 0;
  }
}
