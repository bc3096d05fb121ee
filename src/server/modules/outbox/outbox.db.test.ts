import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import type { Tx } from '../../db/client.js';
import * as repo from './outbox.repository.js';
import { drainOutbox, MAX_ATTEMPTS, startOutboxWorker } from './outbox.worker.js';
import { SmtpError } from './smtp.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** How the server plans `statement` as a prepared statement: generic (once for all values) or custom. */
async function plan(
  tx: Tx,
  statement: { sql: string; params: unknown[] },
  mode: 'force_generic_plan' | 'force_custom_plan',
): Promise<PlanNode[]> {
  const run = async (text: string) => ((await tx.execute(sql.raw(text))) as unknown as { rows: unknown[] }).rows;
  await run(`set local plan_cache_mode = ${mode}`);
  await run(`prepare claim_plan as ${statement.sql}`);
  try {
    const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
    const [row] = (await run(
      `explain (format json) execute claim_plan(${statement.params.map(literal).join(', ')})`,
    )) as { 'QUERY PLAN': [{ Plan: PlanNode }] | string }[];
    const json = row?.['QUERY PLAN'];
    const parsed = typeof json === 'string' ? JSON.parse(json) : json;
    return nodesOf(parsed[0].Plan);
  } finally {
    await run('deallocate claim_plan');
  }
}

