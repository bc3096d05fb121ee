import { describe, expect, it } from 'vitest';
import { uuid7 } from './uuid7.js';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid7', () => {
  it('is a version 7, RFC 9562 variant UUID carrying the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 22, 8, 0, 0, 123);
    const id = uuid7(at);
    expect(id).toMatch(UUID7);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts in the order made, also many within one millisecond', () => {
    const at = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 5000 }, () => uuid7(at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuid7(at + 10_000) > (ids.at(-1) as string)).toBe(true);
  });

  it('never goes back when the clock does', () => {
    const first = uuid7(Date.UTC(2031, 0, 1, 0, 0, 1));
    const second = uuid7(Date.UTC(2031, 0, 1, 0, 0, 0));
    expect(second > first).toBe(true);
    expect(second).toMatch(UUID7);
  });
});
