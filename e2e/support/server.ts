import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { buildApp, WEB_DIST } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { startJobWorker } from '../../src/server/modules/jobs/jobs.worker.js';
import { type ReceivedMail, smtpMailer, startLocalMailbox } from '../../src/server/modules/outbox/mailer.js';
import { startOutboxWorker } from '../../src/server/modules/outbox/outbox.worker.js';
import { buildTestApp } from '../../test/support/app.js';
import { type Engine, freshDatabase } from '../../test/support/databases.js';

export interface RunningServer {
  url: string;
  /** With `mail: true`: what Lotsen's outbox delivered to the local SMTP server (shown on /dev/mailbox). */
  mailbox?: { messages: readonly ReceivedMail[] };
  close: () => Promise<void>;
}

/**
 * The real app (API and built web client) on a fresh database with the demo region, listening on
 * 127.0.0.1 at a free port. `mail: true` also runs the demo's mail path as `main.ts` does: a local
 * SMTP server, the outbox worker sending to it, and the /dev/mailbox page.
 */
export async function startServer(
  engine: Engine,
  options: { mail?: boolean; jobs?: boolean } = {},
): Promise<RunningServer> {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error(`The web app is not built (${WEB_DIST}). Run "npx vite build" (or "npm run build") first.`);
  }
  // The app checks a browser's Origin against its public URL, so the port must be known before
  // the app is built: ask the OS for a free one, then listen on it.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { database, dispose } = await freshDatabase(engine);
  const mailbox = options.mail ? await startLocalMailbox() : null;
  const app = mailbox
    ? await buildApp({
        database,
        config: loadConfig({ NODE_ENV: 'test', LOTSEN_SEED_DEMO: 'false', LOTSEN_PUBLIC_URL: url }),
        mailbox,
      })
    : await buildTestApp(database, { LOTSEN_PUBLIC_URL: url });
  const worker = mailbox ? startOutboxWorker(database.db, smtpMailer(mailbox.url, 'lotsen@example.se'), 200) : null;
  // `jobs: true`: background jobs (reports) run as main.ts runs them.
  const jobs = options.jobs ? startJobWorker(database.db, { publicBaseUrl: url, intervalMs: 200 }) : null;
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await app.close();
    await worker?.stop();
    await jobs?.stop();
    await mailbox?.close();
    await dispose();
    throw error;
  }
  return {
    url,
    ...(mailbox ? { mailbox } : {}),
    async close() {
      await app.close();
      await worker?.stop();
      await jobs?.stop();
      await mailbox?.close();
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
