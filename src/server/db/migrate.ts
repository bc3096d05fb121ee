import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './client.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

interface JournalEntry {
  idx: number;
  tag: string;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Migreringen ${migration} misslyckades och rullades tillbaka: ${reason}`);
    this.name = 'MigrationError';
  }
}

// An arbitrary constant naming Lotsen's migration lock.
const MIGRATION_LOCK = 7_415_320_001;

/**
 * Applies the migrations drizzle-kit generated, in journal order, each in its own transaction.
 * Forward-only; an applied migration is recorded with its hash and never run again.
 * Returns the tags applied by this call (empty when the database was up to date).
 */
export async function migrate(database: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const journal = JSON.parse(readFileSync(`${dir}/meta/_journal.json`, 'utf8')) as {
    entries: JournalEntry[];
  };
  return database.session((session) => migrateOn(session, journal, dir));
}

async function migrateOn(database: SqlSession, journal: { entries: JournalEntry[] }, dir: string): Promise<string[]> {
  // Every process takes the lock, so two starting at once never run one migration twice.
  await database.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  const applied: string[] = [];
  try {
    await database.exec(`CREATE TABLE IF NOT EXISTS lotsen_migrations (
      tag text PRIMARY KEY,
      hash text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await database.query<{ tag: string }>('SELECT tag FROM lotsen_migrations')).map((r) => r.tag),
    );
    for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
      if (done.has(entry.tag)) continue;
      const text = readFileSync(`${dir}/${entry.tag}.sql`, 'utf8');
      const hash = createHash('sha256').update(text).digest('hex');
      const statements = text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean);
      try {
        await database.exec('BEGIN');
        for (const statement of statements) await database.exec(statement);
        await database.query('INSERT INTO lotsen_migrations (tag, hash) VALUES ($1, $2)', [entry.tag, hash]);
        await database.exec('COMMIT');
      } catch (error) {
        await database.exec('ROLLBACK').catch(() => {});
        throw new MigrationError(entry.tag, error);
      }
      applied.push(entry.tag);
    }
  } finally {
    await database.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
  return applied;
}
