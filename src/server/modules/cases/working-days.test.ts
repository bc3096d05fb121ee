import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, todayInSweden, workingDaysBetween } from './working-days.js';

describe('handläggningstid in Swedish working days', () => {
  it('does not count weekends', () => {
    // Friday 2026-11-20 + 1 working day is Monday 2026-11-23.
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-16', 5)).toBe('2026-11-23');
  });

  it('does not count Swedish public holidays nor julafton and nyårsafton', () => {
    // 2026-12-23 (Wed) + 1: 24 julafton, 25 juldagen, 26 annandag jul (Sat), 27 Sun → Monday 28th.
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
    // Maundy Thursday 2026-04-02 + 1: långfredagen, weekend, annandag påsk → Tuesday 7 April.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(isWorkingDay('2026-06-06')).toBe(false); // nationaldagen (a Saturday anyway)
    expect(isWorkingDay('2027-06-25')).toBe(false); // midsommarafton 2027
    expect(isWorkingDay('2026-05-14')).toBe(false); // Kristi himmelsfärdsdag
  });

  it('counts annandag pingst as a working day (no longer a holiday since 2005)', () => {
    expect(isWorkingDay('2026-05-25')).toBe(true);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays('2026-11-20', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-20', 1.5)).toThrow(RangeError);
  });

  it('counts working days between two dates both ways', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    expect(workingDaysBetween('2026-12-23', '2026-12-28')).toBe(1);
  });

  it('gives today in Swedish time, also just after midnight UTC+1', () => {
    expect(todayInSweden(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    // The last second of a Swedish day and the first of the next, asked one after the other.
    expect(todayInSweden(new Date('2026-11-22T22:59:00Z'))).toBe('2026-11-22');
    expect(todayInSweden(new Date('2026-11-22T22:59:59.999Z'))).toBe('2026-11-22');
    expect(todayInSweden(new Date('2026-11-22T23:00:00Z'))).toBe('2026-11-23');
    expect(todayInSweden(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(todayInSweden(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
