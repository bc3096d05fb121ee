import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { WEB_DIST } from '../../src/server/app.js';
import { buildTestApp } from '../../test/support/app.js';
import { type Engine, freshDatabase } from '../../test/support/databases.js';

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * The real app (API and built web client) on a fresh database with the demo region, listening on
 * 127.0.0.1 at a free port.
 */
export async function startServer(engine: Engine): Promise<RunningServer> {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error(`The web app is not built (${WEB_DIST}). Run "npx vite build" (or "npm run build") first.`);
  }
  // The app checks a browser's Origin against its public URL, so the port must be known before
  // the app is built: ask the OS for a free one, then listen on it.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { database, dispose } = await freshDatabase(engine);
  const app = await buildTestApp(database, { LOTSEN_PUBLIC_URL: url });
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await app.close();
    await dispose();
    throw error;
  }
  return {
    url,
    async close() {
      await app.close();
      await dispose();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
