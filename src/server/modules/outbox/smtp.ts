import { randomUUID } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as connectTls } from 'node:tls';

/**
 * The outbox's SMTP client (RFC 5321): a pool of connections, each sending one message at a time,
 * with the commands of a message sent together where the server offers PIPELINING (RFC 2920):
 * one write for MAIL, RCPT and DATA, one for the message. TLS from the start (smtps) or by
 * STARTTLS, which is used whenever the server offers it (and `requireTLS` refuses to go on without
 * it); AUTH PLAIN or LOGIN when the URL has a user.
 *
 * Lotsen sends one kind of message: plain text to one recipient. composeMessage writes it in full
 * (UTF-8, the subject as encoded words, the body in base64), so that nothing of a general MIME
 * library runs per e-mail: the outbox spent about 0.5 ms of the server's CPU on each e-mail through
 * nodemailer, as much as the case it acknowledged, and this client under a third of that (0.12 ms).
 */

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (smtps, port 465). */
  secure: boolean;
  /** Refuse to send unless the connection was upgraded by STARTTLS (or is smtps). */
  requireTLS: boolean;
  rejectUnauthorized: boolean;
  user?: string;
  pass?: string;
  maxConnections: number;
  /** The name this client gives in EHLO. */
  name: string;
}

const KNOWN_PARAMETERS = ['requireTLS', 'tls.rejectUnauthorized', 'maxConnections', 'name', 'pool'];

/**
 * `smtp://user:pass@mail.example.se:587?requireTLS=true` or `smtps://…:465`. Parameters:
 * requireTLS, tls.rejectUnauthorized (false only against a test server), maxConnections (default 5),
 * name (for EHLO; default this host's name); `pool` is accepted and ignored (always pooled).
 */
export function smtpOptionsFromUrl(text: string): SmtpOptions {
  const url = new URL(text);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  for (const key of url.searchParams.keys()) {
    if (!KNOWN_PARAMETERS.includes(key)) {
      throw new Error(`SMTP_URL has an unknown parameter ${key} (known: ${KNOWN_PARAMETERS.join(', ')})`);
    }
  }
  const flag = (key: string, fallback: boolean) => {
    const value = url.searchParams.get(key);
    if (value === null) return fallback;
    if (value !== 'true' && value !== 'false') throw new Error(`SMTP_URL parameter ${key} must be true or false`);
    return value === 'true';
  };
  const secure = url.protocol === 'smtps:';
  const maxConnections = Number(url.searchParams.get('maxConnections') ?? 5);
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) {
    throw new Error('SMTP_URL parameter maxConnections must be a whole number from 1 to 100');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    requireTLS: flag('requireTLS', false),
    rejectUnauthorized: flag('tls.rejectUnauthorized', true),
    ...(url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : {}),
    maxConnections,
    name: url.searchParams.get('name') ?? ehloName(),
  };
}

function ehloName(): string {
  const name = hostname();
  return /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name) ? name : 'localhost';
}

/** An address as written in a From header: `Lotsen <lotsen@example.se>`, or the address alone. */
export interface Sender {
  name: string;
  address: string;
}

export function parseSender(text: string): Sender {
  const named = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(text);
  const sender = named
    ? { name: (named[1] ?? '').replace(/^"(.*)"$/, '$1'), address: named[2] as string }
    : { name: '', address: text.trim() };
  checkAddress(sender.address);
  return sender;
}

/** An address fit for an envelope and a header: one @, no spaces, controls or brackets. */
function checkAddress(address: string): void {
  if (!/^[^\s<>@\p{Cc}]+@[^\s<>@\p{Cc}]+$/u.test(address)) throw new Error(`not an e-mail address: ${address}`);
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Header text as RFC 2047 encoded words (UTF-8, base64), folded: each word at most 68 characters. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > 42) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += character;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

function headerText(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ');
  return ASCII_PRINTABLE.test(line) && !line.includes('=?') && line.length <= 900 ? line : encodedWords(line);
}

function displayName(name: string): string {
  if (!name) return '';
  if (ASCII_PRINTABLE.test(name) && !name.includes('=?')) {
    return /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~]*$/.test(name) ? `${name} ` : `"${name.replace(/["\\]/g, '\\$&')}" `;
  }
  return `${encodedWords(name)} `;
}

