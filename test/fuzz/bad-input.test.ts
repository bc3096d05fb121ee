/**
 * Bad input on every operation of the OpenAPI document: malformed JSON, huge and deeply nested
 * bodies, wrong content types, NUL and broken encodings in parameters, path traversal in upload
 * file names and paths, odd headers. Nothing may answer 5xx, every error is problem+json, and a
 * refused request changes no table.
 */

import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/http/types.js';
import { engines, freshDatabase } from '../support/databases.js';
import { DEMO_BY_ROLE } from '../support/sessions.js';
import { type Schema, valueOf } from './schema-arbitrary.js';
import {
  buildFuzzApp,
  checkProblem,
  expectNoFailures,
  type Failure,
  knownValues,
  type PrincipalName,
  Sessions,
  StateWatch,
} from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Operation {
  method: string;
  path: string;
  access: 'public' | string[];
  parameters: { in: string; name: string; required?: boolean; schema: Schema }[];
  body: Schema | null;
}

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: op['x-lotsen-access'] as Operation['access'],
      parameters: (op.parameters ?? []) as Operation['parameters'],
      body:
        (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']
          ?.schema ?? null,
    })),
  );
}

/** Who may call the operation: anonymous when public, else the first role that may. */
function callerOf(operation: Operation): PrincipalName {
  if (operation.access === 'public') return 'anonymous';
  return (operation.access.find((r) => r in DEMO_BY_ROLE) ?? 'system-admin') as PrincipalName;
}

/** Puts `suffix` at the end of every string in a JSON value. */
function poison(value: unknown, suffix: string): unknown {
  if (typeof value === 'string') return value + suffix;
  if (Array.isArray(value)) return value.map((v) => poison(v, suffix));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, suffix)]));
  return value;
}

const MALFORMED_JSON = [
  '{',
  '{"a":}',
  '[1,2',
  'nul',
  '{"a":1}{"b":2}',
  "{'single':'quotes'}",
  '{"a":"\\ud800"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
  '\ufeff{}',
  '1e999999',
  '[]',
  '"just a string"',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `{"a":"${'\\u0000'.repeat(100)}"}`,
];

const WRONG_TYPES: [string, string | Buffer][] = [
  ['text/plain', 'hello'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'],
  ['application/xml', '<a>1</a>'],
  ['application/json; charset=utf-16', '{}'],
  ['application/pdf', PDF],
  ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])],
  ['application/octet-stream', Buffer.alloc(16)],
  ['', '{}'],
  ['application/json\u0000', '{}'],
  ['*/*', '{}'],
];

const TRAVERSAL_NAMES = [
  '../../etc/passwd',
  '..\\..\\windows\\system32\\config\\sam',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd',
  'C:\\boot.ini',
  'a/../../b.pdf',
  '..',
  '.',
  '.htaccess',
  'ok.pdf\u0000.exe',
  '\u202efdp.exe',
  'CON',
  'x'.repeat(255),
  'ritning\r\nSet-Cookie: a=b.pdf',
  '"; filename="evil.pdf',
  '\ud800.pdf',
  'ö'.repeat(200),
];

