import { readFileSync } from 'node:fs';

/** SCB's regional division: all 290 municipalities (kommunkod) and 21 counties (länskod). */
interface ScbRegions {
  counties: { code: string; name: string }[];
  municipalities: { code: string; name: string; county: string }[];
}

const regions = JSON.parse(readFileSync(new URL('./scb-regions.json', import.meta.url), 'utf8')) as ScbRegions;

export const counties: readonly { code: string; name: string }[] = regions.counties;
export const municipalities: readonly { code: string; name: string; county: string }[] = regions.municipalities;

const countyByCode = new Map(regions.counties.map((c) => [c.code, c]));
const municipalityByCode = new Map(regions.municipalities.map((m) => [m.code, m]));

export function isMunicipalityCode(code: string): boolean {
  return municipalityByCode.has(code);
}

export function isCountyCode(code: string): boolean {
  return countyByCode.has(code);
}

export function municipalityName(code: string): string | undefined {
  return municipalityByCode.get(code)?.name;
}

export function countyName(code: string): string | undefined {
  return countyByCode.get(code)?.name;
}

/** A municipality's county is the first two digits of its kommunkod. */
export function countyOf(municipalityCode: string): string {
  return municipalityCode.slice(0, 2);
}

/** True when an area (both lists empty = the whole country) covers the municipality. */
export function servesMunicipality(
  area: { counties: readonly string[]; municipalities: readonly string[] },
  municipalityCode: string,
): boolean {
  if (area.counties.length === 0 && area.municipalities.length === 0) return true;
  return area.municipalities.includes(municipalityCode) || area.counties.includes(countyOf(municipalityCode));
}
