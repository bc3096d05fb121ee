/**
 * Follow-up periods: a calendar year (`2025`) or a tertial (`2025-T1` = January–April,
 * `-T2` = May–August, `-T3` = September–December), the periods Swedish public bodies report in.
 */
export type PeriodKind = 'year' | 'tertial';

export interface Period {
  code: string;
  kind: PeriodKind;
  year: number;
  /** 1–3 for a tertial. */
  tertial: number | null;
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** First day after the period (YYYY-MM-DD), so ranges read `from <= day < until`. */
  until: string;
}

export const PERIOD_PATTERN = '^\\d{4}(-T[1-3])?$';
const PERIOD = /^(\d{4})(?:-T([1-3]))?$/;

export function isPeriod(code: string): boolean {
  return PERIOD.test(code);
}

/** The period of a code, or null when the code is not a year or tertial. */
export function parsePeriod(code: string): Period | null {
  const match = PERIOD.exec(code);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1900 || year > 2200) return null;
  if (!match[2]) return { code, kind: 'year', year, tertial: null, from: `${year}-01-01`, until: `${year + 1}-01-01` };
  const tertial = Number(match[2]);
  const startMonth = (tertial - 1) * 4 + 1;
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const until = tertial === 3 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 4).padStart(2, '0')}-01`;
  return { code, kind: 'tertial', year, tertial, from, until };
}

/** The period containing a day (YYYY-MM-DD). */
export function periodOf(day: string, kind: PeriodKind): string {
  const year = day.slice(0, 4);
  if (kind === 'year') return year;
  const month = Number(day.slice(5, 7));
  return `${year}-T${Math.floor((month - 1) / 4) + 1}`;
}

/** Every period of a kind from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(fromYear: number, toYear: number, kind: PeriodKind): string[] {
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    if (kind === 'year') out.push(String(y));
    else out.push(`${y}-T1`, `${y}-T2`, `${y}-T3`);
  }
  return out;
}

/** The year of a period code; tertials belong to their year. */
export function yearOf(code: string): number {
  return Number(code.slice(0, 4));
}
