import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Db, planOnceDbOf, type Tx } from './client.js';

const MAX_SHAPES = 200;
const cache = new WeakMap<Db | Tx, Map<string, unknown>>();

/**
 * A hot query built once per database and shape, then only executed. Drizzle builds a query's SQL
 * anew on every call, and for the short queries on every request (the session lookup, a page of
 * cases) building costs more than running; `build` must use `sql.placeholder` for every value, and
 * `shape` must name everything else the SQL depends on.
 */
export function prepared<T>(db: Db | Tx, shape: string, build: (name: string) => T): T {
  let shapes = cache.get(db);
  if (!shapes) {
    shapes = new Map();
    cache.set(db, shapes);
  }
  let query = shapes.get(shape) as T | undefined;
  if (!query) {
    query = build(`lotsen_p_${createHash('sha1').update(shape).digest('hex').slice(0, 20)}`);
    // Unbounded shapes would be a leak; past the limit, queries are still built, just not kept.
    if (shapes.size < MAX_SHAPES) shapes.set(shape, query);
  }
  return query;
}

const dialect = new PgDialect();

/**
 * `prepared` for a statement drizzle's builders cannot express (several writes in one WITH): the
 * SQL, with `sql.placeholder` for every value, is built once per database; `execute` fills it in and
 * returns the rows as the database names their columns. `plan: 'once'` runs it where it is planned
 * once and that plan kept (see planOnceDbOf): only for a statement whose best plan is the same
 * whatever its values, and never inside a transaction (it runs on other connections).
 */
export function preparedStatement(db: Db | Tx, shape: string, build: () => SQL, options: { plan?: 'once' } = {}) {
  const target = options.plan === 'once' ? planOnceDbOf(db) : db;
  return prepared(target, shape, (name) => {
    const query = target._.session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false);
    return {
      async execute<Row>(values: Record<string, unknown>): Promise<Row[]> {
        const result = (await query.execute(values)) as { rows: Row[] };
        return result.rows;
      },
    };
  });
}
