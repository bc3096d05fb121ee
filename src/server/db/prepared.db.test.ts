import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company, links, submission } from '../../../test/support/cases.js';
import { engines, freshDatabase, freshDatabaseUrl } from '../../../test/support/databases.js';
import * as repo from '../modules/cases/cases.repository.js';
import * as cases from '../modules/cases/cases.service.js';
import { type Database, type Db, openDatabase, planOnceDbOf, type Tx } from './client.js';

const representative = company('5560360793');
const bygglov = [{ organisationId: 'botkyrka-kommun', unitId: 'bygglov' }];

/** A statement with the inbox's filter by assignee (every page also reads the assignee column). */
const byAssignee = (s: PlanCounts) => s.statement.includes('"cases"."assignee_id" =');

interface PlanCounts {
  statement: string;
  generic: number;
  custom: number;
}

/** The statements this connection has prepared for the inbox, and how each was planned. */
async function inboxStatements(db: Db | Tx): Promise<PlanCounts[]> {
  const result = await db.execute(sql`
    select statement, generic_plans::int as generic, custom_plans::int as custom
    from pg_prepared_statements where statement like '%from "cases"%order by%'`);
  return (result as unknown as { rows: PlanCounts[] }).rows;
}

if (engines().includes('postgres')) {
  describe('statements planned once (postgres)', () => {
    let database: Database;
    let drop: () => Promise<void>;
    let url: string;
    beforeAll(async () => {
      const fresh = await freshDatabaseUrl();
      drop = fresh.drop;
      url = fresh.url;
      // One connection in each pool, so that the statements looked at are on the connection asked.
      database = await openDatabase({ url: fresh.url, poolSize: 1 });
      for (let i = 0; i < 3; i++) await cases.submitCase(database.db, representative, submission(), { links });
    }, 60_000);
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    it("plans a unit's inbox page once and keeps the plan; a filter by assignee is planned for its values", async () => {
      const { db } = database;
      const pages: Awaited<ReturnType<typeof repo.listCases>>[] = [];
      for (let i = 0; i < 8; i++) pages.push(await repo.listCases(db, { scopes: bygglov }, { limit: 20, offset: 0 }));
      expect(pages[0]?.rows).toHaveLength(3);
      expect(pages.every((p) => JSON.stringify(p) === JSON.stringify(pages[0]))).toBe(true);

      const assignee = randomUUID();
      for (let i = 0; i < 8; i++) {
        const page = await repo.listCases(db, { scopes: bygglov, assignee }, { limit: 20, offset: 0 });
        expect(page.rows).toHaveLength(0);
      }

      const planOnce = await inboxStatements(planOnceDbOf(db));
      const inbox = planOnce.filter((s) => !byAssignee(s));
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ generic: 8, custom: 0 });
      // The assignee filter never ran on the plan-once connection, and on its own it was planned
      // for its values first (the server's usual way: custom plans, then its own choice).
      expect(planOnce.some(byAssignee)).toBe(false);
      const usual = (await inboxStatements(db)).filter(byAssignee);
      // The page, and the count that an empty page needs of its own.
      expect(usual).toHaveLength(2);
      for (const statement of usual) expect(statement.custom).toBeGreaterThanOrEqual(5);
    });

    it('sets the plan-once connection up before the pool hands it out (nothing queued behind the SET)', async () => {
      // A process of its own: pg warns of a query queued behind another once per process.
      const script = `
        import { sql } from 'drizzle-orm';
        import { openDatabase, planOnceDbOf } from './src/server/db/client.ts';
        const database = await openDatabase({ url: process.env.PLAN_ONCE_URL, poolSize: 2 });
        const result = await planOnceDbOf(database.db).execute(sql\`show plan_cache_mode\`);
        console.log(JSON.stringify(result.rows));
        await database.close();`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        env: { ...process.env, PLAN_ONCE_URL: url },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([{ plan_cache_mode: 'force_generic_plan' }]);
      expect(run.stderr).not.toMatch(/DeprecationWarning/);
    });

    it("plans a company's own cases (Mina ärenden) once too", async () => {
      const { db } = database;
      for (let i = 0; i < 6; i++) {
        const mine = await repo.listCases(
          db,
          { scopes: 'all', companyOrgnr: representative.actingCompany as string, sort: '-received' },
          { limit: 20, offset: 0 },
        );
        expect(mine.rows).toHaveLength(3);
      }
      const planned = (await inboxStatements(planOnceDbOf(db))).filter((s) =>
        s.statement.includes('"cases"."company_orgnr" ='),
      );
      expect(planned).toHaveLength(1);
      expect(planned[0]).toMatchObject({ generic: 6, custom: 0 });
    });
  });
}

describe('statements planned once (pglite)', () => {
  it('runs them on the one connection PGlite has', async () => {
    const { database, dispose } = await freshDatabase('pglite');
    try {
      expect(planOnceDbOf(database.db)).toBe(database.db);
      const page = await repo.listCases(database.db, { scopes: bygglov }, { limit: 20, offset: 0 });
      expect(page).toMatchObject({ rows: [], total: 0, totalIsLowerBound: false });
    } finally {
      await dispose();
    }
  });
});
