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
