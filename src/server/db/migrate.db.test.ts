import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase } from '../../../test/support/databases.js';
import { MIGRATIONS_DIR, MigrationError, migrate } from './migrate.js';

describeEachDatabase('migrations', (database, engine) => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (disposers.length) await disposers.pop()?.();
  });

  it('a broken migration fails with its name, is rolled back, and leaves the data as it was', async () => {
    const { database: db, dispose } = await freshDatabase(engine);
    disposers.push(dispose);
    const dir = mkdtempSync(join(tmpdir(), 'lotsen-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const journalFile = join(dir, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const idx = journal.entries.length;
    journal.entries.push({ idx, version: '7', when: Date.now(), tag: '9999_broken', breakpoints: true });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(
      join(dir, '9999_broken.sql'),
      'CREATE TABLE half_done (id int);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x int;',
    );

    const failure = migrate(db, dir);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(db, dir)).rejects.toThrow(/9999_broken/);
    const tables = await db.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_name = 'half_done'",
    );
    expect(tables[0]?.n).toBe(0);
    const offerings = await db.query<{ n: number }>('select count(*)::int as n from offerings');
    expect(offerings[0]?.n).toBe(90);
  });

  it('a second run does nothing', async () => {
    expect(await migrate(database())).toEqual([]);
    expect(await migrate(database())).toEqual([]);
  });
});
