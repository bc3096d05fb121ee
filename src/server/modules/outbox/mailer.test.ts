import { createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpMailer } from './mailer.js';

interface Received {
  secure: boolean;
  to: string[];
  subject: string | undefined;
  text: string | undefined;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A real SMTP server on a free port (smtp-server's own self-signed certificate for TLS). */
async function smtpServer(options: SMTPServerOptions): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 100,
    ...options,
    onData(stream, session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            secure: session.secure,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
          });
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as { port: number }).port, received };
}

const message = {
  to: 'sara@foretaget.example',
  subject: 'Vi har tagit emot ert ärende BOT 2026/00042',
  text: 'Hej Sara,\n\nvi har tagit emot ärendet om bygglov för skärmtaket.',
};

describe('smtpMailer', () => {
  it('delivers over plain SMTP, Swedish letters intact', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'] });
    await smtpMailer(`smtp://127.0.0.1:${server.port}`, 'Lotsen <lotsen@example.se>').send(message);
    expect(server.received).toEqual([
      { secure: false, to: [message.to], subject: message.subject, text: `${message.text}\n` },
    ]);
  });

  it('upgrades the connection it opens to TLS: smtps (implicit TLS) and STARTTLS', async () => {
    const implicit = await smtpServer({ secure: true });
    await smtpMailer(`smtps://127.0.0.1:${implicit.port}?tls.rejectUnauthorized=false`, 'lotsen@example.se').send(
      message,
    );
    expect(implicit.received.map((m) => [m.secure, m.subject])).toEqual([[true, message.subject]]);

    const starttls = await smtpServer({});
    await smtpMailer(
      `smtp://127.0.0.1:${starttls.port}?requireTLS=true&tls.rejectUnauthorized=false`,
      'lotsen@example.se',
    ).send(message);
    expect(starttls.received.map((m) => [m.secure, m.subject])).toEqual([[true, message.subject]]);
  });

  it('fails the send, not the process, when the server cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await expect(smtpMailer(`smtp://127.0.0.1:${port}`, 'lotsen@example.se').send(message)).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
