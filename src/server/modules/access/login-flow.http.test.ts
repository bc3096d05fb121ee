import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { App } from '../../http/types.js';

/** A browser's cookie jar, small: name, value and path; one host. */
class CookieJar {
  readonly #cookies = new Map<string, { value: string; path: string }>();

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) || '/';
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      const key = `${name}|${path}`;
      if (expired || value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, { value, path });
    }
  }

  header(pathname: string): string {
    return [...this.#cookies.entries()]
      .filter(([, c]) => pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('|')[0]}=${c.value}`)
      .join('; ');
  }

  has(name: string): boolean {
    return [...this.#cookies.keys()].some((k) => k.startsWith(`${name}|`));
  }
}

describeEachDatabase('sign-in through the development provider over real HTTP', (database) => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOTSEN_SEED_DEMO: 'false' });
    app = await buildApp({ database: database(), config });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // The issuer is the server's own URL, known only once it listens; the provider starts on first use.
    config.publicBaseUrl = base;
  });
  afterAll(() => app.close());

  /** Like a browser: follows redirects, keeps cookies, turns POST into GET after 302/303. */
  async function browse(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    let target = new URL(url, base);
    let method = init.method ?? (init.form ? 'POST' : 'GET');
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 20; hop++) {
      const headers: Record<string, string> = { cookie: jar.header(target.pathname) };
      if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers.origin = base;
      }
      const res = await fetch(target, { method, headers, body, redirect: 'manual' });
      jar.store(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        target = new URL(location, target);
        if (res.status !== 307 && res.status !== 308) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return { res, url: target, text: await res.text() };
    }
    throw new Error('too many redirects');
  }

  function formFor(html: string, account: string) {
    const forms = [
      ...html.matchAll(/<form method="post" action="([^"]+)">\s*<input type="hidden" name="account" value="([^"]+)">/g),
    ];
    const form = forms.find((f) => f[2] === account);
    if (!form?.[1]) throw new Error(`no login form for ${account}`);
    return form[1];
  }

  async function signIn(as: 'company' | 'staff', account: string, returnTo = '/') {
    const jar = new CookieJar();
    const page = await browse(jar, `/auth/login?as=${as}&returnTo=${encodeURIComponent(returnTo)}`);
    expect(page.res.status).toBe(200);
    const landed = await browse(jar, formFor(page.text, account), { form: { account } });
    return { jar, page, landed };
  }

  async function me(jar: CookieJar) {
    const res = await fetch(`${base}/api/me`, { headers: { cookie: jar.header('/api/me') } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { csrfToken: string } };
  }

  it('shows its own plain login page: the company users only, no scripts, no inline styles, a strict CSP', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, '/auth/login?as=company');
    expect(page.url.pathname).toMatch(/^\/dev-idp\/interaction\/[\w-]+$/);
    const csp = page.res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toContain('Amira Haddad');
    expect(page.text).toContain('Erik Lindqvist');
    expect(page.text).not.toContain('Jonas Ek');
    expect(page.text).not.toMatch(/<script|<style|style=|https?:\/\/fonts/i);
  });

  it('refuses a staff account on the company login', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, '/auth/login?as=company');
    const action = formFor(page.text, 'foretagare-botkyrka');
    const wrong = await browse(jar, action, { form: { account: 'systemadmin' } });
    expect(wrong.res.status).toBe(400);
  });

  it('refuses a callback without the login cookie, and one with a forged state', async () => {
    const bare = await fetch(`${base}/auth/callback?code=abc&state=def`, { redirect: 'manual' });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { code: string }).code).toBe('login_failed');

    const jar = new CookieJar();
    const start = await fetch(`${base}/auth/login?as=staff`, { redirect: 'manual' });
    jar.store(start);
    const forged = await fetch(`${base}/auth/callback?code=abc&state=forged`, {
      redirect: 'manual',
      headers: { cookie: jar.header('/auth/callback'), accept: 'text/html' },
    });
    // A browser is sent to the account page with a message rather than shown JSON.
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/konto?inloggning=misslyckades');
  });

  it('signs in a company owner in Botkyrka with code + PKCE, acting for the one company, then logs out here and at the IdP', async () => {
    const { jar, landed } = await signIn('company', 'foretagare-botkyrka', '/mina-arenden');
    expect(landed.url.pathname).toBe('/mina-arenden');
    expect(jar.has('lotsen')).toBe(true);
    expect(jar.has('lotsen-login')).toBe(false);

    const signedIn = await me(jar);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({
      user: { kind: 'company-rep', name: 'Amira Haddad' },
      roles: ['company'],
      actingCompany: { orgnr: '5599000014' },
    });

    const logout = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { cookie: jar.header('/auth/logout'), 'x-csrf-token': signedIn.body.csrfToken, origin: base },
    });
    expect(logout.status).toBe(200);
    jar.store(logout);
    const { logoutUrl } = (await logout.json()) as { logoutUrl: string };
    expect(new URL(logoutUrl).pathname).toBe('/dev-idp/session/end');
    expect((await me(jar)).status).toBe(401);

    const confirm = await browse(jar, logoutUrl);
    expect(confirm.text).toContain('op.logoutForm');
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.text)?.[1] as string;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1] as string;
    const after = await browse(jar, action, { form: { xsrf, logout: 'yes' } });
    expect(after.url.href).toBe(`${base}/`);

    // Signed out at the IdP too: the next login asks again instead of passing straight through.
    const again = await browse(jar, '/auth/login?as=company');
    expect(again.url.pathname).toMatch(/^\/dev-idp\/interaction\//);
  });

  it('lets the Västerås owner with two companies choose one, validated by organisationsnummer', async () => {
    const { jar } = await signIn('company', 'foretagare-vasteras');
    const before = await me(jar);
    expect(before.body.actingCompany).toBeNull();
    expect((before.body.companies as unknown[]).length).toBe(2);
    const choose = (orgnr: string) =>
      fetch(`${base}/api/me/company`, {
        method: 'POST',
        headers: {
          cookie: jar.header('/api'),
          'x-csrf-token': before.body.csrfToken,
          'content-type': 'application/json',
          origin: base,
        },
        body: JSON.stringify({ orgnr }),
      });
    expect((await choose('559900-0015')).status).toBe(400); // wrong check digit
    expect((await choose('5599000014')).status).toBe(403); // Botkyrka's company, not his
    expect((await choose('559900-0030')).status).toBe(204);
    expect((await me(jar)).body.actingCompany).toMatchObject({ orgnr: '5599000030' });
  });

  it('signs in a case worker at Botkyrka bygglov through the staff login with her membership', async () => {
    const { jar, page } = await signIn('staff', 'handlaggare-botkyrka-bygglov');
    expect(page.text).not.toContain('Amira Haddad');
    const signedIn = await me(jar);
    expect(signedIn.body).toMatchObject({
      user: { kind: 'staff' },
      roles: ['case-worker'],
      memberships: [{ organisationId: 'botkyrka-kommun', unitId: 'bygglov', role: 'case-worker' }],
    });
  });

  it('goes back to the start page when the person cancels at the IdP', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, '/auth/login?as=staff');
    const action = /action="([^"]+\/abort)"/.exec(page.text)?.[1] as string;
    const back = await browse(jar, action, { form: {} });
    expect(back.url.pathname).toBe('/konto');
    expect(back.url.searchParams.get('inloggning')).toBe('avbruten');
    expect(jar.has('lotsen')).toBe(false);
  });
});
