import { mkdirSync, writeFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import { ERROR_CODES } from '../../src/server/errors.js';
import type { App } from '../../src/server/http/types.js';
import { buildTestApp } from '../support/app.js';
import { DEMO_BY_ROLE, type SignedIn, signInAs } from '../support/sessions.js';

export type PrincipalName = 'anonymous' | keyof typeof DEMO_BY_ROLE;
export const PRINCIPALS: PrincipalName[] = [
  'anonymous',
  ...(Object.keys(DEMO_BY_ROLE) as (keyof typeof DEMO_BY_ROLE)[]),
];

/** The app as tests build it, with rate limits raised so that the fuzzing reaches the handlers. */
export function buildFuzzApp(database: Database): Promise<App> {
  return buildTestApp(database, { LOTSEN_RATE_LIMIT_FACTOR: '1000' });
}

/**
 * Sessions per role, made again when a request ended one (sign-out, erasure, a membership change).
 * The company acts for its demo company, as in the web client.
 */
export class Sessions {
  readonly #cache = new Map<PrincipalName, SignedIn>();
  readonly #erased = new Set<PrincipalName>();
  /** How many sessions were made so far (each one changes the sessions table). */
  created = 0;
  constructor(
    private readonly database: Database,
    private readonly app: App,
  ) {}

  async get(name: PrincipalName): Promise<SignedIn | null> {
    if (name === 'anonymous') return null;
    const cached = this.#cache.get(name);
    if (cached) return cached;
    if (this.#erased.has(name)) return null;
    let signedIn: SignedIn;
    try {
      signedIn = await signInAs(this.database, DEMO_BY_ROLE[name]);
    } catch {
      // The fuzzing erased this demo user (POST /api/me/erasure runs last): go on as anonymous.
      this.#erased.add(name);
      return null;
    }
    this.created++;
    if (name === 'company') {
      await this.app.inject({
        method: 'POST',
        url: '/api/me/company',
        headers: signedIn.writeHeaders,
        payload: { orgnr: '5599000014' },
      });
    }
    this.#cache.set(name, signedIn);
    return signedIn;
  }

  forget(name: PrincipalName) {
    this.#cache.delete(name);
  }
}

/**
 * A fingerprint of every table (row count and a hash of the rows), to tell whether a request
 * changed anything. Sessions count without their sliding idle expiry (touched on use).
 */
export async function tableFingerprintQuery(database: Database): Promise<string> {
  const tables = await database.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  return tables
    .map(({ table_name: t }) => {
      const row =
        t === 'sessions' ? `(x.id_hash, x.user_id, x.acting_orgnr, x.csrf_token, x.absolute_expires_at)` : 'x';
      return `select '${t}' as t, count(*)::int as n, coalesce(sum(hashtext(${row}::text)::bigint), 0)::text as h from "${t}" x`;
    })
    .join(' union all ');
}

export async function fingerprint(database: Database, query: string): Promise<Map<string, string>> {
  const rows = await database.query<{ t: string; n: number; h: string }>(query);
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/**
 * Tells whether a request changed any table, cheaply: a write assigns a transaction id, which moves
 * the snapshot's xmax; only when it moved are the tables hashed (on a shared PostgreSQL server
 * other databases move it too, so xmax alone proves "unchanged", never "changed").
 */
export class StateWatch {
  #full: Map<string, string> | null = null;
  #fullAt: string | null = null;
  private constructor(
    private readonly database: Database,
    private readonly query: string,
  ) {}

  static async of(database: Database): Promise<StateWatch> {
    return new StateWatch(database, await tableFingerprintQuery(database));
  }

  async #probe(): Promise<string> {
    const [row] = await this.database.query<{ s: string }>('select pg_current_snapshot()::text as s');
    return (row as { s: string }).s.split(':')[1] as string;
  }

  /** Call right before the request; returns a token for `changedSince`. */
  async mark(): Promise<{ probe: string; full: Map<string, string> }> {
    const probe = await this.#probe();
    if (this.#fullAt !== probe || !this.#full) {
      this.#full = await fingerprint(this.database, this.query);
      this.#fullAt = await this.#probe();
    }
    return { probe: this.#fullAt, full: this.#full };
  }

  /** The tables that changed since `mark` (none when no transaction id was assigned since). */
  async changedSince(mark: { probe: string; full: Map<string, string> }): Promise<string[]> {
    if ((await this.#probe()) === mark.probe) return [];
    const after = await fingerprint(this.database, this.query);
    return changedTables(mark.full, after);
  }
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}

/** Real values to mix into generated ids and strings: ids of every table, slugs, a follow token. */
export async function knownValues(database: Database): Promise<string[]> {
  const columns = await database.query<{ table_name: string; column_name: string }>(
    "select table_name, column_name from information_schema.columns where table_schema = 'public' and column_name in ('id', 'orgnr', 'provider_id') order by 1, 2",
  );
  const values = new Set<string>();
  // SCB codes the demo region uses, so that generated municipality and county filters hit something.
  for (const code of ['0127', '1980', '1880', '0180', '1984', '01', '19', '18']) values.add(code);
  for (const { table_name, column_name } of columns) {
    const rows = await database.query<{ v: string }>(
      `select "${column_name}"::text as v from "${table_name}" where "${column_name}" is not null limit 8`,
    );
    for (const r of rows) values.add(r.v);
  }
  return [...values];
}

export interface Failure {
  request: string;
  as: PrincipalName;
  status: number;
  problem: string;
}

/** Every error is application/problem+json with the problem shape, its status and a known code. */
export function checkProblem(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    return `error with content-type "${type}": ${res.body.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `problem+json that is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || typeof body.code !== 'string')
    return `problem without type/title/code: ${res.body.slice(0, 200)}`;
  if (body.status !== res.statusCode) return `problem status ${body.status} on a ${res.statusCode} response`;
  if (!(body.code in ERROR_CODES)) return `unknown problem code ${body.code}`;
  if (body.detail !== undefined && typeof body.detail !== 'string') return 'problem detail is not a string';
  return null;
}

/** Fails with the first few failures; all of them go to tmp/fuzz-failures-<label>.json for reading. */
export function expectNoFailures(label: string, failures: Failure[]) {
  if (failures.length > 0) {
    mkdirSync('tmp', { recursive: true });
    writeFileSync(`tmp/fuzz-failures-${label.replace(/[^\w-]+/g, '-')}.json`, JSON.stringify(failures, null, 2));
  }
  expect(failures, JSON.stringify(failures.slice(0, 12), null, 2)).toEqual([]);
}
