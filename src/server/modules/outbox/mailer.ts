import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { EmailMessage } from './outbox.repository.js';
import type { Mailer } from './outbox.worker.js';

/** Sends through an SMTP server, e.g. `smtp://user:pass@mail.example.se:587`. */
export function smtpMailer(url: string, from: string): Mailer {
  // Pooled: one SMTP connection carries many messages instead of one handshake per e-mail.
  const transport = nodemailer.createTransport(url.includes('?') ? `${url}&pool=true` : `${url}?pool=true`);
  return {
    async send(message: EmailMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
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
