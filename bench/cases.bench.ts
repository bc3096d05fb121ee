/**
 * Cases at scale on PostgreSQL (issue 5's benchmark). `npm run bench:cases`; `BENCH_CASES=N` sets
 * the number of generated cases (default 1,000,000), `BENCH_DATABASE_URL` (or TEST_DATABASE_URL)
 * the server, `BENCH_SECONDS` each measurement's length (default 15).
 *
 * 1. A fresh database: migrated, the demo region and its users, then a realistic region's ten years
 *    of cases up to today, made in SQL with generate_series: every offering, skewed towards the busy
 *    ones; ~30,000 companies; the last weeks' cases partly open (some overdue), older ones closed;
 *    diarienummer per organisation and year, with the counters where the numbering stopped; each
 *    case with its first timeline event.
 * 2. pgbench TPS on a scratch database in the same run (`pgbench -i -s 10`, then `-c 4 -j 2`).
 * 3. The real server process (`lotsen start`) on the database, mailing through an SMTP server;
 *    intake (anonymous submissions with idempotency keys) at 16 connections, loaded with
 *    autocannon; then the time the server takes to deliver what the intake queued (e-mails,
 *    statistics refreshes); then "my cases" (a company) and the inbox (a case worker's unit, and an
 *    organisation admin's whole organisation) at 16 connections each.
 * The last stdout line is one JSON object:
 * {"cases": n, "intake_per_s": x, "intake_p99_ms": x, "pgbench_tps": x, "list_p50_ms": x, "list_p99_ms": x}
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { createSession, demoUserId, seedDemoUsers } from '../src/server/modules/access/access.service.js';
import { DEV_ISSUER } from '../src/server/modules/access/demo-users.js';
import { ensureWorkflows } from '../src/server/modules/cases/cases.service.js';
import { seedDemo } from '../src/server/modules/catalogue/catalogue.service.js';
import { refreshStatistics } from '../src/server/modules/strategy/strategy.service.js';
import { startServer } from '../test/crash/support.js';
import { load } from './lib/load.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const URL_ =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_COMPANY = '5599000014';

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The generator: ten years of a region's cases, in SQL. */
export function generateCasesSql(n: number): string {
  return `
    create temporary table g_offerings as
      select row_number() over (order by id) - 1 as i, id, provider_id, unit_id, case_type, title_sv from offerings;
    create temporary table g_municipalities as
      select row_number() over () - 1 as i, m
      from unnest(array['0127','0180','1980','1880','1884','1881','1983','1984','1982','1904','1907','1960','1961','1962','0181','0182']) m;
    -- Busy offerings get more: the offering index is squared towards the low end. The ten years
    -- end today, so the region has what it has on any day: cases received in the last weeks still
    -- open (fewer the older they are), some of them past their due date, everything older closed.
    create temporary table g_cases as
      select d.*, case
        when (g * 7) % 100 < (case when received_on >= current_date - 14 then 80
                                   when received_on >= current_date - 45 then 40
                                   when received_on >= current_date - 90 then 15 else 0 end)
          then (array['mottaget','tilldelat','pagar','vantar-komplettering'])[1 + g % 4]
        else (array['avslutat','avslutat','avslutat','avslutat','avslutat','avslutat','avslutat','avslutat','avvisat','aterkallat'])[1 + g % 10]
      end as status
      from (
        select g,
          (select count(*) from g_offerings) as n_off,
          current_date - 3652 + ((g::bigint * 3652) / ${n})::int as received_on,
          (power(((g * 2654435761::bigint) % 1000003) / 1000003.0, 2) * (select count(*) from g_offerings))::int as off_i,
          (g * 40503::bigint) % 16 as mun_i
        from generate_series(1, ${n}) g
      ) d;
    insert into cases (diarienummer, organisation_id, unit_id, offering_id, case_type, status, company_orgnr,
        company_name, contact_name, contact_email, municipality, subject, description, received_on, due_on,
        closed_at, email_verified_at, created_at, updated_at)
      select
        upper(rpad(substr(regexp_replace(o.provider_id, '[^a-z]', '', 'g'), 1, 3), 3, 'X')) || ' ' ||
          extract(year from c.received_on)::int || '/' ||
          lpad((row_number() over (partition by o.provider_id, extract(year from c.received_on) order by c.g))::text, 5, '0'),
        o.provider_id, o.unit_id, o.id, o.case_type, c.status,
        case when c.g % 20000 = 7 then '${DEMO_COMPANY}'
             when c.g % 10 < 7 then lpad((5560000000 + (c.g::bigint * 7919) % 30000)::text, 10, '0') end,
        'Företag ' || (c.g % 30000), 'Kontakt ' || c.g, 'kontakt' || c.g || '@example.se', m.m, o.title_sv,
        'Vi behöver hjälp med ' || o.title_sv || ' för vår verksamhet.',
        c.received_on, c.received_on + 14,
        case when c.status in ('avslutat', 'avvisat', 'aterkallat')
          then least(c.received_on + 3 + c.g % 40, current_date)::timestamptz end,
        c.received_on::timestamptz, c.received_on + (c.g % 86400) * interval '1 second', c.received_on::timestamptz
      from g_cases c
      join g_offerings o on o.i = least(c.off_i, c.n_off - 1)
      join g_municipalities m on m.i = c.mun_i;
    insert into diarium_counters (organisation_id, year, last)
      select organisation_id, split_part(split_part(diarienummer, ' ', 2), '/', 1)::int, max(split_part(diarienummer, '/', 2)::int)
      from cases group by 1, 2
      on conflict (organisation_id, year) do update set last = greatest(diarium_counters.last, excluded.last);
    insert into case_events (case_id, kind, visibility, author_name, body, data, created_at)
      select id, 'submitted', 'company', contact_name, description, jsonb_build_object('offeringId', offering_id), created_at
      from cases;
    analyze;
  `;
}

