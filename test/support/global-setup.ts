import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { seedDemoUsers } from '../../src/server/modules/access/access.service.js';
import { seedDemo } from '../../src/server/modules/catalogue/catalogue.service.js';
import { PGLITE_TEMPLATE, POSTGRES_TEMPLATE_DB, serverUrl } from './databases.js';

/**
 * Prepares one migrated database with the demo region per engine, once per test run. Each test
 * file then starts from a copy: PGlite from a dump of the data directory, PostgreSQL from a
 * template database.
 */
export default async function setup() {
  mkdirSync('tmp', { recursive: true });
  const pglite = await openDatabase({ dataDir: 'memory://' });
  await migrate(pglite);
  await seedDemo(pglite.db);
  await seedDemoUsers(pglite.db);
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
    await template.close();
  }
}

async function dumpPglite(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error('not a PGlite database');
  return database.dumpDataDir();
}
