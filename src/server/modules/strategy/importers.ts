/**
 * Indicator values from statistics files, as the sources publish them: SCB's PxWeb API answers in
 * JSON-stat 2.0 (`?outputformat=json-stat2`, or format "json-stat2" in a POST query) and Kolada's
 * API v2 (`/v2/data/kpi/{kpi}/municipality/{id}/year/{years}`). Pure: the file in, values out.
 */
import { AppError } from '../../errors.js';
import { isPeriod } from './period.js';

export interface ImportedValue {
  period: string;
  /** Region or municipality code; '' when the file has no geographic dimension. */
  area: string;
  /** Null where the source publishes no figure (SCB "..", Kolada's missing value). */
  value: number | null;
}

export interface ImportResult {
  values: ImportedValue[];
  /** Time codes Lotsen does not follow up in (quarters, months), left out and reported. */
  skippedPeriods: string[];
  label: string | null;
}

export interface JsonStatSelection {
  /** The content (tabellinnehåll) to take when the table has several. */
  contentsCode?: string;
  /** Codes for any other dimension with more than one category, e.g. `{ "SNI2007": "C" }`. */
  select?: Record<string, string>;
}

type Json = Record<string, unknown>;

const fail = (message: string, field?: string): never => {
  throw new AppError('invalid_import', message, [{ ...(field ? { field } : {}), message }]);
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Category codes of a JSON-stat dimension in index order (index may be an array or an object). */
function categoryCodes(dimension: unknown, id: string): string[] {
  if (!isObject(dimension) || !isObject(dimension.category)) return fail(`dimensionen ${id} saknar category`, id);
  const { index, label } = dimension.category;
  if (Array.isArray(index)) return index.map(String);
  if (isObject(index)) {
    const codes: string[] = [];
    for (const [code, position] of Object.entries(index)) codes[Number(position)] = code;
    return codes;
  }
  // A single category may come with a label only.
  if (isObject(label) && Object.keys(label).length === 1) return Object.keys(label);
  return fail(`dimensionen ${id} saknar category.index`, id);
}

/** SCB time codes: `2023` is a year; tertials are written `2023T1`; quarters and months are skipped. */
function periodOfTimeCode(code: string): string | null {
  if (/^\d{4}$/.test(code)) return code;
  const tertial = /^(\d{4})T([1-3])$/.exec(code);
  if (tertial) return `${tertial[1]}-T${tertial[2]}`;
  return null;
}

/** Reads a JSON-stat 2.0 dataset as PxWeb serves it. */
export function parseJsonStat(data: unknown, selection: JsonStatSelection = {}): ImportResult {
  if (!isObject(data)) return fail('filen är inte ett JSON-objekt');
  if (data.version !== '2.0' || data.class !== 'dataset')
    return fail('inte ett JSON-stat 2.0-dataset (version "2.0", class "dataset")');
  const ids = data.id;
  const sizes = data.size;
  if (!Array.isArray(ids) || !Array.isArray(sizes) || ids.length !== sizes.length)
    return fail('id och size saknas eller skiljer sig i längd');
  if (!isObject(data.dimension)) return fail('dimension saknas');
  const dimensions = data.dimension;
  const role = isObject(data.role) ? data.role : {};
  const roleOf = (name: string) => (Array.isArray(role[name]) ? (role[name] as unknown[]).map(String) : []);
  const timeIds = roleOf('time');
  const geoIds = roleOf('geo');
  const metricIds = roleOf('metric');
  const timeId = timeIds[0] ?? ids.find((id) => /^(tid|time)$/i.test(String(id)));
  if (!timeId) return fail('datasetet har ingen tidsdimension (role.time)');
  const geoId = geoIds[0] ?? ids.find((id) => /^region$/i.test(String(id)));

  const codes = ids.map((id, i) => {
    const list = categoryCodes(dimensions[String(id)], String(id));
    if (list.length !== Number(sizes[i]))
      fail(`dimensionen ${id} har ${list.length} kategorier men size säger ${sizes[i]}`, String(id));
    return list;
  });
  const total = (sizes as number[]).reduce((a, b) => a * Number(b), 1);
  const rawValues = data.value;
  const valueAt = (i: number): number | null => {
    const v = Array.isArray(rawValues) ? rawValues[i] : isObject(rawValues) ? rawValues[String(i)] : undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  if (Array.isArray(rawValues) && rawValues.length !== total)
    return fail(`value har ${rawValues.length} värden men size ger ${total}`);
  if (!Array.isArray(rawValues) && !isObject(rawValues)) return fail('value saknas');

  // For each dimension: the one category to take, or all (time and geography).
  const wanted = ids.map((rawId, i): Set<number> | 'all' => {
    const id = String(rawId);
    const list = codes[i] as string[];
    if (id === timeId || id === geoId) return 'all';
    const chosen =
      metricIds.includes(id) || /^contentscode$/i.test(id) ? selection.contentsCode : selection.select?.[id];
    if (chosen !== undefined) {
      const at = list.indexOf(chosen);
      if (at < 0) return fail(`koden ${chosen} finns inte i dimensionen ${id} (finns: ${list.join(', ')})`, id);
      return new Set([at]);
    }
    if (list.length === 1) return new Set([0]);
    return fail(`dimensionen ${id} har flera kategorier (${list.join(', ')}); välj en`, id);
  });

  const values: ImportedValue[] = [];
  const skipped = new Set<string>();
  const position = new Array<number>(ids.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    // Row-major: the last dimension varies fastest.
    let rest = flat;
    for (let d = ids.length - 1; d >= 0; d--) {
      const size = Number(sizes[d]);
      position[d] = rest % size;
      rest = Math.floor(rest / size);
    }
    if (!position.every((p, d) => wanted[d] === 'all' || (wanted[d] as Set<number>).has(p))) continue;
    const timeCode = (codes[ids.indexOf(timeId)] as string[])[position[ids.indexOf(timeId)] as number] as string;
    const period = periodOfTimeCode(timeCode);
    if (!period) {
      skipped.add(timeCode);
      continue;
    }
    const area = geoId
      ? ((codes[ids.indexOf(geoId)] as string[])[position[ids.indexOf(geoId)] as number] as string)
      : '';
    values.push({ period, area, value: valueAt(flat) });
  }
  return { values, skippedPeriods: [...skipped], label: typeof data.label === 'string' ? data.label : null };
}

export interface KoladaSelection {
  kpi: string;
  /** T (total, the default), K (women) or M (men). */
  gender?: 'T' | 'K' | 'M';
}

/** Reads a Kolada API v2 data answer: `{ count, values: [{ kpi, municipality, period, values: [...] }] }`. */
export function parseKolada(data: unknown, selection: KoladaSelection): ImportResult {
  if (!isObject(data) || !Array.isArray(data.values)) return fail('inte ett svar från Kolada API v2 (values saknas)');
  const gender = selection.gender ?? 'T';
  const values: ImportedValue[] = [];
  const skipped = new Set<string>();
  data.values.forEach((row, i) => {
    if (!isObject(row)) return fail(`values/${i} är inte ett objekt`, `values/${i}`);
    if (row.kpi !== selection.kpi) return;
    const area = String(row.municipality ?? row.ou ?? '');
    if (!/^\d{4}$/.test(area) && !/^\d{4}$/.test(area.slice(0, 4)))
      return fail(`values/${i}: okänd kommunkod ${area}`, `values/${i}/municipality`);
    const period = String(row.period);
    if (!isPeriod(period)) {
      skipped.add(period);
      return;
    }
    if (!Array.isArray(row.values)) return fail(`values/${i}/values saknas`, `values/${i}/values`);
    const entry = (row.values as unknown[]).find((v) => isObject(v) && v.gender === gender);
    if (!isObject(entry)) return;
    values.push({ period, area, value: typeof entry.value === 'number' ? entry.value : null });
  });
  if (values.length === 0 && data.values.length > 0)
    fail(`filen har inga värden för nyckeltalet ${selection.kpi} (kön ${gender})`);
  return { values, skippedPeriods: [...skipped], label: null };
}