describeEachDatabase('outbox as a queue', (database) => {
  it('claims and looks up waiting messages through their own index, without sorting a backlog it was never analysed with', async () => {
    const { db } = database();
    // Statistics taken when nothing waited (a new outbox, or one vacuumed on a quiet night), then a
    // burst the statistics do not know of: 20,000 e-mails queued, 15,000 of them already sent, and a
    // few refreshes waiting. From such statistics PostgreSQL plans a bitmap of the whole backlog,
    // sorted by id, for a claim of ten (PostgreSQL 15 and PGlite; not yet at 8,000 and 6,000).
    await database().exec('delete from outbox');
    await database().exec('vacuum analyze outbox');
    await database().exec(`
      insert into outbox (kind, payload)
        select 'email', jsonb_build_object('to', 'kö' || g || '@example.se', 'subject', 'Ärende', 'text', repeat('text ', 80))
        from generate_series(1, 20000) g;
      update outbox set status = 'sent' where id in (select id from outbox order by id limit 15000);
      insert into outbox (kind, payload)
        select 'indicator-refresh', jsonb_build_object('root', 'strategi-' || g) from generate_series(1, 3) g`);

    const dialect = new PgDialect();
    const statements = {
      'e-mail claim': repo.claimQuery(db, 10, 'email').toSQL(),
      'other kinds claim': repo.claimQuery(db, 1, 'other').toSQL(),
      'duplicates of a refresh': repo
        .duplicatesQuery(db, { id: 0, kind: 'indicator-refresh', payload: { root: 'strategi-2' } })
        .toSQL(),
      debounce: dialect.sqlToQuery(
        repo.enqueueOnceEachStatement('indicator-refresh', repo.payloadStatement({ root: 'strategi-1' })),
      ),
    };
    const expectedIndex = {
      'e-mail claim': 'outbox_pending_email_idx',
      'other kinds claim': 'outbox_pending_other_idx',
      'duplicates of a refresh': 'outbox_pending_other_idx',
      debounce: 'outbox_pending_other_idx',
    };
    // The claims are planned as claimDue runs them (withoutSorting), the lookups as they are.
    const claims = new Set(['e-mail claim', 'other kinds claim']);
    await db.transaction(async (tx) => {
      for (const [name, statement] of Object.entries(statements)) {
        for (const mode of ['force_generic_plan', 'force_custom_plan'] as const) {
          const nodes = claims.has(name)
            ? await repo.withoutSorting(tx, () => plan(tx, statement, mode))
            : await plan(tx, statement, mode);
          const onOutbox = nodes.filter((n) => n['Relation Name'] === 'outbox' && n['Node Type'] !== 'ModifyTable');
          const sortsOfOutbox = nodes.filter(
            (n) => n['Node Type'] === 'Sort' && nodesOf(n).some((m) => m['Relation Name'] === 'outbox'),
          );
          expect({ name, mode, sorts: sortsOfOutbox.length }).toEqual({
            name,
            mode,
            sorts: 0,
          });
          // Each read of the outbox goes through the one index (an index scan, or a bitmap of it).
          const reads = onOutbox.map((n) =>
            n['Node Type'] === 'Bitmap Heap Scan'
              ? nodesOf(n).find((m) => m['Node Type'] === 'Bitmap Index Scan')?.['Index Name']
              : (n['Index Name'] ?? n['Node Type']),
          );
          expect({ name, mode, reads }).toEqual({
            name,
            mode,
            reads: [expectedIndex[name as keyof typeof expectedIndex]],
          });
        }
      }
    });

    // And what the claims take: the oldest waiting e-mails in order; the other kinds' claim no
    // e-mail. Sorting is back on after a claim, for the rest of the transaction.
    const emails = await db.transaction(async (tx) => {
      const claimed = await repo.claimDue(tx, 10, 'email');
      const [setting] = (
        (await tx.execute(sql`select current_setting('enable_sort') as s`)) as unknown as {
          rows: { s: string }[];
        }
      ).rows;
      expect(setting?.s).toBe('on');
      return claimed;
    });
    expect(emails.map((m) => (m.payload as repo.EmailMessage).to)).toEqual(
      Array.from({ length: 10 }, (_, i) => `kö${15000 + i + 1}@example.se`),
    );
    const [other] = await db.transaction((tx) => repo.claimDue(tx, 1, 'other'));
    expect(other).toMatchObject({ kind: 'indicator-refresh', payload: { root: 'strategi-1' } });
    await database().exec(`update outbox set status = 'sent' where status = 'pending'`);
  });

  it('makes an e-mail refused for good a dead letter at once, and tries one refused for now again later', async () => {
    const { db } = database();
    await database().exec(`update outbox set status = 'sent' where status = 'pending'`);
    for (const to of ['finns-inte@example.se', 'full@example.se']) {
      await repo.enqueueEmail(db, { to, subject: 'Ärende', text: 'Hej' });
    }
    // The errors the SMTP client rejects with, as a server's replies make them.
    const refusals: Record<string, SmtpError> = {
      'finns-inte@example.se': new SmtpError('RCPT TO', { code: 550, lines: ['Mottagaren finns inte'] }),
      'full@example.se': new SmtpError('RCPT TO', { code: 452, lines: ['Brevlådan är full just nu'] }),
    };
    expect(await drainOutbox(db, { send: async (m) => Promise.reject(refusals[m.to]) })).toBe(2);
    const rows = await database().query<{
      to: string;
      status: string;
      attempts: number;
      later: boolean;
      error: string;
    }>(
      `select payload->>'to' as to, status, attempts, next_attempt_at > now() as later, last_error as error
       from outbox where kind = 'email' and status <> 'sent' order by id`,
    );
    expect(rows).toEqual([
      {
        to: 'finns-inte@example.se',
        status: 'dead',
        attempts: 1,
        later: false,
        error: 'SMTP RCPT TO: 550 Mottagaren finns inte',
      },
      {
        to: 'full@example.se',
        status: 'pending',
        attempts: 1,
        later: true,
        error: 'SMTP RCPT TO: 452 Brevlådan är full just nu',
      },
    ]);
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
    await database().exec(`update outbox set status = 'sent' where status <> 'sent'`);
  });

  it('while the front door is busy, sends only what has waited the deferral, and the rest once it is not', async () => {
    const { db } = database();
    await database().exec(`update outbox set status = 'sent' where status = 'pending'`);
    const mail = (to: string) => JSON.stringify({ to, subject: 'Ärende', text: 'Hej' });
    await database().query(
      `insert into outbox (kind, payload, next_attempt_at) values
         ('email', $1::jsonb, now() - interval '40 seconds'), ('email', $2::jsonb, now()), ('email', $3::jsonb, now())`,
      [mail('har-vantat@example.se'), mail('ny-1@example.se'), mail('ny-2@example.se')],
    );
    const sent: string[] = [];
    let busy = true;
    const worker = startOutboxWorker(db, { send: async (m) => void sent.push(m.to) }, 20, undefined, {
      busy: () => busy,
      deferMs: 30_000,
    });
    const until = async (done: () => boolean) => {
      for (let waited = 0; !done() && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await until(() => sent.length > 0);
      await new Promise((r) => setTimeout(r, 300)); // fifteen more ticks, all busy
      expect(sent).toEqual(['har-vantat@example.se']);
      busy = false;
      await until(() => sent.length === 3);
      expect(sent.sort()).toEqual(['har-vantat@example.se', 'ny-1@example.se', 'ny-2@example.se']);
    } finally {
      await worker.stop();
    }
  });
});
