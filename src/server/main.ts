import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { RequestRate } from './http/load.js';
import { startJobWorker } from './modules/jobs/jobs.worker.js';
import { smtpMailer, startLocalMailbox } from './modules/outbox/mailer.js';
import { startOutboxWorker } from './modules/outbox/outbox.worker.js';
import { openReadyDatabase } from './runtime.js';

/**
 * From this many API requests a second the front door counts as busy: e-mails and refreshes wait
 * (at most OUTBOX_DEFER_MS) rather than take CPU from the requests. A region's ordinary day is a
 * few a second (a page a case worker opens makes five to ten); a burst of submissions is thousands.
 */
const BUSY_REQUESTS_PER_SECOND = 200;

/** The server process: configuration, database, listen, graceful shutdown. */
export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const database = await openReadyDatabase(config, {
    log: (message) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: message })}\n`),
  });
  // Mail goes through SMTP; without SMTP_URL (never in production) through Lotsen's own local mailbox.
  const mailbox = config.mail.smtpUrl ? null : await startLocalMailbox();
  const mailer = smtpMailer(config.mail.smtpUrl ?? (mailbox as { url: string }).url, config.mail.from);
  const requestRate = new RequestRate();
  const app = await buildApp(
    { database, config, requestRate, ...(mailbox ? { mailbox } : {}) },
    { logger: { level: config.logLevel } },
  );
  const worker = startOutboxWorker(database.db, mailer, 2000, (error) => app.log.error({ err: error }, 'outbox'), {
    busy: () => requestRate.perSecond() >= BUSY_REQUESTS_PER_SECOND,
  });
  const jobWorker = startJobWorker(database.db, {
    publicBaseUrl: config.publicBaseUrl,
    onError: (error) => app.log.error({ err: error }, 'jobs'),
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      await worker.stop();
      await jobWorker.stop();
      await mailer.close();
      await mailbox?.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Lotsen är igång på ${config.publicBaseUrl} (databas: ${database.kind})`);
}
