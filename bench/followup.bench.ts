/**
 * The follow-up dashboard's queries on PostgreSQL at scale. `npm run bench:followup`;
 * `BENCH_CASES=N` sets the number of cases (default 1,000,000), `BENCH_DATABASE_URL` (or
 * TEST_DATABASE_URL) the server. A fresh database is created, migrated, seeded with the demo
 * region, filled with generated cases (generate_series, in SQL) and dropped afterwards.
 * The dashboard reads pre-aggregated statistics: the first request per strategy computes them
 * (printed as "cold"), each refresh's cost is printed, then the warm requests are timed.
 * The last stdout line is one JSON object: {"cases": n, "dashboard_p95_ms": x}.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/modules/catalogue/catalogue.service.js';
import { dashboard, refreshStatistics } from '../src/server/modules/strategy/strategy.service.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const URL_ =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 60);

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main() {
  const name = `lotsen_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const database = await openDatabase({ url: withDatabase(URL_, name), poolSize: 8 });
  try {
    await migrate(database);
    await seedDemo(database.db);
    const started = performance.now();
    // Companies: one per five cases; a third of them have stated a profile.
    const companies = Math.max(1, Math.floor(CASES / 5));
    await database.exec(`
      insert into companies (orgnr) select lpad((5500000000 + g)::text, 10, '0') from generate_series(1, ${companies}) g;
      insert into company_profiles (orgnr, leader_gender, leader_age_band, leader_born_abroad, updated_at)
        select lpad((5500000000 + g)::text, 10, '0'),
          (array['woman','man','other'])[1 + g % 3], (array['under-30','30-44','45-64','65-plus'])[1 + g % 4], g % 5 = 0,
          timestamptz '2021-01-01 00:00+01'
        from generate_series(1, ${companies}) g where g % 3 = 0;
      create temporary table bench_offerings as
        select row_number() over (order by id) - 1 as i, id, provider_id, case_type from offerings;
      create temporary table bench_municipalities as
        select row_number() over () - 1 as i, m from unnest(array['1980','1880','0127','1983','1884','1881','0180','1984']) m;
      insert into cases (diarienummer, organisation_id, offering_id, case_type, status, company_orgnr, municipality,
          subject, description, received_on, due_on, closed_at, email_verified_at, created_at, updated_at)
        select 'B ' || g, o.provider_id, o.id, o.case_type,
          case when g % 10 < 7 then 'avslutat' else 'pagar' end,
          case when g % 50 = 0 then null else lpad((5500000000 + 1 + (g::bigint * 7919) % ${companies})::text, 10, '0') end,
          m.m, 'bench', 'bench',
          date '2021-01-01' + (g % 1826), date '2021-01-01' + (g % 1826) + 14,
          case when g % 10 < 7 then (date '2021-01-01' + (g % 1826) + (g % 30))::timestamptz end,
          now(), (date '2021-01-01' + (g % 1826))::timestamptz,
          -- History: last changed when received or closed, not now (refreshes look for recent changes).
          (date '2021-01-01' + (g % 1826) + case when g % 10 < 7 then g % 30 else 0 end)::timestamptz
        from generate_series(1, ${CASES}) g
        join bench_offerings o on o.i = g % (select count(*) from bench_offerings)
        join bench_municipalities m on m.i = g % 8;
      analyze;
    `);
    console.log(`generated ${CASES} cases and ${companies} companies in ${Math.round(performance.now() - started)} ms`);

    const roots = [
      'orebro-2018-2022',
      'vastmanland-2030',
      'botkyrka-naringspolitik',
      'smart-industri',
      'motion-exportcentrum-vastmanland',
    ];
    const queries = roots.flatMap((root) => [
      { root, period: '2024' },
      { root, period: '2025-T2' },
      { root, period: '2023', municipality: '1980' },
    ]);
    // Cold: the first request of each strategy finds no statistics and computes them itself.
    for (const root of roots) {
      const t = performance.now();
      await dashboard(database.db, { root, period: '2024' });
      console.log(`cold dashboard (computes the statistics) ${root}: ${(performance.now() - t).toFixed(0)} ms`);
    }
    // What one 'indicator-refresh' message costs the outbox worker per strategy at this size.
    for (const root of roots) {
      const t = performance.now();
      await refreshStatistics(database.db, root, 'all');
      console.log(`full refresh ${root}: ${(performance.now() - t).toFixed(0)} ms`);
    }
    // What a typical refresh costs: cases of one year changed (submitted, closed) since the last one.
    await database.exec(`update cases set updated_at = now() where received_on = date '2025-06-02'`);
    for (const root of roots) {
      const t = performance.now();
      await refreshStatistics(database.db, root, 'changed');
      console.log(`refresh of the changed year (2025) ${root}: ${(performance.now() - t).toFixed(0)} ms`);
    }
    for (const q of queries) await dashboard(database.db, q); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const q = queries[i % queries.length] as (typeof queries)[number];
      const t = performance.now();
      await dashboard(database.db, q);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] as number;
    console.log(
      `dashboard over ${RUNS} requests: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
    );
    console.log(JSON.stringify({ cases: CASES, dashboard_p95_ms: Math.round(at(0.95) * 10) / 10 }));
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

await main();