for (const engine of engines()) {
  describe(`bad input on every operation (${engine})`, () => {
    let handle: Awaited<ReturnType<typeof freshDatabase>>;
    let app: App;
    let sessions: Sessions;
    let watch: StateWatch;
    let operations: Operation[];
    let known: string[];
    let caseId: string;
    let followToken: string;

    beforeAll(async () => {
      handle = await freshDatabase(engine);
      app = await buildFuzzApp(handle.database);
      await app.ready();
      sessions = new Sessions(handle.database, app);
      operations = operationsOf(app.swagger() as never);
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
      caseId = submitted.json().case.id;
      followToken = (submitted.json().followUrl as string).split('/').pop() as string;
      known = await knownValues(handle.database);
      watch = await StateWatch.of(handle.database);
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await handle?.dispose();
    });

    /** Sends one request as `as`; records a 5xx, a non-problem error and a refused request that changed a table. */
    async function send(
      failures: Failure[],
      as: PrincipalName,
      options: InjectOptions & { method: string; url: string },
      csrf = true,
    ): Promise<LightMyRequestResponse> {
      const signedIn = await sessions.get(as);
      const headers = {
        ...(signedIn ? (WRITE.has(options.method) && csrf ? signedIn.writeHeaders : signedIn.headers) : {}),
        ...((options.headers as Record<string, string>) ?? {}),
      };
      const before = await watch.mark();
      const res = await app.inject({ ...options, headers } as InjectOptions);
      const shown = `${options.method} ${options.url.slice(0, 200)} ${String(options.payload ?? '').slice(0, 120)}`;
      const problem = options.method === 'HEAD' ? (res.statusCode >= 500 ? 'HEAD 5xx' : null) : checkProblem(res);
      if (problem) failures.push({ request: shown, as, status: res.statusCode, problem });
      if (res.statusCode >= 400) {
        const tables = await watch.changedSince(before);
        if (tables.length > 0)
          failures.push({ request: shown, as, status: res.statusCode, problem: `refused but changed ${tables}` });
      }
      if (signedIn && res.statusCode === 401) sessions.forget(as);
      return res;
    }

    const urlOf = (operation: Operation, value: (name: string) => string) =>
      operation.path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
    /** A plausible path: real ids where the parameter is an id. */
    const plausiblePath = (operation: Operation) =>
      urlOf(operation, (name) => (name === 'token' ? followToken : name === 'id' ? caseId : (known[0] ?? 'x')));

    it('refuses malformed JSON, wrong content types, huge and NUL-laden bodies on every JSON operation', async () => {
      const failures: Failure[] = [];
      const withBody = operations.filter((o) => o.body && o.path !== '/api/me/erasure');
      expect(withBody.length).toBeGreaterThan(20);
      for (const operation of withBody) {
        const as = callerOf(operation);
        const url = plausiblePath(operation);
        const json = { 'content-type': 'application/json' };
        for (const payload of MALFORMED_JSON)
          await send(failures, as, { method: operation.method, url, headers: json, payload });
        for (const [type, payload] of WRONG_TYPES)
          await send(failures, as, { method: operation.method, url, headers: { 'content-type': type }, payload });
        // Over the 1 MB body limit (routes may have a smaller one).
        await send(failures, as, {
          method: operation.method,
          url,
          headers: json,
          payload: `{"x":"${'a'.repeat(1024 * 1024 + 1)}"}`,
        });
        // A schema-valid body with NUL, a lone surrogate or a very long tail in every string.
        const [valid] = fc.sample(valueOf(operation.body as Schema, { known }), { numRuns: 1, seed: 42 });
        for (const suffix of ['\u0000', '\ud800', 'x'.repeat(100_000)]) {
          await send(failures, as, {
            method: operation.method,
            url,
            headers: json,
            payload: JSON.stringify(poison(valid, suffix)),
          });
        }
      }
      expectNoFailures(`bodies-${engine}`, failures);
    });

    it('refuses NUL, broken percent-encoding, traversal and huge values in every path and query parameter', async () => {
      const failures: Failure[] = [];
      const nasty = ['%00', '%00abc', '%ED%A0%80', '%E0%A4%A', '%', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(10_000)];
      for (const operation of operations) {
        if (operation.path === '/api/me/erasure' || operation.path === '/auth/logout') continue;
        const as = callerOf(operation);
        for (const bad of nasty) {
          for (const p of operation.parameters.filter((x) => x.in === 'path')) {
            const url = urlOf(operation, (name) => (name === p.name ? bad : name === 'id' ? caseId : followToken));
            await send(failures, as, { method: operation.method, url });
          }
          for (const p of operation.parameters.filter((x) => x.in === 'query')) {
            await send(failures, as, { method: operation.method, url: `${plausiblePath(operation)}?${p.name}=${bad}` });
          }
        }
      }
      for (const url of [
        '/api/../package.json',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/..%2f..%2fpackage.json',
        '/..%5c..%5cpackage.json',
        '/api/cases/%2e%2e',
        '/api/offerings/..%2F..%2F',
        '/api/offerings?q=%00',
        '/api/offerings?limit=1&limit=2',
        '/api/offerings?limit=-1',
        '/api/offerings?limit=1e400',
        `/api/offerings?${'a=1&'.repeat(2000)}`,
        '/api/%00',
        '/api/offerings/%00',
      ]) {
        const res = await send(failures, 'anonymous', { method: 'GET', url });
        if (res.statusCode === 200 && res.body.includes('"dependencies"'))
          failures.push({ request: url, as: 'anonymous', status: 200, problem: 'served a file outside the web root' });
      }
      expectNoFailures(`params-${engine}`, failures);
    });

    it('keeps uploaded file names inside the case: no directories, NUL or control characters; downloads stay safe', async () => {
      const failures: Failure[] = [];
      const uploads = [
        { as: 'case-worker' as const, url: `/api/cases/${caseId}/documents` },
        { as: 'anonymous' as const, url: `/api/follow/${followToken}/documents` },
      ];
      // The case worker must see the case: submit it to their unit (bygglov in Botkyrka).
      for (const upload of uploads) {
        for (const name of TRAVERSAL_NAMES) {
          const res = await send(failures, upload.as, {
            method: 'POST',
            url: `${upload.url}?name=${encodeURIComponent(name.replace(/\ud800/g, '\ufffd'))}`,
            headers: { 'content-type': 'application/pdf' },
            payload: PDF,
          });
          if (res.statusCode === 201) {
            const docs = (res.json().documents ?? []) as { id: string; fileName: string }[];
            for (const doc of docs) {
              if (/[\\/\u0000-\u001f]/.test(doc.fileName) || doc.fileName.startsWith('.') || doc.fileName.length > 200)
                failures.push({ request: name, as: upload.as, status: 201, problem: `stored as "${doc.fileName}"` });
            }
          } else if (res.statusCode !== 400 && res.statusCode !== 404) {
            failures.push({ request: name, as: upload.as, status: res.statusCode, problem: 'unexpected status' });
          }
        }
        // Too big, empty, a type not taken, a disguised file, a double name parameter.
        for (const [type, payload, query] of [
          ['application/pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'name=big.pdf'],
          ['application/pdf', Buffer.alloc(0), 'name=empty.pdf'],
          ['application/x-msdownload', Buffer.from('MZ'), 'name=a.exe'],
          ['image/png', PDF, 'name=a.png'],
          ['application/pdf', PDF, 'name=a.pdf&name=b.pdf'],
          ['application/pdf', PDF, ''],
          ['application/json', '{}', 'name=a.json'],
        ] as const) {
          await send(failures, upload.as, {
            method: 'POST',
            url: `${upload.url}${query ? `?${query}` : ''}`,
            headers: { 'content-type': type },
            payload,
          });
        }
      }
      // Every stored document downloads with a header that holds (no CRLF, no quote break-out).
      const staff = await sessions.get('case-worker');
      const doc = await app.inject({ url: `/api/cases/${caseId}`, headers: staff?.headers });
      for (const d of (doc.json().documents ?? []) as { id: string }[]) {
        const res = await send(failures, 'case-worker', {
          method: 'GET',
          url: `/api/cases/${caseId}/documents/${d.id}`,
        });
        expect(res.statusCode).toBe(200);
        expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''[\x21-\x7e]+$/);
      }
      expectNoFailures(`uploads-${engine}`, failures);
    });

    it('answers odd headers with problem+json or success, never 5xx, and changes nothing on refusal', async () => {
      const failures: Failure[] = [];
      const company = await sessions.get('company');
      const submit = {
        offeringId: 'botkyrka-kommun-bygglov',
        description: 'Vi vill bygga ut',
        companyName: 'Header AB',
        contact: { name: 'A', email: 'a@example.se' },
      };
      const odd: Record<string, string>[] = [
        { cookie: 'lotsen=%%%' },
        { cookie: 'lotsen=' },
        { cookie: `lotsen=${'a'.repeat(8000)}` },
        { cookie: 'lotsen=x; lotsen=y' },
        { cookie: '=;;;==; ; lotsen' },
        { 'x-request-id': 'a'.repeat(500) },
        { 'x-request-id': '../../etc' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { accept: 'application/xml' },
        { accept: 'text/html' },
        { 'accept-language': 'x'.repeat(2000) },
        { 'idempotency-key': 'short' },
        { 'idempotency-key': 'x'.repeat(5000) },
        { 'idempotency-key': 'with space inside' },
        { 'if-match': '"W/garbage"' },
        { host: 'evil.example' },
        { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' },
        { 'x-forwarded-proto': 'javascript' },
        { authorization: 'Bearer abc' },
        { 'content-encoding': 'gzip' },
        { 'content-encoding': 'br' },
        { 'x-http-method-override': 'DELETE' },
        { 'x-csrf-token': 'wrong' },
        { 'x-csrf-token': '' },
      ];
      for (const headers of odd) {
        await send(failures, 'anonymous', { method: 'GET', url: '/api/offerings?limit=1', headers });
        await send(failures, 'anonymous', { method: 'GET', url: '/api/cases', headers });
        await send(failures, 'anonymous', {
          method: 'POST',
          url: '/api/cases',
          headers: { 'content-type': 'application/json', ...headers },
          payload: JSON.stringify(submit),
        });
        // A signed-in write whose headers override the CSRF token or add an odd one.
        if (company) {
          await send(
            failures,
            'company',
            {
              method: 'POST',
              url: '/api/cases',
              headers: { 'content-type': 'application/json', ...company.writeHeaders, ...headers },
              payload: JSON.stringify(submit),
            },
            false,
          );
        }
        await send(failures, 'case-worker', {
          method: 'POST',
          url: `/api/cases/${caseId}/status`,
          headers: { 'content-type': 'application/json', ...headers },
          payload: JSON.stringify({ status: 'tilldelat' }),
        });
      }
      // Every method on a known path, and methods HTTP doesn't know on the API.
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']) {
        await send(failures, 'anonymous', { method, url: '/api/cases' });
        await send(failures, 'anonymous', { method, url: `/api/cases/${caseId}` });
      }
      expectNoFailures(`headers-${engine}`, failures);
    });
  });
}
