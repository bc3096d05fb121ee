import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from './client.js';
import { KeyedProcessCache, ProcessCache } from './process-cache.js';

// The caches only use a database as a key.
const dbA = {} as Db;
const dbB = {} as Db;

afterEach(() => {
  vi.useRealTimers();
});

describe('ProcessCache', () => {
  it('loads once per database within maxAgeMs, again after it, and at once after clear', async () => {
    vi.useFakeTimers({ now: 0 });
    let loads = 0;
    const cache = new ProcessCache(async () => ++loads, 10_000);
    expect(await cache.get(dbA)).toBe(1);
    expect(await cache.get(dbA)).toBe(1);
    expect(await cache.get(dbB)).toBe(2);
    vi.setSystemTime(10_001);
    expect(await cache.get(dbA)).toBe(3);
    cache.clear(dbA);
    expect(await cache.get(dbA)).toBe(4);
  });
});

describe('KeyedProcessCache', () => {
  it('keeps each key of each database for maxAgeMs, and forgets all of them on clear', async () => {
    vi.useFakeTimers({ now: 0 });
    const loaded: string[] = [];
    const cache = new KeyedProcessCache(async (_db, key) => {
      loaded.push(key);
      return `${key}:${loaded.length}`;
    }, 2_000);
    expect(await cache.get(dbA, 'x')).toBe('x:1');
    expect(await cache.get(dbA, 'x')).toBe('x:1');
    expect(await cache.get(dbA, 'y')).toBe('y:2');
    expect(await cache.get(dbB, 'x')).toBe('x:3');
    vi.setSystemTime(1_999);
    expect(await cache.get(dbA, 'x')).toBe('x:1');
    vi.setSystemTime(2_000);
    expect(await cache.get(dbA, 'x')).toBe('x:4');
    cache.clear();
    expect(await cache.get(dbA, 'y')).toBe('y:5');
    expect(await cache.get(dbB, 'x')).toBe('x:6');
  });

  it('does not keep a failed load, and holds at most maxKeys keys', async () => {
    let fail = true;
    let loads = 0;
    const cache = new KeyedProcessCache(
      async (_db, key) => {
        loads++;
        if (fail) throw new Error('database away');
        return key;
      },
      60_000,
      2,
    );
    await expect(cache.get(dbA, 'x')).rejects.toThrow('database away');
    fail = false;
    expect(await cache.get(dbA, 'x')).toBe('x');
    expect(loads).toBe(2);
    await cache.get(dbA, 'y');
    await cache.get(dbA, 'z'); // past maxKeys: the others are forgotten
    await cache.get(dbA, 'x');
    expect(loads).toBe(5);
  });
});
