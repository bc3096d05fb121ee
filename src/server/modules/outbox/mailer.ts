import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { EmailMessage } from './outbox.repository.js';
import type { Mailer } from './outbox.worker.js';
import { composeMessage, parseSender, SmtpPool, smtpOptionsFromUrl } from './smtp.js';

/**
 * Sends through an SMTP server, e.g. `smtp://user:pass@mail.example.se:587` (see smtp.ts for the
 * URL's parameters). `from` is the From header, e.g. `Lotsen <lotsen@region.example.se>`.
 */
export function smtpMailer(url: string, from: string): Mailer & { close(): Promise<void> } {
  const pool = new SmtpPool(smtpOptionsFromUrl(url));
  const sender = parseSender(from);
  return {
    async send(message: EmailMessage) {
      await pool.send(sender.address, message.to, composeMessage(sender, message));
    },
    close: () => pool.close(),
  };
}

export interface ReceivedMail {
  id: number;
  to: string[];
  from: string;
  subject: string;
  text: string;
  receivedAt: string;
}

/**
 * A real SMTP server on localhost that keeps what it receives in memory: the demo's mailbox page
 * and the tests read from it. Never used in production.
 */
export async function startLocalMailbox(port = 0): Promise<{
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // close() otherwise waits 30 s for the sender's lingering sockets, longer than main.ts's 10 s
    // shutdown budget: SIGTERM then ended in a forced exit (code 1) before the database was closed.
    closeTimeout: 500,
    // Senders are on this machine; looking their address up in DNS only delays each connection.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            id: messages.length + 1,
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
