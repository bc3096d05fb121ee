import { describe, expect, it } from 'vitest';
import { RequestRate } from './load.js';

describe('RequestRate', () => {
  it('counts the requests begun in about the last second, and forgets older ones', () => {
    let now = 10_000;
    const rate = new RequestRate(500, () => now);
    expect(rate.perSecond()).toBe(0);
    for (let i = 0; i < 150; i++) {
      rate.record();
      now += 2; // 150 requests in 300 ms
    }
    expect(rate.perSecond()).toBe(150);
    now += 500; // the next window: the last one's still counts
    rate.record();
    expect(rate.perSecond()).toBe(151);
    now += 500; // one more: only the single request of the window before
    expect(rate.perSecond()).toBe(1);
    now += 5_000; // a quiet spell: nothing
    expect(rate.perSecond()).toBe(0);
  });
});
