import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig } from '../server/config.js';
import { MigrationError } from '../server/db/migrate.js';
import { AppError } from '../server/errors.js';
import { seedDemoUsers } from '../server/modules/access/access.service.js';
import { retention } from '../server/modules/cases/cases.service.js';
import { exportCatalogue, importCatalogue, seedDemo } from '../server/modules/catalogue/catalogue.service.js';
import { forgetPastRegistrations } from '../server/modules/events/events.service.js';
import { loadRouter } from '../server/modules/intake/intake.service.js';
import { routeLine } from '../server/modules/intake/route-line.js';
import { sendFollowUpReminders } from '../server/modules/strategy/strategy.service.js';
import { openReadyDatabase } from '../server/runtime.js';

const USAGE = `Användning: lotsen <kommando>

  start                     starta servern (samma som npm start)
  migrate                   uppdatera databasens schema
  seed --demo               importera demoregionen (idempotent)
  catalog import FIL        importera en katalogfil (allt eller inget)
  catalog export [--out FIL] skriv katalogen som JSON (samma format som import)
  route                     routa förfrågningar: JSON Lines in på stdin, ut på stdout
  jobs retention [--apply]  gallring: rapportera (standard) eller radera/avidentifiera det som är dags
  jobs forget-registrations ta bort namn och e-post ur anmälningar 30 dagar efter evenemanget
  jobs reminders [--today ÅÅÅÅ-MM-DD]
                            påminnelser om uppföljningar som ska vara klara (skickas via utkorgen, en gång var)

Konfiguration via miljön: DATABASE_URL, LOTSEN_DATA_DIR, LOG_LEVEL …`;

// Every message goes to stderr: stdout is reserved for command output (route, export).
const say = (message: string) => process.stderr.write(`${message}\n`);

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start': {
        const { main } = await import('../server/main.js');
        await main();
        return 0;
      }
      case 'migrate':
        return await withDatabase(async () => 0, { seed: false });
      case 'seed':
        if (rest[0] !== '--demo') return usage('seed kräver --demo');
        return await withDatabase(
          async (database) => {
            const summary = await seedDemo(database.db);
            say(`demoregionen importerad: ${JSON.stringify(summary)}`);
            // The demo users sign in through the development provider, so they come with it only.
            const config = loadConfig();
            if (config.auth.devIdp) {
              const users = await seedDemoUsers(database.db, config.auth.personalIdKey);
              say(`demoanvändare: ${users}`);
            }
            return 0;
          },
          { seed: false },
        );
      case 'catalog':
        return await catalog(rest);
      case 'route':
        return await withDatabase(route);
      case 'jobs':
        return await jobs(rest);
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        return usage(`okänt kommando "${command}"`);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError || error instanceof AppError) {
      say(error.message);
      return error instanceof AppError ? 65 : 78;
    }
    throw error;
  }
}

function usage(problem: string): number {
  say(`${problem}\n\n${USAGE}`);
  return 64; // EX_USAGE
}

async function withDatabase(
  fn: (database: Awaited<ReturnType<typeof openReadyDatabase>>) => Promise<number>,
  options: { seed?: boolean } = {},
): Promise<number> {
  const config = loadConfig();
  const database = await openReadyDatabase(config, { ...options, log: say });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function catalog(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') {
    const file = rest[0];
    if (!file) return usage('catalog import kräver en fil');
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      say(`${file}: kunde inte läsas som JSON: ${(error as Error).message}`);
      return 65; // EX_DATAERR
    }
    return withDatabase(
      async (database) => {
        const summary = await importCatalogue(database.db, data, file);
        say(`${file}: importerad ${JSON.stringify(summary)}`);
        return 0;
      },
      { seed: false },
    );
  }
  if (sub === 'export') {
    const outIndex = rest.indexOf('--out');
    const out = outIndex >= 0 ? rest[outIndex + 1] : undefined;
    if (outIndex >= 0 && !out) return usage('--out kräver ett filnamn');
    return withDatabase(
      async (database) => {
        const json = `${JSON.stringify(await exportCatalogue(database.db), null, 2)}\n`;
        if (out) writeFileSync(out, json);
        else process.stdout.write(json);
        return 0;
      },
      { seed: false },
    );
  }
  return usage('catalog kräver import eller export');
}

async function jobs(args: string[]): Promise<number> {
  const [job, ...rest] = args;
  if (job === 'reminders') return reminders(rest);
  if (job !== 'retention') return usage('jobs kräver retention eller reminders');
  const apply = rest.includes('--apply');
  return withDatabase(
    async (database) => {
      const report = await retention(database.db, { apply });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      say(`${apply ? 'gallrade' : 'skulle gallra (torrkörning; lägg till --apply)'}: ${report.items.length} ärenden`);
      return 0;
    },
    { seed: false },
  );
}

/** Queues the follow-up reminders due today (or on --today); the server's outbox worker sends them. */
async function reminders(args: string[]): Promise<number> {
  const todayIndex = args.indexOf('--today');
  const today = todayIndex >= 0 ? args[todayIndex + 1] : undefined;
  if (todayIndex >= 0 && !/^\d{4}-\d{2}-\d{2}$/.test(today ?? '')) return usage('--today kräver ett datum ÅÅÅÅ-MM-DD');
  const config = loadConfig();
  return withDatabase(
    async (database) => {
      const report = await sendFollowUpReminders(database.db, {
        publicBaseUrl: config.publicBaseUrl,
        ...(today ? { now: new Date(`${today}T12:00:00Z`) } : {}),
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      say(`påminnelser köade: ${report.sent.length} (skickas av serverns utkorg)`);
      return 0;
    },
    { seed: false },
  );
}

/** JSON Lines in, one line out per input line in input order; bad lines are reported on stderr. */
async function route(database: Awaited<ReturnType<typeof openReadyDatabase>>): Promise<number> {
  const router = await loadRouter(database.db);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const result = routeLine(router, line);
    if (result.ok) process.stdout.write(`${JSON.stringify(result.output)}\n`);
    else say(`rad ${lineNumber}: ${result.error}`);
  }
  // A bad line is reported on stderr and skipped; the run itself succeeded.
  return 0;
}
