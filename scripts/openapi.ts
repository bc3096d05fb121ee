// Writes the OpenAPI document generated from the routes to openapi.json; with --check it fails
// when the committed file has drifted from the code instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/client.js';

const FILE = 'openapi.json';

// Generating the document handles no request, so it needs no database connection.
const offline = (): never => {
  throw new Error('no database while generating the OpenAPI document');
};
const database = { kind: 'pglite', db: {}, exec: offline, query: offline, session: offline, close: async () => {} };

const app = await buildApp({ database: database as unknown as Database, config: loadConfig({ NODE_ENV: 'test' }) });
await app.ready();
const generated = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {}
  if (committed !== generated) {
    process.stderr.write(`${FILE} is out of date with the routes: run "npm run openapi" and commit it.\n`);
    process.exit(1);
  }
  process.stdout.write(`${FILE} is up to date\n`);
} else {
  writeFileSync(FILE, generated);
  process.stdout.write(`wrote ${FILE}\n`);
}
