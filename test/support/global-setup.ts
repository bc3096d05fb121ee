import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { seedDemoUsers } from '../../src/server/modules/access/access.service.js';
import { seedDemo } from '../../src/server/modules/catalogue/catalogue.service.js';
import { seedEstablishmentDemo } from '../../src/server/modules/establishment/establishment.service.js';
import { seedDemoEvents } from '../../src/server/modules/events/events.service.js';
import { serverUrl } from './databases.js';

/**
 * Prepares one migrated database with the demo region per engine, once per test run. Each test
 * file then starts from a copy: PGlite from a dump of the data directory, PostgreSQL from a
 * template database. Names are per run, so that runs going on at once don't disturb each other.
 */
export default async function setup(project: TestProject) {
  mkdirSync('tmp', { recursive: true });
  const run = randomBytes(4).toString('hex');
  const PGLITE_TEMPLATE = `tmp/pglite-template-${run}.tar.gz`;
  const POSTGRES_TEMPLATE_DB = `lotsen_test_template_${run}`;
  project.provide('pgliteTemplate', PGLITE_TEMPLATE);
  project.provide('postgresTemplate', POSTGRES_TEMPLATE_DB);
  const pglite = await openDatabase({ dataDir: 'memory://' });
  await migrate(pglite);
  await seedDemo(pglite.db);
  await seedDemoUsers(pglite.db);
  await seedEstablishmentDemo(pglite.db);
  await seedDemoEvents(pglite.db);
  const dump = await dumpPglite(pglite);
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE_DB}`);
    await admin.end();
    const template = await openDatabase({ url: serverUrl(url, POSTGRES_TEMPLATE_DB), poolSize: 2 });
    await migrate(template);
    await seedDemo(template.db);
    await seedDemoUsers(template.db);
    await seedEstablishmentDemo(template.db);
    await seedDemoEvents(template.db);
    await template.close();
  }

  return async function teardown() {
    rmSync(PGLITE_TEMPLATE, { force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE_DB} WITH (FORCE)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

async function dumpPglite(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error('not a PGlite database');
  return database.dumpDataDir();
}
