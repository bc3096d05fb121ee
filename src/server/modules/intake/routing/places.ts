// SCB's kommun- and länskoder, used to recognise places named in a request and to write
// geography reasons. The one copy of the data is the catalogue's scb-regions.json.
import { counties, municipalities } from '../../catalogue/geography.js';

/** County code (länskod) → name. */
export const COUNTIES: ReadonlyMap<string, string> = new Map(counties.map((c) => [c.code, c.name]));

/** Municipality code (kommunkod) → name. */
export const MUNICIPALITIES: ReadonlyMap<string, string> = new Map(municipalities.map((m) => [m.code, m.name]));

/** The county (länskod) of a municipality (kommunkod): the first two digits. */
export function countyOf(municipality: string): string {
  return municipality.slice(0, 2);
}
