import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.js';

/** This run's templates, made by global-setup.ts. */
const pgliteTemplate = () => inject('pgliteTemplate');
const postgresTemplate = () => inject('postgresTemplate');

export type Engine = 'pglite' | 'postgres';

/** The engines this run covers: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function serverUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database with the demo region (migrated and seeded), private to the caller.
 * `dispose` closes it and, on PostgreSQL, drops it.
 */
export async function freshDatabase(engine: Engine): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dump = new Blob([readFileSync(pgliteTemplate())]);
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: dump });
    return { database, dispose: () => database.close() };
  }
  const fresh = await freshDatabaseUrl();
  const database = await openDatabase({ url: fresh.url, poolSize: 4 });
  return {
    database,
    async dispose() {
      await database.close();
      await fresh.drop();
    },
  };
}

/** A new PostgreSQL database on the test server (empty, or a copy of the migrated demo template). */
export async function freshDatabaseUrl(options: { empty?: boolean } = {}) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `lotsen_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${options.empty ? '' : ` TEMPLATE ${postgresTemplate()}`}`);
  await admin.end();
  return {
    url: serverUrl(url, name),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Runs the suite once per engine, each on its own fresh database with the demo region:
 * `describeEachDatabase('catalogue', (db) => { it(..., async () => db().…) })`.
 */
export function describeEachDatabase(name: string, suite: (database: () => Database, engine: Engine) => void) {
  for (const engine of engines()) {
    describe(`${name} (${engine})`, () => {
      let handle: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      beforeAll(async () => {
        handle = await freshDatabase(engine);
      }, 60_000);
      afterAll(async () => {
        await handle?.dispose();
      });
      suite(() => {
        if (!handle) throw new Error('database not ready');
        return handle.database;
      }, engine);
    });
  }
}
