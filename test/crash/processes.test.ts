/**
 * Several server processes on one PostgreSQL database: the outbox is drained exactly once (each
 * message reaches a real SMTP server once), diarienummer stay unique and gap-free across the
 * processes, and a session made by signing in at one process is valid at the others (a sign-out
 * ends it at once where it was made, and within LOTSEN_SESSION_CACHE_SECONDS at the others).
 * Needs TEST_DATABASE_URL (PGlite is one process by nature).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalMailbox } from '../../src/server/modules/outbox/mailer.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { freePort, readIntegrity, type Server, sendAll, startServer, submissions, submit } from './support.js';

const PROCESSES = 3;
const SUBMISSIONS = 150;

/** A browser's cookies for one host, enough for the development sign-in. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader() {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async go(url: string, form?: Record<string, string>) {
    let target = new URL(url, this.base);
    let method = form ? 'POST' : 'GET';
    let body = form ? new URLSearchParams(form).toString() : undefined;
    for (let hop = 0; hop < 20; hop++) {
      const headers: Record<string, string> = { cookie: this.cookieHeader() };
      if (body) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers.origin = this.base;
      }
      const res = await fetch(target, { method, headers, body, redirect: 'manual' });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1);
        if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, at));
        else this.cookies.set(pair.slice(0, at), value);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        target = new URL(location, target);
        method = 'GET';
        body = undefined;
        continue;
      }
      return { res, text: await res.text() };
    }
    throw new Error('too many redirects');
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)(`${PROCESSES} server processes on one PostgreSQL`, () => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let mailbox: Awaited<ReturnType<typeof startLocalMailbox>>;
  const servers: Server[] = [];

  beforeAll(async () => {
    fresh = await freshDatabaseUrl();
    mailbox = await startLocalMailbox();
    // All share the first one's public address: the development sign-in's issuer is there.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const env = { DATABASE_URL: fresh.url, SMTP_URL: mailbox.url, LOTSEN_PUBLIC_URL: publicUrl };
    servers.push(await startServer(env, port));
    for (let i = 1; i < PROCESSES; i++) servers.push(await startServer(env));
  }, 240_000);

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) await s.stop();
    await mailbox?.close();
    await fresh?.drop();
  });

  it('numbers cases uniquely across processes and sends each outbox message exactly once', async () => {
    const offerings = (await (await fetch(`${servers[0]?.base}/api/offerings?limit=100`)).json()) as {
      items: { id: string; provider: { id: string } }[];
    };
    // Two organisations, so that the processes contend for the same counter rows.
    const ids = [...new Map(offerings.items.map((o) => [o.provider.id, o.id])).values()].slice(0, 2);
    const items = submissions(SUBMISSIONS, ids);
    const client = new pg.Client({ connectionString: fresh.url });
    client.on('error', () => {});
    await client.connect();
    // Only this test's messages count (the demo data may have queued some of its own).
    const before = (await client.query('select coalesce(max(id), 0)::int as id from outbox')).rows[0].id as number;
    const receivedBefore = mailbox.messages.length;
    let turn = 0;
    const sent = await sendAll(items, (s) => submit((servers[turn++ % PROCESSES] as Server).base, s), {
      concurrency: 30,
    });
    expect([...sent.failed.values()].slice(0, 3)).toEqual([]);
    expect(sent.acks.size).toBe(SUBMISSIONS);

    try {
      const prefix = items[0]?.key.slice(0, -5) as string;
      const rows = await readIntegrity(async (text, values) => (await client.query(text, values)).rows, prefix);
      expect(rows.duplicates).toEqual([]);
      expect(rows.cases).toHaveLength(SUBMISSIONS);
      for (const r of rows.numbering)
        expect(r).toMatchObject({ distinct_n: r.n, min_seq: 1, max_seq: r.n, counter: r.n });

      // Every process runs an outbox worker; wait until the outbox is empty.
      const deadline = Date.now() + 120_000;
      let pending = Number.POSITIVE_INFINITY;
      while (pending > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        pending = (await client.query("select count(*)::int as n from outbox where status = 'pending'")).rows[0].n;
      }
      expect(pending).toBe(0);
      // Give a straggler (a second send of a message) the chance to arrive before counting.
      await new Promise((r) => setTimeout(r, 3000));
      const outbox = (
        await client.query(
          "select status, payload->>'subject' as subject from outbox where id > $1 and payload ? 'subject'",
          [before],
        )
      ).rows as {
        status: string;
        subject: string;
      }[];
      expect(outbox.filter((m) => m.status !== 'sent')).toEqual([]);
      const received = new Map<string, number>();
      const subjects = new Set(outbox.map((o) => o.subject));
      const ours = mailbox.messages.slice(receivedBefore).filter((m) => subjects.has(m.subject));
      for (const m of ours) received.set(m.subject, (received.get(m.subject) ?? 0) + 1);
      const twice = [...received.entries()].filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
      const lost = outbox.filter((o) => !received.has(o.subject));
      expect(lost.slice(0, 5)).toEqual([]);
      expect(ours).toHaveLength(outbox.length);
      expect(outbox).toHaveLength(SUBMISSIONS);
      for (const m of outbox) expect(received.get(m.subject), m.subject).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('keeps a session made at one process valid at the others, and a sign-out ends it everywhere', async () => {
    const [a, b, c] = servers as [Server, Server, Server];
    const browser = new Browser(a.base);
    const page = await browser.go('/auth/login?as=company&returnTo=/mina-arenden');
    const action =
      /<form method="post" action="([^"]+)">\s*<input type="hidden" name="account" value="foretagare-botkyrka">/.exec(
        page.text,
      )?.[1];
    expect(action).toBeTruthy();
    await browser.go(action as string, { account: 'foretagare-botkyrka' });
    const cookie = browser.cookieHeader();
    expect(cookie).toMatch(/lotsen=/);

    const meAt = async (s: Server) => fetch(`${s.base}/api/me`, { headers: { cookie } });
    const atA = await meAt(a);
    expect(atA.status).toBe(200);
    const me = (await atA.json()) as { csrfToken: string };
    for (const s of [b, c]) {
      const res = await meAt(s);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { csrfToken: string }).csrfToken).toBe(me.csrfToken);
    }
    // A write at B with A's CSRF token: the company's own case list is reachable and a submission works.
    const submitted = await fetch(`${b.base}/api/cases`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        offeringId: 'botkyrka-kommun-bygglov',
        description: 'Skickat via process B med en session från process A',
        contact: { name: 'Amira Haddad', email: 'amira@example.se' },
      }),
    });
    expect(submitted.status).toBe(201);
    const mine = (await (await fetch(`${c.base}/api/my/cases`, { headers: { cookie } })).json()) as { total: number };
    expect(mine.total).toBeGreaterThanOrEqual(1);
    // Sign out at C: the session is gone at A and B too.
    const out = await fetch(`${c.base}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken },
      redirect: 'manual',
    });
    expect(out.status).toBeLessThan(400);
    // At C at once; at A and B within their LOTSEN_SESSION_CACHE_SECONDS (default 2), which may still
    // answer from the session they resolved a moment ago.
    expect((await meAt(c)).status).toBe(401);
    const ended = Date.now();
    for (const s of [a, b]) {
      while ((await meAt(s)).status !== 401) {
        expect(Date.now() - ended, 'the session still works after 3 s').toBeLessThan(3_000);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
});
