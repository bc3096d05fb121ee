import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'lotsen.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no graceful shutdown, in-flight requests die with the process. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** `lotsen start` as a real process on a free port; resolves once /readyz answers. */
export async function startServer(env: Record<string, string>, port?: number): Promise<Server> {
  const p = port ?? (await freePort());
  const base = `http://127.0.0.1:${p}`;
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      BIN,
      'start',
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(p),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // 1,000 submissions from one address in a minute: far over the front door's 20/min.
        LOTSEN_RATE_LIMIT_FACTOR: '10000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() - started > 90_000) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    base,
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
}

export interface Submission {
  key: string;
  offeringId: string;
  description: string;
}

export interface Ack {
  key: string;
  caseId: string;
  diarienummer: string;
  status: number;
}

/** `n` anonymous submissions with idempotency keys, spread over the given offerings. */
export function submissions(n: number, offeringIds: string[]): Submission[] {
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: n }, (_, i) => ({
    key: `crash-${run}-${String(i).padStart(5, '0')}`,
    offeringId: offeringIds[i % offeringIds.length] as string,
    description: `Inlämning ${i} i krocktestet: vi behöver hjälp med vår verksamhet`,
  }));
}

export async function submit(base: string, s: Submission, timeoutMs = 30_000): Promise<Ack> {
  const res = await fetch(`${base}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
    body: JSON.stringify({
      offeringId: s.offeringId,
      description: s.description,
      companyName: `Krock ${s.key} AB`,
      contact: { name: 'Kim Krock', email: `${s.key}@example.se` },
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json()) as { case?: { id: string; diarienummer: string }; code?: string };
  if ((res.status !== 201 && res.status !== 200) || !body.case) {
    throw new Error(`submission ${s.key}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { key: s.key, caseId: body.case.id, diarienummer: body.case.diarienummer, status: res.status };
}

/**
 * Sends `items` with at most `concurrency` in flight. `stop()` returning true stops taking new
 * items (those stay unsent); a failed request is recorded, not retried here.
 */
export async function sendAll(
  items: Submission[],
  send: (s: Submission) => Promise<Ack>,
  options: { concurrency: number; stop?: () => boolean; onAck?: (ack: Ack) => void },
): Promise<{ acks: Map<string, Ack>; failed: Map<string, string> }> {
  const acks = new Map<string, Ack>();
  const failed = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < items.length && !options.stop?.()) {
      const item = items[next++] as Submission;
      try {
        const ack = await send(item);
        acks.set(item.key, ack);
        options.onAck?.(ack);
      } catch (error) {
        failed.set(item.key, (error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { acks, failed };
}

/** The checks, as SQL, for one set of submissions (their keys share `prefix`). */
export function integrityQueries(prefix: string) {
  const like = `anonymous:${prefix}%`;
  return {
    /** key → count, id, diarienummer for our cases. */
    cases: {
      text: 'select idempotency_key as key, id::text as id, diarienummer, organisation_id from cases where idempotency_key like $1',
      values: [like],
    },
    duplicates: {
      text: 'select idempotency_key, count(*)::int as n from cases where idempotency_key like $1 group by 1 having count(*) > 1',
      values: [like],
    },
    /** Per organisation and year: numbers used, highest, distinct, and the counter row. */
    numbering: {
      text: `with numbered as (
               select organisation_id, diarienummer, split_part(split_part(diarienummer, ' ', 2), '/', 1)::int as year,
                 split_part(diarienummer, '/', 2)::int as seq
               from cases)
             select n.organisation_id, n.year, count(*)::int as n, count(distinct n.diarienummer)::int as distinct_n,
               max(n.seq) as max_seq, min(n.seq) as min_seq, d.last as counter
             from numbered n left join diarium_counters d on d.organisation_id = n.organisation_id and d.year = n.year
             group by n.organisation_id, n.year, d.last`,
      values: [],
    },
    /** Our cases missing their first timeline event, audit entry or acknowledgement e-mail (or with two). */
    halfWritten: {
      text: `select c.diarienummer,
               (select count(*)::int from case_events e where e.case_id = c.id and e.kind = 'submitted') as events,
               (select count(*)::int from audit_log a where a.entity = 'case' and a.entity_id = c.id::text and a.action = 'case.submitted') as audits,
               (select count(*)::int from outbox o where o.payload->>'subject' like '% ' || c.diarienummer || ' hos ' || org.name) as mails
             from cases c join organisations org on org.id = c.organisation_id
             where c.idempotency_key like $1`,
      values: [like],
    },
  };
}

export interface IntegrityRows {
  cases: { key: string; id: string; diarienummer: string; organisation_id: string }[];
  duplicates: { idempotency_key: string; n: number }[];
  numbering: {
    organisation_id: string;
    year: number;
    n: number;
    distinct_n: number;
    max_seq: number;
    min_seq: number;
    counter: number | null;
  }[];
  halfWritten: { diarienummer: string; events: number; audits: number; mails: number }[];
}

export async function readIntegrity(
  query: <T>(text: string, values: unknown[]) => Promise<T[]>,
  prefix: string,
): Promise<IntegrityRows> {
  const q = integrityQueries(prefix);
  return {
    cases: await query(q.cases.text, q.cases.values),
    duplicates: await query(q.duplicates.text, q.duplicates.values),
    numbering: await query(q.numbering.text, q.numbering.values),
    halfWritten: await query(q.halfWritten.text, q.halfWritten.values),
  };
}
