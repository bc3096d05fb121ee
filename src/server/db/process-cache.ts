import type { Db } from './client.js';

/**
 * Reference data that every request reads and almost nothing writes (case workflows, organisation
 * names, offering titles), kept in this process per database for `maxAgeMs`. A write made by this
 * process clears it at once; another process's write is seen within `maxAgeMs`.
 */
export class ProcessCache<T> {
  private readonly entries = new WeakMap<Db, { loadedAt: number; value: Promise<T> }>();

  constructor(
    private readonly load: (db: Db) => Promise<T>,
    private readonly maxAgeMs = 10_000,
  ) {}

  get(db: Db): Promise<T> {
    const entry = this.entries.get(db);
    if (entry && Date.now() - entry.loadedAt <= this.maxAgeMs) return entry.value;
    const value = this.load(db);
    this.entries.set(db, { loadedAt: Date.now(), value });
    // A failed load is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(db)?.value === value) this.entries.delete(db);
    });
    return value;
  }

  clear(db: Db): void {
    this.entries.delete(db);
  }
}

/**
 * Like ProcessCache, for data looked up by a key (e.g. the cases shared with a set of
 * organisations), kept in this process per database and key for `maxAgeMs`, at most `maxKeys`
 * keys. A write made by this process clears it at once; another process's, within `maxAgeMs`.
 */
export class KeyedProcessCache<T> {
  private entries = new WeakMap<Db, Map<string, { until: number; value: Promise<T> }>>();

  constructor(
    private readonly load: (db: Db, key: string) => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly maxKeys = 1000,
  ) {}

  get(db: Db, key: string): Promise<T> {
    let keys = this.entries.get(db);
    const entry = keys?.get(key);
    const now = Date.now();
    if (entry && now < entry.until) return entry.value;
    if (!keys) this.entries.set(db, (keys = new Map()));
    if (keys.size >= this.maxKeys) keys.clear();
    const value = this.load(db, key);
    keys.set(key, { until: now + this.maxAgeMs, value });
    // A failed load is not kept: the next request tries again.
    value.catch(() => {
      if (keys.get(key)?.value === value) keys.delete(key);
    });
    return value;
  }

  /** Forgets every key of every database (a write in one transaction may concern any of them). */
  clear(): void {
    this.entries = new WeakMap();
  }
}
