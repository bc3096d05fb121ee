import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/client.js';
import type { AppDeps } from '../../src/server/http/types.js';

/** The app as the server builds it, on the given database, for `app.inject()`. */
export async function buildTestApp(
  database: Database,
  env: Record<string, string> = {},
  deps: Pick<AppDeps, 'requestRate'> = {},
) {
  const config = loadConfig({ NODE_ENV: 'test', LOTSEN_SEED_DEMO: 'false', ...env });
  return buildApp({ database, config, ...deps });
}
