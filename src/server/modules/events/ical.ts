/**
 * iCalendar (RFC 5545) written by hand: the few properties a calendar needs to show and update
 * an event. Lines end in CRLF (§3.1), long lines are folded at 75 octets without splitting a
 * UTF-8 character, and TEXT values are escaped (§3.3.11).
 */
export interface CalendarEvent {
  uid: string;
  title: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  /** When this version of the event was made (DTSTAMP and LAST-MODIFIED). */
  updatedAt: Date;
  createdAt: Date;
  sequence: number;
  cancelled: boolean;
  url?: string;
  organiser?: string;
}

const CRLF = '\r\n';

/** TEXT escaping: backslash, semicolon and comma get a backslash; line breaks become \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** 20260315T073000Z: UTC date-time form (§3.3.5, form #2). */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Folds a content line so that no line is longer than 75 octets; continuation lines start with
 * one space, which counts towards their 75 (§3.1).
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // the leading space takes one octet
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function vevent(event: CalendarEvent, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    property('UID', event.uid),
    property('DTSTAMP', formatUtc(now)),
    property('CREATED', formatUtc(event.createdAt)),
    property('LAST-MODIFIED', formatUtc(event.updatedAt)),
    property('SEQUENCE', String(event.sequence)),
    property('DTSTART', formatUtc(event.startsAt)),
    property('DTEND', formatUtc(event.endsAt)),
    property('SUMMARY', escapeText(event.title)),
    property('DESCRIPTION', escapeText(event.description)),
    property('LOCATION', escapeText(event.location)),
    property('STATUS', event.cancelled ? 'CANCELLED' : 'CONFIRMED'),
  ];
  if (event.url) lines.push(property('URL', event.url));
  if (event.organiser) lines.push(property('X-LOTSEN-ORGANISER', escapeText(event.organiser)));
  lines.push('END:VEVENT');
  return lines;
}

/** A VCALENDAR with one VEVENT per event, ready to send as text/calendar. */
export function toICalendar(events: readonly CalendarEvent[], options: { name: string; now?: Date }): string {
  const now = options.now ?? new Date();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lotsen//Evenemang//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('X-WR-CALNAME', escapeText(options.name)),
    ...events.flatMap((e) => vevent(e, now)),
    'END:VCALENDAR',
  ];
  return lines.join(CRLF) + CRLF;
}
