import { describe, expect, it } from 'vitest';
import { formatEventTime } from './event-time.js';

describe('showing when an event is', () => {
  it('shows Swedish time on one day, in Swedish', () => {
    expect(formatEventTime('2026-03-17T06:30:00Z', '2026-03-17T08:00:00Z', 'sv')).toBe(
      'tisdag 17 mars 2026, 07:30–09:00',
    );
  });

  it('follows summer time', () => {
    expect(formatEventTime('2026-06-16T06:30:00Z', '2026-06-16T08:00:00Z', 'sv')).toBe(
      'tisdag 16 juni 2026, 08:30–10:00',
    );
  });

  it('shows both days when an event runs past midnight, in English', () => {
    const text = formatEventTime('2026-03-17T20:00:00Z', '2026-03-17T23:30:00Z', 'en');
    expect(text).toMatch(/^Tuesday,? 17 March 2026 21:00 – Wednesday,? 18 March 2026 00:30$/);
  });
});
