import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { seedDemoUsers } from './modules/access/access.service.js';
import { ensureWorkflows } from './modules/cases/cases.service.js';
import { seedDemoIfEmpty } from './modules/catalogue/catalogue.service.js';
import { seedEstablishmentDemo } from './modules/establishment/establishment.service.js';
import { seedDemoEvents } from './modules/events/events.service.js';

/**
 * Opens the configured database (PostgreSQL when DATABASE_URL is set, else the embedded PGlite),
 * brings its schema up to date and, unless turned off, seeds the demo region into an empty catalogue.
 */
export async function openReadyDatabase(
  config: Config,
  options: { seed?: boolean; log?: (message: string) => void } = {},
): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    if (applied.length > 0) options.log?.(`migrerade: ${applied.join(', ')}`);
    await ensureWorkflows(database.db);
    if (options.seed ?? config.seedDemoWhenEmpty) {
      const seeded = await seedDemoIfEmpty(database.db);
      if (seeded)
        options.log?.(
          `demoregionen importerad: ${seeded.offerings} erbjudanden, ${seeded.organisations} organisationer`,
        );
      // Idempotent: fills in what is missing (site details without a row, events when there are none).
      await seedEstablishmentDemo(database.db);
      await seedDemoEvents(database.db);
      // The demo users sign in only through the development provider, so they exist only with it.
      if (config.auth.devIdp) await seedDemoUsers(database.db, config.auth.personalIdKey);
    }
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
