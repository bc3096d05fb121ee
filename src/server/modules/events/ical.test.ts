import { describe, expect, it } from 'vitest';
import { type CalendarEvent, escapeText, foldLine, formatUtc, toICalendar } from './ical.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

function buildEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: '7d8c1c1e-0000-4000-8000-000000000001@lotsen',
    title: 'Frukostmöte: Etablera i Botkyrka',
    description: 'Kaffe, smörgås och kort om mark',
    location: 'Xenter, Tumba',
    startsAt: new Date('2026-03-15T07:30:00Z'),
    endsAt: new Date('2026-03-15T09:00:00Z'),
    createdAt: new Date('2026-02-01T10:00:00Z'),
    updatedAt: new Date('2026-02-02T10:00:00Z'),
    sequence: 0,
    cancelled: false,
    ...overrides,
  };
}

describe('iCalendar text escaping', () => {
  it('escapes backslash, semicolon and comma, and turns line breaks into \\n', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('escapes the backslash first, so escapes are not doubled', () => {
    expect(escapeText(';')).toBe('\\;');
    expect(escapeText('\\;')).toBe('\\\\\\;');
  });
});

describe('iCalendar line folding', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds longer lines so that no physical line exceeds 75 octets, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Åsa äter gröt på Öland, '.repeat(20)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never splits a multi-byte character', () => {
    const folded = foldLine(`X:${'ö'.repeat(100)}`);
    expect(folded).not.toContain('\uFFFD');
    for (const physical of folded.split('\r\n '))
      expect(() => decodeURIComponent(encodeURIComponent(physical))).not.toThrow();
  });
});

describe('iCalendar document', () => {
  it('formats UTC date-times in the basic form with Z', () => {
    expect(formatUtc(new Date('2026-03-15T07:30:00.000Z'))).toBe('20260315T073000Z');
  });

  it('writes a VCALENDAR with the required properties and CRLF line endings only', () => {
    const ics = toICalendar([buildEvent()], { name: 'Lotsen', now: new Date('2026-02-03T00:00:00Z') });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const required of ['UID:', 'DTSTAMP:20260203T000000Z', 'DTSTART:20260315T073000Z', 'DTEND:20260315T090000Z'])
      expect(ics).toContain(`\r\n${required}`);
    expect(ics).toContain('\r\nSUMMARY:Frukostmöte: Etablera i Botkyrka\r\n');
    expect(ics).toContain('\r\nLOCATION:Xenter\\, Tumba\r\n');
    expect(ics).toContain('\r\nSTATUS:CONFIRMED\r\n');
  });

  it('marks a cancelled event CANCELLED with its new sequence, so calendars update it', () => {
    const ics = toICalendar([buildEvent({ cancelled: true, sequence: 3 })], { name: 'Lotsen' });
    expect(ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(ics).toContain('\r\nSEQUENCE:3\r\n');
  });

  it('keeps user text from breaking out into new properties', () => {
    const ics = toICalendar([buildEvent({ title: 'Ok\r\nEND:VEVENT\r\nBEGIN:VEVENT' })], { name: 'Lotsen' });
    expect(ics.match(/^BEGIN:VEVENT$/gm)?.length).toBe(1);
    expect(ics).toContain('SUMMARY:Ok\\nEND:VEVENT\\nBEGIN:VEVENT');
  });
});
