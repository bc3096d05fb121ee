/**
 * Property-based requests generated from every operation's schema in the OpenAPI document
 * (`app.swagger()`), sent through `app.inject()` as anonymous and as each role (with the CSRF
 * token on writes, now and then without). Asserts: no 5xx, every error is problem+json with the
 * problem shape, and a refused request changes no table. FUZZ_RUNS sets the requests per
 * operation (default 25), FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/http/types.js';
import { engines, freshDatabase } from '../support/databases.js';
import { brokenValueOf, type Schema, valueOf } from './schema-arbitrary.js';
import {
  buildFuzzApp,
  checkProblem,
  expectNoFailures,
  type Failure,
  knownValues,
  PRINCIPALS,
  type PrincipalName,
  Sessions,
  StateWatch,
} from './support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Time for all operations on one engine; each operation gets its share (the runs stop early). */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 90);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Run last: they end the session or erase the demo user, which later operations sign in as. */
const LAST = ['POST /auth/logout', 'POST /api/me/erasure'];

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  access: 'public' | string[];
  parameters: Parameter[];
  body: Schema | null;
}

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        access: operation['x-lotsen-access'] as Operation['access'],
        parameters: (operation.parameters ?? []) as Parameter[],
        body: content?.['application/json']?.schema ?? null,
      });
    }
  }
  const rank = (o: Operation) => LAST.indexOf(`${o.method} ${o.path}`);
  return operations.sort((a, b) => rank(a) - rank(b));
}

interface GeneratedRequest {
  as: PrincipalName;
  csrf: boolean;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

function paramsArbitrary(parameters: Parameter[], known: string[]) {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const p of parameters) {
    const valid = valueOf(p.schema, { known });
    // Now and then a value the schema refuses: any string.
    model[p.name] = fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: fc.string({ maxLength: 20 }), weight: 1 });
    if (p.required || p.in === 'path') required.push(p.name);
  }
  return fc.record(model, { requiredKeys: required });
}

function requestArbitrary(operation: Operation, known: string[]): fc.Arbitrary<GeneratedRequest> {
  const of = (where: Parameter['in']) => operation.parameters.filter((p) => p.in === where);
  // Mostly someone the operation lets in (to reach the handler), now and then anyone.
  const allowed = operation.access === 'public' ? PRINCIPALS : PRINCIPALS.filter((p) => operation.access.includes(p));
  return fc.record({
    as: fc.oneof(
      { arbitrary: fc.constantFrom(...(allowed.length > 0 ? allowed : PRINCIPALS)), weight: 3 },
      { arbitrary: fc.constantFrom(...PRINCIPALS), weight: 1 },
    ),
    csrf: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
    path: paramsArbitrary(of('path'), known),
    query: paramsArbitrary(of('query'), known),
    headers: paramsArbitrary(of('header'), known),
    body: operation.body
      ? fc.oneof(
          { arbitrary: valueOf(operation.body, { known }), weight: 4 },
          { arbitrary: brokenValueOf(operation.body, { known }), weight: 1 },
        )
      : fc.constant(undefined),
  });
}

function urlOf(operation: Operation, request: GeneratedRequest): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(request.path[name] ?? '')),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      query.append(name, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    }
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Header values as a client can send them (printable ASCII). */
const headerValue = (v: unknown) => String(v).replace(/[^\x20-\x7e]/g, '');

