import Holidays from 'date-holidays';

// Swedish public holidays, plus midsommarafton, julafton and nyårsafton, which the
// library marks as bank holidays and on which authorities are closed in practice.
const holidays = new Holidays('SE');
const cache = new Map<number, Set<string>>();

function nonWorkingDates(year: number): Set<string> {
  let dates = cache.get(year);
  if (!dates) {
    dates = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => h.date.slice(0, 10)),
    );
    cache.set(year, dates);
  }
  return dates;
}

/** A calendar date as `YYYY-MM-DD` (dates, not instants: handläggningstid counts days). */
export type IsoDate = string;

function toDate(iso: IsoDate): Date {
  return new Date(`${iso}T12:00:00Z`);
}

function toIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isWorkingDay(iso: IsoDate): boolean {
  const date = toDate(iso);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nonWorkingDates(date.getUTCFullYear()).has(iso);
}

/** Due dates already worked out: every case received today asks the same question. */
const dueDates = new Map<string, IsoDate>();

/**
 * The date `days` working days after `start`: weekends and Swedish public holidays do not count,
 * nor does the start day itself (a case received on a Friday with 1 day is due on Monday).
 */
export function addWorkingDays(start: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0 (got ${days})`);
  const key = `${start}+${days}`;
  const known = dueDates.get(key);
  if (known) return known;
  if (dueDates.size > 1_000) dueDates.clear();
  const due = countWorkingDays(start, days);
  dueDates.set(key, due);
  return due;
}

function countWorkingDays(start: IsoDate, days: number): IsoDate {
  const date = toDate(start);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(toIso(date))) left--;
  }
  return toIso(date);
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  const date = toDate(from);
  const end = toDate(to);
  while (date < end) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(toIso(date))) count++;
  }
  return count;
}

// Making a formatter is far dearer than using one.
const swedishDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

// Sweden's offset from UTC is whole hours, so its date changes only on a whole minute: the date of
// the last minute asked for is kept.
let lastMinute = Number.NaN;
let lastDate = '';

/** Today's date in Sweden. */
export function todayInSweden(now: Date = new Date()): IsoDate {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = swedishDate.format(now);
    lastMinute = minute;
  }
  return lastDate;
}
