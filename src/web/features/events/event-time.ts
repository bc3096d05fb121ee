import type { Language } from '../../i18n/language.js';

/**
 * When an event is, in Swedish time whatever the reader's clock says: "tisdag 15 mars 2026,
 * 07:30–09:00" (or with both dates when it runs over midnight). Pure, so it runs in unit tests.
 */
export function formatEventTime(startsAt: string, endsAt: string, language: Language): string {
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const zone = 'Europe/Stockholm';
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone });
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (day.format(start) === day.format(end)) return `${day.format(start)}, ${time.format(start)}–${time.format(end)}`;
  return `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}