/** The whole message (RFC 5322 and MIME), lines ending in CRLF. */
export function composeMessage(
  from: Sender,
  message: { to: string; subject: string; text: string },
  now: Date = new Date(),
): string {
  checkAddress(message.to);
  const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
  const encoded = Buffer.from(message.text.replace(/\r?\n/g, '\r\n')).toString('base64');
  const body: string[] = [];
  for (let at = 0; at < encoded.length; at += 76) body.push(encoded.slice(at, at + 76));
  return [
    `From: ${displayName(from.name)}<${from.address}>`,
    `To: <${message.to}>`,
    `Subject: ${headerText(message.subject)}`,
    `Date: ${now.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...body,
    '',
  ].join('\r\n');
}

interface Reply {
  code: number;
  lines: string[];
}

/** A reply other than the one expected. */
export class SmtpError extends Error {
  constructor(
    readonly command: string,
    readonly reply: Reply,
  ) {
    super(`SMTP ${command}: ${reply.code} ${reply.lines.join(' ')}`);
    this.name = 'SmtpError';
  }

  /**
   * The server refused this message for good: a 5xx reply (RFC 5321's permanent failure) to its
   * recipient or its content. A 5xx to the sender or the sign-in is the server's configuration,
   * which an operator can mend: those messages are tried again.
   */
  get permanent(): boolean {
    return this.reply.code >= 500 && (this.command === 'RCPT TO' || this.command === 'message');
  }
}

const CONNECT_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 60_000;
const IDLE_CLOSE_MS = 30_000;

/** One SMTP session: replies are read in order, each by the next `read()`. */
class Connection {
  private socket: Socket;
  private pending = '';
  private replyLines: string[] = [];
  private replies: Reply[] = [];
  private readers: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  extensions = new Map<string, string>();
  busy = false;

  private constructor(
    socket: Socket,
    private readonly options: SmtpOptions,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.socket = socket;
    this.listen(socket);
  }

  get closed(): boolean {
    return this.failure !== null;
  }

  static async open(options: SmtpOptions, onClosed: (connection: Connection) => void): Promise<Connection> {
    const socket = options.secure
      ? connectTls({
          host: options.host,
          port: options.port,
          servername: options.host,
          rejectUnauthorized: options.rejectUnauthorized,
        })
      : connectTcp({ host: options.host, port: options.port });
    // SMTP is a dialogue of short writes: without TCP_NODELAY a write made while the last is
    // unacknowledged waits for the server's delayed ACK (40 ms on Linux).
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => {
        socket.destroy();
        failed(new Error(`SMTP connection to ${options.host}:${options.port} timed out`));
      }, CONNECT_TIMEOUT_MS);
      socket.once(options.secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', failed); // from here on the connection's own listener hears errors
        resolve();
      });
      socket.once('error', failed);
    });
    const connection = new Connection(socket, options, onClosed);
    try {
      await connection.greet();
      return connection;
    } catch (error) {
      connection.destroy(error as Error);
      throw error;
    }
  }

  private listen(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', this.onData);
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy(new Error('SMTP connection closed by the server')));
  }

  private onData = (chunk: string) => {
    this.pending += chunk;
    for (let end = this.pending.indexOf('\n'); end >= 0; end = this.pending.indexOf('\n')) {
      const line = this.pending.slice(0, end).replace(/\r$/, '');
      this.pending = this.pending.slice(end + 1);
      this.replyLines.push(line.slice(4));
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)) || 0, lines: this.replyLines };
      this.replyLines = [];
      const reader = this.readers.shift();
      if (reader) reader.resolve(reply);
      else this.replies.push(reply);
    }
  };

  private read(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.destroy(new Error(`SMTP server ${this.options.host} did not answer in time`)),
        REPLY_TIMEOUT_MS,
      );
      this.readers.push({
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private write(text: string): void {
    if (this.failure) throw this.failure;
    this.socket.write(text);
  }

  private async command(line: string, expected: number, name = line.split(' ')[0] ?? line): Promise<Reply> {
    this.write(`${line}\r\n`);
    return expect(await this.read(), expected, name);
  }

  private async greet(): Promise<void> {
    expect(await this.read(), 220, 'greeting');
    await this.hello();
    if (!this.options.secure && (this.extensions.has('STARTTLS') || this.options.requireTLS)) {
      if (!this.extensions.has('STARTTLS')) {
        throw new Error(`SMTP server ${this.options.host} does not offer STARTTLS, and requireTLS is set`);
      }
      await this.command('STARTTLS', 220);
      await this.upgrade();
      await this.hello();
    }
    if (this.options.user !== undefined) await this.authenticate();
  }

  private async hello(): Promise<void> {
    this.write(`EHLO ${this.options.name}\r\n`);
    const reply = await this.read();
    if (reply.code !== 250) {
      await this.command(`HELO ${this.options.name}`, 250);
      this.extensions = new Map();
      return;
    }
    this.extensions = new Map(
      reply.lines.slice(1).map((line) => {
        const [keyword = '', ...rest] = line.trim().split(/\s+/);
        return [keyword.toUpperCase(), rest.join(' ').toUpperCase()];
      }),
    );
  }

  private async upgrade(): Promise<void> {
    const plain = this.socket;
    for (const event of ['data', 'close', 'error']) plain.removeAllListeners(event);
    const secured = connectTls({
      socket: plain,
      servername: this.options.host,
      rejectUnauthorized: this.options.rejectUnauthorized,
    });
    // Listened to before the handshake, so that no error of the new socket goes unheard.
    this.socket = secured;
    this.listen(secured);
    await new Promise<void>((resolve, reject) => {
      secured.once('secureConnect', resolve);
      secured.once('error', reject);
    });
  }

  private async authenticate(): Promise<void> {
    const { user = '', pass = '' } = this.options;
    const methods = (this.extensions.get('AUTH') ?? '').split(' ');
    if (methods.includes('PLAIN') || !methods.includes('LOGIN')) {
      await this.command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`).toString('base64')}`, 235, 'AUTH PLAIN');
      return;
    }
    await this.command('AUTH LOGIN', 334);
    await this.command(Buffer.from(user).toString('base64'), 334, 'AUTH LOGIN (user)');
    await this.command(Buffer.from(pass).toString('base64'), 235, 'AUTH LOGIN (password)');
  }

  /** Sends one message; a refusal leaves the session usable (RSET), a broken one closes it. */
  async send(from: string, to: string, data: string): Promise<void> {
    this.busy = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      const utf8 = !ASCII_PRINTABLE.test(from + to);
      if (utf8 && !this.extensions.has('SMTPUTF8')) {
        throw new Error(`SMTP server ${this.options.host} cannot take the address ${to} (no SMTPUTF8)`);
      }
      const mail = `MAIL FROM:<${from}>${utf8 ? ' SMTPUTF8' : ''}`;
      const rcpt = `RCPT TO:<${to}>`;
      try {
        if (this.extensions.has('PIPELINING')) {
          this.write(`${mail}\r\n${rcpt}\r\nDATA\r\n`);
          const [mailReply, rcptReply, dataReply] = [await this.read(), await this.read(), await this.read()];
          if (dataReply.code === 354 && (mailReply.code !== 250 || rcptReply.code >= 300)) {
            // The server took DATA although it refused the sender or recipient: end it empty.
            this.write('.\r\n');
            await this.read();
          }
          expect(mailReply, 250, 'MAIL FROM');
          expect(rcptReply, 250, 'RCPT TO');
          expect(dataReply, 354, 'DATA');
        } else {
          await this.command(mail, 250, 'MAIL FROM');
          await this.command(rcpt, 250, 'RCPT TO');
          await this.command('DATA', 354);
        }
        // Dot-stuffing (a line that starts with a dot gets another), then the end of the message.
        this.write(`${data.replace(/(^|\r\n)\./g, '$1..')}${data.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
        expect(await this.read(), 250, 'message');
      } catch (error) {
        if (error instanceof SmtpError && !this.closed) {
          await this.command('RSET', 250).catch((e) => this.destroy(e as Error));
        }
        throw error;
      }
    } finally {
      this.busy = false;
      if (!this.closed) {
        this.idleTimer = setTimeout(() => void this.quit(), IDLE_CLOSE_MS);
        this.idleTimer.unref();
      }
    }
  }

  async quit(): Promise<void> {
    if (this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      this.write('QUIT\r\n');
      await Promise.race([this.read(), new Promise((r) => setTimeout(r, 1000).unref())]);
    } catch {
      // Closing anyway.
    }
    this.destroy(new Error('SMTP connection closed'));
  }

  destroy(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.socket.destroy();
    for (const reader of this.readers.splice(0)) reader.reject(error);
    this.onClosed(this);
  }
}

