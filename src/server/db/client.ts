import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The Drizzle handle; the same type whether PGlite or a PostgreSQL server is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, accepted wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Raw SQL on one connection (migrations, health checks, advisory locks). */
export interface SqlSession {
  exec(sqlText: string): Promise<void>;
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends SqlSession {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` on one dedicated connection (PGlite has only one). */
  session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** PGlite only: the data directory as a tarball (test templates, backups). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent the embedded PGlite is used. */
  url?: string | null;
  /** PGlite's data directory; `memory://` keeps it in memory. */
  dataDir?: string;
  /** PGlite only: start from a dump made by `dumpDataDir` (test templates). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

/**
 * The same server behind `db`, on connections that plan each prepared statement once, for its
 * first values, and keep that plan (`plan_cache_mode = force_generic_plan`). For a hot query whose
 * best plan does not depend on its values (a page of one organisation's or unit's inbox in an
 * order that an index holds), planning it again on every execution costs more than running it.
 * PGlite has one connection and plans as usual: there it is `db` itself.
 */
const planOnceDbs = new WeakMap<Db | Tx, Db>();

/** A transaction stays on its own connection: for one, this is the transaction itself. */
export function planOnceDbOf(db: Db | Tx): Db | Tx {
  return planOnceDbs.get(db) ?? db;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
  });
  // Half as many: only list pages run here, each briefly. Connections are opened when first
  // needed and closed after 10 s idle (pg's default), so an idle process holds none of these.
  const planOncePool = new pg.Pool({ connectionString: url, max: Math.ceil(poolSize / 2), Client: PlanOnceClient });
  // An idle connection that the server closes (restart, failover, a dropped test database) is
  // simply discarded by the pool; without a listener the error would crash the process.
  pool.on('error', () => {});
  planOncePool.on('error', () => {});
  pool.on('connect', prepareRepeatedStatements);
  // Fail fast with the server's own message when it cannot be reached.
  const client = await pool.connect();
  client.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  planOnceDbs.set(db, drizzlePg(planOncePool, { schema }) as unknown as Db);
  return {
    db,
    kind: 'postgres',
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async query(sqlText, params) {
      const result = await pool.query(sqlText, params as unknown[]);
      return result.rows;
    },
    async session(fn) {
      const connection = await pool.connect();
      try {
        return await fn({
          async exec(sqlText) {
            await connection.query(sqlText);
          },
          async query(sqlText, params) {
            return (await connection.query(sqlText, params as unknown[])).rows;
          },
        });
      } finally {
        connection.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), planOncePool.end()]);
    },
  };
}

/**
 * A connection of the plan-once pool: it sets `plan_cache_mode` once connected, before the pool
 * hands it out (a query sent while the SET still runs would be queued behind it, which pg
 * deprecates). A SET, not a startup option: poolers such as PgBouncer refuse unknown startup
 * parameters. Should the SET fail, the connection plans as usual (slower, never wrong).
 */
class PlanOnceClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
  override connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | undefined {
    const connected = super.connect().then(async () => {
      await this.query('set plan_cache_mode = force_generic_plan').catch(() => {});
      return this;
    });
    if (!callback) return connected;
    connected.then((client) => callback(null, client), callback);
    return undefined;
  }
}

/** How many distinct statements each connection keeps prepared, at most (see below). */
const MAX_PREPARED = 500;
const statementNames = new Map<string, string>();

/**
 * Names every statement by a hash of its text, so that each connection parses it once and then
 * only binds and runs it (planned for its values: see the pool's plan_cache_mode). Texts past the
 * first MAX_PREPARED (IN lists of varying length, one-off reports) run unnamed.
 */
function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
    // Drizzle passes a config object ({ text, rowMode, types }); plain strings (migrations, scripts,
    // several statements at once) are left alone.
    if (typeof config === 'object' && config !== null && 'text' in config && !(config as { name?: string }).name) {
      const { text } = config as { text: string };
      let name = statementNames.get(text);
      if (!name && statementNames.size < MAX_PREPARED) {
        name = `lotsen_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
        statementNames.set(text, name);
      }
      if (name) return query({ ...config, name }, ...rest);
    }
    return query(config, ...rest);
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const session: SqlSession = {
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    async query(sqlText, params) {
      const result = await client.query(sqlText, params as unknown[]);
      return result.rows as never[];
    },
  };
  return {
    db,
    kind: 'pglite',
    ...session,
    session: (fn) => fn(session),
    dumpDataDir: async () => (await client.dumpDataDir('gzip')) as Blob,
    close: () => client.close(),
  };
}