for (const engine of engines()) {
  describe(`fuzzing every operation of the OpenAPI document (${engine})`, () => {
    let handle: Awaited<ReturnType<typeof freshDatabase>>;
    let app: App;
    let sessions: Sessions;
    let known: string[];
    let watch: StateWatch;

    beforeAll(async () => {
      handle = await freshDatabase(engine);
      app = await buildFuzzApp(handle.database);
      await app.ready();
      sessions = new Sessions(handle.database, app);
      // Some cases to find: one anonymous (with its follow link), one from the signed-in company.
      const submitted = await app.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          offeringId: 'botkyrka-kommun-bygglov',
          description: 'Vi vill bygga ut vår lagerlokal i Tumba',
          companyName: 'Fuzz AB',
          contact: { name: 'Test Testsson', email: 'test@example.se' },
        },
      });
      expect(submitted.statusCode).toBe(201);
      const company = await sessions.get('company');
      const mine = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: company?.writeHeaders,
        payload: {
          offeringId: 'botkyrka-kommun-bygglov',
          description: 'Vi behöver ett lån för att köpa en maskin',
          contact: { name: 'Test Testsson', email: 'test@example.se' },
        },
      });
      expect(mine.statusCode).toBeLessThan(300);
      known = [
        ...(await knownValues(handle.database)),
        (submitted.json().followUrl as string).split('/').pop() as string,
      ];
      watch = await StateWatch.of(handle.database);
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await handle?.dispose();
    });

    it('answers every generated request without 5xx, errors as problem+json, refused requests changing nothing', async () => {
      const operations = operationsOf(app.swagger() as never);
      expect(operations.length).toBeGreaterThan(50);
      const failures: (Failure & { tables?: string[] })[] = [];
      const statuses = new Map<string, Map<number, number>>();
      let requests = 0;

      for (const [index, operation] of operations.entries()) {
        const name = `${operation.method} ${operation.path}`;
        const counts = new Map<number, number>();
        statuses.set(name, counts);
        // The time share is checked inside the property: fast-check's own interrupt would leave a
        // request running into the next operation's state checks.
        const deadline = performance.now() + (SECONDS * 1000) / operations.length;
        const property = fc.asyncProperty(requestArbitrary(operation, known), async (request) => {
          if (performance.now() > deadline) return true;
          const signedIn = await sessions.get(request.as);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(request.headers)) headers[k] = headerValue(v);
          if (signedIn) {
            Object.assign(
              headers,
              WRITE.has(operation.method) && request.csrf ? signedIn.writeHeaders : signedIn.headers,
            );
          }
          const hasBody = request.body !== undefined;
          if (hasBody) headers['content-type'] = 'application/json';
          const before = await watch.mark();
          const url = urlOf(operation, request);
          const res = await app.inject({
            method: operation.method as 'GET',
            url,
            headers,
            ...(hasBody ? { payload: JSON.stringify(request.body) } : {}),
          });
          requests++;
          counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
          const shown = `${operation.method} ${url}${hasBody ? ` ${JSON.stringify(request.body).slice(0, 300)}` : ''}`;
          const problem = checkProblem(res);
          if (problem) failures.push({ request: shown, as: request.as, status: res.statusCode, problem });
          if (res.statusCode >= 400) {
            const tables = await watch.changedSince(before);
            if (tables.length > 0)
              failures.push({
                request: shown,
                as: request.as,
                status: res.statusCode,
                problem: 'a refused request changed tables',
                tables,
              });
          }
          // The session may be gone (sign-out, erasure, a changed membership): sign in again next time.
          if (signedIn && (res.statusCode === 401 || LAST.includes(name))) {
            sessions.forget(request.as);
          }
          return problem === null && res.statusCode < 500;
        });
        try {
          await fc.assert(property, {
            numRuns: RUNS,
            seed: SEED + index,
            endOnFailure: true,
          });
        } catch (error) {
          // The counterexample is in the message, a thrown error in its cause; `failures` has every bad answer.
          const cause = (error as Error).cause;
          failures.push({
            request: name,
            as: 'anonymous',
            status: 0,
            problem: `${(error as Error).message.slice(0, 600)}${cause ? `\ncause: ${String((cause as Error).stack ?? cause).slice(0, 600)}` : ''}`,
          });
        }
      }

      const summary = [...statuses.entries()].map(
        ([op, counts]) =>
          `${op}: ${[...counts.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      );
      console.log(
        `fuzz (${engine}, seed ${SEED}): ${requests} requests over ${operations.length} operations\n${summary.join('\n')}`,
      );
      expectNoFailures(`openapi-${engine}`, failures);
      // Reached the handlers, not only the validators: some operations answered 2xx.
      const succeeded = [...statuses.values()].filter((c) => [...c.keys()].some((s) => s < 300)).length;
      expect(succeeded).toBeGreaterThan(operations.length / 3);
    });
  });
}
