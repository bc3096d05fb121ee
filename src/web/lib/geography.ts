/** SCB's municipalities and counties as the web client uses them. Pure, so it runs in unit tests. */
export interface Municipality {
  code: string;
  name: string;
  county: string;
}

export interface Regions {
  counties: { code: string; name: string }[];
  municipalities: Municipality[];
}

/** Lower case, without diacritics and the word "kommun", so "Malmo kommun" finds Malmö. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+kommun$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The kommunkod for what someone typed in a municipality field: a name (any case, with or
 * without å/ä/ö) or the 4-digit code. `undefined` when the field is empty, `null` when the text
 * names no municipality.
 */
export function resolveMunicipality(input: string, municipalities: readonly Municipality[]): string | null | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  if (/^\d{4}$/.test(text)) return municipalities.some((m) => m.code === text) ? text : null;
  const folded = foldName(text);
  const exact = municipalities.find((m) => m.name === text);
  if (exact) return exact.code;
  return municipalities.find((m) => foldName(m.name) === folded)?.code ?? null;
}

export function municipalityName(code: string, municipalities: readonly Municipality[]): string | undefined {
  return municipalities.find((m) => m.code === code)?.name;
}

/** The names of an area's counties and municipalities; an empty list means the whole country. */
export function areaNames(area: { counties: string[]; municipalities: string[] }, regions: Regions): string[] {
  const counties = area.counties.map((code) => regions.counties.find((c) => c.code === code)?.name ?? code);
  const municipalities = area.municipalities.map((code) => municipalityName(code, regions.municipalities) ?? code);
  return [...counties, ...municipalities.sort((a, b) => a.localeCompare(b, 'sv'))];
}
