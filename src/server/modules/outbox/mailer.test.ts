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
  from?: string;
  headers?: string[];
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A real SMTP server on a free port (smtp-server's own self-signed certificate for TLS). */
async function smtpServer(
  options: SMTPServerOptions,
  /** Also keep each message's From and header names. */
  keep: { sender?: boolean } = {},
): Promise<{ port: number; received: Received[]; sessions: () => { open: number; most: number; all: number } }> {
  const received: Received[] = [];
  let open = 0;
  let most = 0;
  let all = 0;
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 100,
    ...options,
    onConnect(_session, callback) {
      open++;
      all++;
      most = Math.max(most, open);
      callback();
    },
    onClose() {
      open--;
    },
    onData(stream, session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            secure: session.secure,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
            ...(keep.sender
              ? {
                  from: mail.from?.value.map((v) => `${v.name} <${v.address}>`).join(),
                  headers: [...mail.headers.keys()].sort(),
                }
              : {}),
          });
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as { port: number }).port,
    received,
    sessions: () => ({ open, most, all }),
  };
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
      { secure: false, to: [message.to], subject: message.subject, text: message.text },
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

  it('writes the whole message itself: sender, a long Swedish subject, lines that start with a dot, no injected header', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'] }, { sender: true });
    const mailer = smtpMailer(
      `smtp://127.0.0.1:${server.port}`,
      'Lotsen – Region Västmanland <lotsen@region.example.se>',
    );
    const subject = 'Ärendet BOT 2026/00042 har fått ett nytt meddelande från handläggaren på miljöförvaltningen 🌲';
    const text =
      '.\nEn rad som börjar med punkt:\n.. och två\n\nÅterkommer inom tio arbetsdagar.\n' + 'lång '.repeat(60);
    await mailer.send({ to: 'sara@foretaget.example', subject, text });
    await mailer.send({ to: 'sara@foretaget.example', subject: 'Hej\r\nBcc: tjuv@example.com', text: 'x' });
    await mailer.close();
    expect(server.received.map((m) => [m.from, m.subject, m.text, m.to])).toEqual([
      ['Lotsen – Region Västmanland <lotsen@region.example.se>', subject, text, ['sara@foretaget.example']],
      [
        'Lotsen – Region Västmanland <lotsen@region.example.se>',
        'Hej Bcc: tjuv@example.com',
        'x',
        ['sara@foretaget.example'],
      ],
    ]);
    expect(server.received[1]?.headers).not.toContain('bcc');
    expect(server.received[1]?.headers).toEqual(expect.arrayContaining(['date', 'message-id', 'mime-version']));
  });

  it('authenticates with the user and password of the URL (PLAIN, or LOGIN where only that is offered), and fails on a wrong one', async () => {
    const onAuth: SMTPServerOptions['onAuth'] = (auth, _session, callback) =>
      auth.username === 'lotsen' && auth.password === 'hemligt ord'
        ? callback(null, { user: auth.username })
        : callback(new Error('Fel användare eller lösenord'));
    for (const authMethods of [['PLAIN', 'LOGIN'], ['LOGIN']]) {
      const server = await smtpServer({
        disabledCommands: ['STARTTLS'],
        authOptional: false,
        allowInsecureAuth: true,
        authMethods,
        onAuth,
      });
      const mailer = smtpMailer(`smtp://lotsen:hemligt%20ord@127.0.0.1:${server.port}`, 'lotsen@example.se');
      await mailer.send(message);
      await mailer.close();
      expect(server.received.map((m) => m.subject)).toEqual([message.subject]);
      const wrong = smtpMailer(`smtp://lotsen:fel@127.0.0.1:${server.port}`, 'lotsen@example.se');
      // A sign-in refused is the configuration, which an operator mends: not a refusal for good.
      await expect(wrong.send(message)).rejects.toMatchObject({
        message: expect.stringMatching(/535/),
        permanent: false,
      });
      await wrong.close();
    }
  });

  it('fails a refused recipient alone and sends the next message on the same connection, with and without PIPELINING', async () => {
    for (const hidePIPELINING of [false, true]) {
      const server = await smtpServer({
        disabledCommands: ['STARTTLS'],
        hidePIPELINING,
        onRcptTo(address, _session, callback) {
          if (address.address.startsWith('finns-inte')) {
            return callback(Object.assign(new Error('Mottagaren finns inte'), { responseCode: 550 }));
          }
          if (address.address.startsWith('full')) {
            return callback(Object.assign(new Error('Brevlådan är full just nu'), { responseCode: 452 }));
          }
          callback();
        },
      });
      const mailer = smtpMailer(`smtp://127.0.0.1:${server.port}?maxConnections=1`, 'lotsen@example.se');
      // 5xx to the recipient: refused for good; 4xx: try again later.
      await expect(mailer.send({ ...message, to: 'finns-inte@example.se' })).rejects.toMatchObject({
        message: expect.stringMatching(/RCPT TO: 550 Mottagaren finns inte/),
        permanent: true,
      });
      await expect(mailer.send({ ...message, to: 'full@example.se' })).rejects.toMatchObject({
        message: expect.stringMatching(/RCPT TO: 452 Brevlådan är full/),
        permanent: false,
      });
      await mailer.send(message);
      await mailer.close();
      expect({ hidePIPELINING, to: server.received.map((m) => m.to), sessions: server.sessions().all }).toEqual({
        hidePIPELINING,
        to: [[message.to]],
        sessions: 1,
      });
    }
  });

  it('sends many at once over at most maxConnections sessions, each message once', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'] });
    const mailer = smtpMailer(`smtp://127.0.0.1:${server.port}?maxConnections=3`, 'lotsen@example.se');
    const to = Array.from({ length: 60 }, (_, i) => `kund${i}@example.se`);
    await Promise.all(to.map((address) => mailer.send({ ...message, to: address })));
    expect(server.sessions().most).toBeLessThanOrEqual(3);
    expect(server.sessions().all).toBe(3);
    await mailer.close();
    expect(server.received.flatMap((m) => m.to).sort()).toEqual([...to].sort());
  });

  it('refuses an address with letters outside ASCII where the server has no SMTPUTF8, naming the address', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'], hideSMTPUTF8: true });
    const mailer = smtpMailer(`smtp://127.0.0.1:${server.port}`, 'lotsen@example.se');
    await expect(mailer.send({ ...message, to: 'åsa@företaget.example' })).rejects.toThrow(
      /åsa@företaget.example.*SMTPUTF8/,
    );
    await expect(mailer.send({ ...message, to: 'inte en adress' })).rejects.toThrow(/not an e-mail address/);
    await mailer.send(message);
    await mailer.close();
    expect(server.received.map((m) => m.to)).toEqual([[message.to]]);
  });
});