/**
 * pgbench TPS on a scratch database; `drop` removes it. Dropping a database makes PostgreSQL
 * checkpoint at once, and right after a checkpoint every first write to a page logs the whole page:
 * the caller drops it after its own measurements, not between pgbench and the intake.
 */
function pgbenchTps(adminUrl: string): { tps: number; drop: () => void } {
  const name = `lotsen_pgbench_${randomBytes(4).toString('hex')}`;
  const u = new URL(adminUrl);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  const drop = () => execFileSync('dropdb', ['--if-exists', ...args, name]);
  execFileSync('createdb', [...args, name]);
  try {
    execFileSync('pgbench', [...args, '-i', '-s', '10', '-q', name], { stdio: 'ignore' });
    const out = execFileSync('pgbench', [...args, '-c', '4', '-j', '2', '-T', String(SECONDS), '-n', name]).toString();
    const tps = /tps = ([\d.]+)/.exec(out)?.[1];
    return { tps: Math.round(Number(tps)), drop };
  } catch (error) {
    drop();
    throw error;
  }
}

async function main() {
  const name = `lotsen_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(URL_, name);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let sink: Awaited<ReturnType<typeof smtpSink>> | undefined;
  let dropPgbench: (() => void) | undefined;
  try {
    const database = await openDatabase({ url, poolSize: 4 });
    await migrate(database);
    await seedDemo(database.db);
    await seedDemoUsers(database.db);
    await ensureWorkflows(database.db);
    const started = performance.now();
    await database.exec(generateCasesSql(CASES));
    // Ten years of a region's cases have been vacuumed many times over (autovacuum): the visibility
    // map is set, as the lists' index-only counts expect.
    await database.exec('vacuum analyze');
    const [counts] = await database.query<{ n: number; mine: number }>(
      `select count(*)::int as n, count(*) filter (where company_orgnr = '${DEMO_COMPANY}')::int as mine from cases`,
    );
    console.log(
      `generated ${counts?.n} cases (${counts?.mine} of the demo company) in ${Math.round(performance.now() - started)} ms`,
    );
    // A region that has run Lotsen for ten years has its follow-up figures; computing them all for
    // the first time (a minute at 1,000,000 cases) is not what the intake should be measured against.
    const roots = await database.query<{ id: string }>('select id from strategy_nodes where parent_id is null');
    const statsStarted = performance.now();
    for (const root of roots) await refreshStatistics(database.db, root.id, 'all');
    console.log(
      `follow-up figures of ${roots.length} strategies computed in ${Math.round(performance.now() - statsStarted)} ms`,
    );
    // The generator wrote gigabytes of WAL; without a checkpoint now, the checkpoints it is due would
    // start during the measurements below, some during pgbench and some during the intake.
    await database.exec('checkpoint');
    const settings = { sessionIdleMinutes: 600, sessionMaxHours: 12 };
    const session = async (subject: string) =>
      (await createSession(database.db, await demoUserId(database.db, subject), settings, { issuer: DEV_ISSUER }))
        .token;
    const company = await session('foretagare-botkyrka');
    const caseWorker = await session('handlaggare-botkyrka-bygglov');
    const orgAdmin = await session('admin-botkyrka');
    await database.query('update sessions set acting_orgnr = $1 where acting_orgnr is null and user_id = $2', [
      DEMO_COMPANY,
      await demoUserId(database.db, 'foretagare-botkyrka'),
    ]);
    await database.close();

    const measured = pgbenchTps(URL_);
    dropPgbench = measured.drop;
    const pgbench = measured.tps;
    console.log(`pgbench -c 4 -j 2 (scale 10, ${SECONDS} s): ${pgbench} TPS`);

    // The server mails as in production, through an SMTP server outside it (here one that accepts
    // and discards), not through the demo mailbox it runs in-process in development.
    sink = await smtpSink();
    server = await startServer({
      DATABASE_URL: url,
      LOTSEN_RATE_LIMIT_FACTOR: '1000000',
      LOTSEN_SEED_DEMO: 'false',
      SMTP_URL: sink.url,
    });
    const run = randomBytes(4).toString('hex');
    // A municipality's, Almi's and a region's offering, and every fifteenth of the catalogue.
    const offerings = [
      'botkyrka-kommun-bygglov',
      'almi-malardalen-foretagslan',
      'region-vastmanland-regionalt-foretagsstod',
    ];
    const existing = (await (await fetch(`${server.base}/api/offerings?limit=100`)).json()) as {
      items: { id: string }[];
    };
    const missing = offerings.filter((id) => !existing.items.some((o) => o.id === id));
    if (missing.length) throw new Error(`the intake's offerings are not in the catalogue: ${missing.join(', ')}`);
    const offeringIds = existing.items.map((o) => o.id).filter((id, i) => offerings.includes(id) || i % 15 === 0);
    const intake = await load(
      server.base,
      (i) => ({
        method: 'POST',
        path: '/api/cases',
        headers: { 'idempotency-key': `bench-${run}-${i}` },
        body: JSON.stringify({
          offeringId: offeringIds[i % offeringIds.length],
          description: 'Vi vill bygga ut vår verksamhet och behöver hjälp',
          companyName: `Bench ${i} AB`,
          contact: { name: 'Bänk Bänksson', email: `bench${i}@example.se` },
        }),
      }),
      { connections: 16, seconds: SECONDS },
    );
    console.log(
      `intake (16 connections): ${intake.perSecond}/s, p50 ${intake.p50} ms, p99 ${intake.p99} ms`,
      intake.statuses,
    );

    // The intake leaves e-mails and statistics refreshes in the outbox; the lists are measured once
    // the server has delivered them (how long that took is a figure of its own).
    const drainStarted = performance.now();
    const outboxDb = new pg.Client({ connectionString: url });
    await outboxDb.connect();
    let pending = Number.NaN;
    try {
      for (;;) {
        pending = Number(
          (await outboxDb.query(`select count(*)::int as n from outbox where status = 'pending'`)).rows[0]?.n,
        );
        if (pending === 0 || performance.now() - drainStarted > 300_000) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await outboxDb.end();
    }
    const drainSeconds = Math.round((performance.now() - drainStarted) / 100) / 10;
    console.log(
      `outbox after the intake: e-mails and refreshes delivered in ${drainSeconds} s (${pending} still pending); e-mails delivered to SMTP: ${sink.received()}`,
    );

    const cookie = (token: string) => ({ cookie: `lotsen=${token}` });
    const mine = await load(server.base, [{ path: '/api/my/cases?limit=20', headers: cookie(company) }], {
      connections: 16,
      seconds: SECONDS,
    });
    console.log(
      `my cases (16 connections): ${mine.perSecond}/s, p50 ${mine.p50} ms, p99 ${mine.p99} ms`,
      mine.statuses,
    );
    // A unit's case worker and the organisation's admin, each by due date, newest first and overdue.
    const inboxPaths = [
      '/api/cases?limit=20',
      '/api/cases?limit=20&sort=-received',
      '/api/cases?limit=20&overdue=true',
    ];
    const inbox = await load(
      server.base,
      [caseWorker, orgAdmin].flatMap((token) => inboxPaths.map((path) => ({ path, headers: cookie(token) }))),
      { connections: 16, seconds: SECONDS },
    );
    console.log(
      `inbox (16 connections): ${inbox.perSecond}/s, p50 ${inbox.p50} ms, p99 ${inbox.p99} ms`,
      inbox.statuses,
    );

    const rss = process.platform === 'linux' ? rssOf(server.child.pid) : null;
    console.log(
      `server resident memory after the run: ${rss ?? '?'} MB; e-mails delivered to SMTP: ${sink.received()}`,
    );
    console.log(
      `details: ${JSON.stringify({ intake, mine, inbox, server_rss_mb: rss, outbox_drain_s: drainSeconds, intake_vs_pgbench: Math.round((intake.perSecond / pgbench) * 100) / 100 })}`,
    );
    console.log(
      JSON.stringify({
        cases: CASES,
        intake_per_s: intake.perSecond,
        intake_p99_ms: intake.p99,
        pgbench_tps: pgbench,
        list_p50_ms: Math.max(mine.p50, inbox.p50),
        list_p99_ms: Math.max(mine.p99, inbox.p99),
      }),
    );
  } finally {
    await server?.stop();
    await sink?.close();
    dropPgbench?.();
    if (process.env.BENCH_KEEP) console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** An SMTP server that takes every message and keeps nothing (the `smtp-server` package). */
async function smtpSink(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, done) {
      stream.on('end', () => {
        received++;
        done();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Resident memory of a process in MB (Linux: /proc). */
export function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = execFileSync('cat', [`/proc/${pid}/status`]).toString();
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
