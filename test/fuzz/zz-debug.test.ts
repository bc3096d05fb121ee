import { it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { freshDatabase } from '../support/databases.js';
it('debug', async () => {
  const h = await freshDatabase('pglite');
  const app = await buildApp({ database: h.database, config: loadConfig({ NODE_ENV: 'test', LOTSEN_SEED_DEMO: 'false' }) }, { logger: { level: 'error' } });
  for (const url of ['/api/offerings?q=%00', '/api/offerings?limit=1e400', '/api/offerings?offset=1e400']) {
    const r = await app.inject({ url });
    console.log('RES', url, r.statusCode, r.body.slice(0, 200));
  }
  await app.close(); await h.dispose();
}, 120000);
