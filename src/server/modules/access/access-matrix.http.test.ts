import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { DEMO_BY_ROLE, type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import type { App } from '../../http/types.js';
import { ROLES, type Role } from './access.policies.js';

/**
 * The authorisation matrix: every operation of the OpenAPI document, called as anonymous and as
 * each role, must be allowed or denied exactly as its `x-lotsen-access` says. An operation without
 * a rule, or with a rule this test does not know, fails it: a new kind of rule needs a new column
 * here first.
 *
 * Only the route-level decision is judged. Bodies are `{}` (so nothing is written: validation
 * answers 400 after access has been decided), and path parameters are samples; an allowed call may
 * answer 400 or 404, a denied one must answer 401 (anonymous) or 403 `forbidden`.
 */

interface Operation {
  method: string;
  path: string;
  access: unknown;
  pathParams: { name: string; schema: { format?: string; pattern?: string } }[];
}

type Caller = 'anonymous' | Role;

function knownRule(access: unknown): access is 'public' | Role[] {
  return (
    access === 'public' ||
    (Array.isArray(access) && access.length > 0 && access.every((r) => (ROLES as readonly string[]).includes(r)))
  );
}

function expected(access: 'public' | Role[], caller: Caller): 'allow' | 401 | 403 {
  if (access === 'public') return 'allow';
  if (caller === 'anonymous') return 401;
  return access.includes(caller) ? 'allow' : 403;
}

/** A value that passes the parameter's schema, so the request reaches the access hook's decision and beyond. */
function sample(param: Operation['pathParams'][number]): string | null {
  const { format, pattern } = param.schema;
  if (format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  // Organisation ids: the Botkyrka admin administers this one, so "allowed" really reaches the handler.
  const candidates = ['botkyrka-kommun', 'a'.repeat(43), '1'];
  if (!pattern) return candidates[0] as string;
  const matching = candidates.find((c) => new RegExp(pattern).test(c));
  if (matching) return matching;
  const fixed = /^\^\[([^\]]+)\]\{(\d+)\}\$$/.exec(pattern);
  if (fixed?.[1]?.includes('a-z')) return 'a'.repeat(Number(fixed[2]));
  return null;
}

function operationsOf(doc: { paths?: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: object }[];
      operations.push({
        method: method.toUpperCase(),
        path,
        access: op['x-lotsen-access'],
        pathParams: parameters.filter((p) => p.in === 'path') as Operation['pathParams'],
      });
    }
  }
  return operations;
}

describeEachDatabase('authorisation matrix over the OpenAPI document', (database) => {
  let app: App;
  let operations: Operation[];
  beforeAll(async () => {
    app = await buildTestApp(database());
    await app.ready();
    operations = operationsOf(app.swagger() as never);
  });
  afterAll(() => app.close());

  it('finds the operations, including the access module’s own', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'POST /auth/logout',
        'GET /api/organisations/{id}/staff',
        'GET /api/offerings',
      ]),
    );
  });

  it('finds an access rule it knows on every operation', () => {
    const unknown = operations
      .filter((o) => !knownRule(o.access))
      .map((o) => `${o.method} ${o.path}: x-lotsen-access ${JSON.stringify(o.access)}`);
    expect(unknown).toEqual([]);
  });

  it('allows and denies every operation for anonymous and every role exactly as declared', async () => {
    const mismatches: string[] = [];
    for (const op of operations) {
      if (!knownRule(op.access)) continue; // reported by the test above
      let url = op.path;
      for (const param of op.pathParams) {
        const value = sample(param);
        if (value === null) {
          mismatches.push(`${op.method} ${op.path}: no sample for path parameter ${param.name}; add one to the matrix`);
          continue;
        }
        url = url.replace(`{${param.name}}`, encodeURIComponent(value));
      }
      for (const caller of ['anonymous', ...ROLES] as const) {
        // A fresh session per call: an operation may end it (logout, erasure).
        const session: SignedIn | null =
          caller === 'anonymous' ? null : await signInAs(database(), DEMO_BY_ROLE[caller]);
        const writes = op.method !== 'GET';
        const res = await app.inject({
          method: op.method as 'GET',
          url,
          headers: session ? (writes ? session.writeHeaders : session.headers) : {},
          ...(writes ? { payload: {} } : {}),
        });
        const want = expected(op.access, caller);
        const code = res.headers['content-type']?.toString().includes('json')
          ? (res.json() as { code?: string }).code
          : '';
        const got =
          res.statusCode === 401
            ? 401
            : res.statusCode === 403 && code === 'forbidden'
              ? 403
              : `allow (${res.statusCode})`;
        const ok = want === 'allow' ? typeof got === 'string' && res.statusCode !== 403 : got === want;
        if (!ok)
          mismatches.push(`${op.method} ${op.path} as ${caller}: expected ${want}, got ${res.statusCode} ${code}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
