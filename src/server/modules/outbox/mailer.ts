import { connect, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { EmailMessage } from './outbox.repository.js';
import type { Mailer } from './outbox.worker.js';

/** Sends through an SMTP server, e.g. `smtp://user:pass@mail.example.se:587`. */
export function smtpMailer(url: string, from: string): Mailer {
  // Pooled: one SMTP connection carries many messages instead of one handshake per e-mail.
  const transport = nodemailer.createTransport(url.includes('?') ? `${url}&pool=true` : `${url}?pool=true`);
  // The pool opens its connections through getSocket (nodemailer's hook for proxies), which a
  // transport made from a URL cannot be given as an option.
  (transport.transporter as unknown as { getSocket: unknown }).getSocket = connectWithoutDelay(new URL(url));
  return {
    async send(message: EmailMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Nodemailer's connections, opened with TCP_NODELAY. SMTP is a dialogue of short lines; with
 * Nagle's algorithm on, a line written while the previous one is unacknowledged waits for the
 * server's delayed ACK (40 ms on Linux), which held the outbox at about a hundred e-mails a second.
 * TLS (smtps, STARTTLS) is still nodemailer's: it upgrades the connection given here.
 */
function connectWithoutDelay(url: URL) {
  const port = Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587);
  return (_options: unknown, callback: (error: Error | null, socket?: { connection: Socket }) => void) => {
    const socket = connect({ host: url.hostname, port, noDelay: true, timeout: CONNECT_TIMEOUT_MS });
    const failed = (error: Error) => {
      socket.destroy();
      callback(error);
    };
    const timedOut = () => failed(new Error(`SMTP connection to ${url.hostname}:${port} timed out`));
    socket.once('error', failed);
    socket.once('timeout', timedOut);
    socket.once('connect', () => {
      socket.off('error', failed);
      socket.off('timeout', timedOut);
      socket.setTimeout(0);
      callback(null, { connection: socket });
    });
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
