import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

/** What /api/me says in the page's own session (the cookie is HttpOnly: only the server reads it). */
async function me(page: Page): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(async () => {
    const res = await fetch('/api/me');
    return { status: res.status, body: await res.json() };
  });
}

/** Signs in through the development provider's login page, as a person would. */
async function signIn(page: Page, as: 'company' | 'staff', name: RegExp, returnTo: string, base: string) {
  await page.goto(`/auth/login?as=${as}&returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name }).click();
  await page.waitForURL(`${base}${returnTo}`);
  await page.waitForSelector('h1');
  await page.waitForFunction(() => document.querySelectorAll('.status[role="status"]').length === 0);
}

for (const engine of engines()) {
  describe(`sign-in in Chromium through the development provider (${engine})`, () => {
    let server: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer(engine);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('signs in a company owner, who acts for her company, and signs her out here and at the IdP', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await page.goto('/auth/login?as=company&returnTo=/erbjudanden');
      await page.waitForSelector('h1');
      expect(await page.locator('h1').textContent()).toBe('Logga in som företagare (e-legitimation)');
      await expectNoAxeViolations(page, 'development login page');
      await page.getByRole('button', { name: /Amira Haddad/ }).click();
      await page.waitForURL(`${server.url}/erbjudanden`);

      const signedIn = await me(page);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({
        user: { kind: 'company-rep', name: 'Amira Haddad' },
        roles: ['company'],
        actingCompany: { orgnr: '5599000014' },
      });
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'lotsen')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

      const logoutUrl = await page.evaluate(async (csrfToken) => {
        const res = await fetch('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
        return ((await res.json()) as { logoutUrl: string }).logoutUrl;
      }, signedIn.body.csrfToken as string);
      await page.goto(logoutUrl);
      await page.getByRole('button', { name: 'Ja, logga ut' }).click();
      await page.waitForURL(`${server.url}/`);
      expect((await me(page)).status).toBe(401);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('signs in a case worker at Botkyrka miljö with her organisation, unit and role', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await page.goto('/auth/login?as=staff');
      await page.getByRole('button', { name: /Leila Karimi/ }).click();
      await page.waitForURL(`${server.url}/`);
      const signedIn = await me(page);
      expect(signedIn.body).toMatchObject({
        user: { kind: 'staff' },
        roles: ['case-worker'],
        memberships: [{ organisationId: 'botkyrka-kommun', unitId: 'miljo', role: 'case-worker' }],
      });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('lets the Västerås owner choose which of his two companies he acts for on Mitt konto', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await signIn(page, 'company', /Erik Lindqvist/, '/konto', server.url);
      expect(await page.locator('h1').textContent()).toBe('Mitt konto');
      await expectNoAxeViolations(page, '/konto (company)');
      await page.getByLabel(/Västerås Robotservice AB/).check();
      await page.getByRole('button', { name: 'Företräd det här företaget' }).click();
      await page.getByText('Du företräder nu Västerås Robotservice AB (5599000030).').first().waitFor();
      expect((await me(page)).body.actingCompany).toMatchObject({ orgnr: '5599000030' });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('lets the Botkyrka admin add a staff member, set the unit and deactivate her', async () => {
      const { context, page, problems }: { context: BrowserContext; page: Page; problems: string[] } = await newPage(
        browser,
        server.url,
      );
      await signIn(page, 'staff', /Anders Nyström/, '/medarbetare', server.url);
      expect(await page.locator('h1').textContent()).toBe('Medarbetare');
      await page.getByRole('row', { name: /Jonas Ek/ }).waitFor();
      await expectNoAxeViolations(page, '/medarbetare');

      await page.getByRole('button', { name: 'Lägg till' }).click();
      await page.getByText('Ange e-postadress eller identitet hos inloggningstjänsten.').waitFor();
      await page.getByLabel('E-postadress').fill('nina.ny@example.se');
      await page.getByLabel('Namn (frivilligt)').fill('Nina Ny');
      await page.getByLabel('Enhet', { exact: true }).selectOption('tillstand');
      await page.getByRole('button', { name: 'Lägg till' }).click();
      await page.getByText('Nina Ny är tillagd.').waitFor();
      const row = page.getByRole('row', { name: /Nina Ny/ });
      await row.getByText('Inbjuden, har inte loggat in').waitFor();

      await row.getByLabel('Enhet: Nina Ny').selectOption('bygglov');
      await row.getByRole('button', { name: 'Spara: Nina Ny' }).click();
      await page.getByText('Sparat.').waitFor();
      await row.getByRole('button', { name: 'Avaktivera: Nina Ny' }).click();
      await row.getByRole('button', { name: 'Aktivera: Nina Ny' }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });
  });
}