function expect(reply: Reply, code: number, command: string): Reply {
  // 250 stands for any 2xx completion (251: will forward).
  const ok = code === 250 ? reply.code >= 200 && reply.code < 300 : reply.code === code;
  if (!ok) throw new SmtpError(command, reply);
  return reply;
}

/** Up to maxConnections sessions; a message waits for a free one, or opens one while fewer are open. */
export class SmtpPool {
  private connections = new Set<Connection>();
  private opening = 0;
  private queue: { from: string; to: string; data: string; resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly options: SmtpOptions) {}

  send(from: string, to: string, data: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ from, to, data, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const connection of this.connections) {
      if (this.queue.length === 0) return;
      if (connection.busy || connection.closed) continue;
      this.run(connection);
    }
    while (this.queue.length > this.opening && this.connections.size + this.opening < this.options.maxConnections) {
      this.opening++;
      Connection.open(this.options, (closed) => {
        this.connections.delete(closed);
        this.pump();
      }).then(
        (connection) => {
          this.opening--;
          this.connections.add(connection);
          this.pump();
        },
        (error: Error) => {
          this.opening--;
          // No session could be opened: the messages no open or opening session will take fail now
          // (the outbox retries them later) rather than wait for a server that is not there.
          if (this.connections.size === 0) {
            for (const message of this.queue.splice(0, Math.max(0, this.queue.length - this.opening))) {
              message.reject(error);
            }
          }
        },
      );
    }
  }

  private run(connection: Connection): void {
    const message = this.queue.shift();
    if (!message) return;
    connection
      .send(message.from, message.to, message.data)
      .then(message.resolve, message.reject)
      .finally(() => this.pump());
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections].map((c) => c.quit()));
  }
}
