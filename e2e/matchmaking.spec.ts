import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { open, settle } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

const ERIK_PROFILE = 'Mälardalens Elmotor AB';
const EXPORTER = 'Tumba Bageri AB – exportnätverk';

/** Signs in through the development provider's login page, as a person would. */
async function signIn(page: Page, as: 'company' | 'staff', name: RegExp, returnTo: string, base: string) {
  await page.goto(`/auth/login?as=${as}&returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name }).click();
  await page.waitForURL(`${base}${returnTo}`);
  await settle(page);
}

/** A signed-in write from the page's own session, with the CSRF token /api/me hands out. */
async function apiWrite(page: Page, method: string, path: string, body: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

/** The suggestion card for another profile, found by its heading. */
const suggestion = (page: Page, name: string) =>
  page.locator('.matchmaking__match').filter({ has: page.getByRole('heading', { name }) });

for (const engine of engines()) {
  describe(`matchmaking in Chromium: profiles, suggestions and double opt-in (${engine})`, () => {
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

    it('lets an SME find an exporter, and shares the contacts only when both have said yes', async () => {
      // --- Erik acts for Mälardalens Elmotor AB (he has two companies, so he chooses on Mitt konto).
      const erik = await newPage(browser, server.url);
      const e = erik.page;
      await signIn(e, 'company', /Erik Lindqvist/, '/konto', server.url);
      await e.getByLabel(/Mälardalens Elmotor AB/).check();
      await e.getByRole('button', { name: 'Företräd det här företaget' }).click();
      await e.getByText('Du företräder nu Mälardalens Elmotor AB (5599000022).').first().waitFor();

      // The menu has Matchning for the signed-in.
      await e.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Matchning' }).click();
      await e.waitForURL(`${server.url}/matchning`);
      await settle(e);
      await e.getByText('Ni har inga profiler ännu.').waitFor();
      expect(await e.locator('main').textContent()).toContain('Kontaktuppgifter visas först när båda har sagt ja.');
      await expectNoAxeViolations(e, '/matchning (no profiles)');

      // Errors are listed, linked to their fields and focus moves to the first.
      await e.getByRole('button', { name: 'Publicera profilen' }).click();
      await e.getByRole('alert').getByText('Rätta följande:').waitFor();
      const nameField = e.getByLabel('Namn som visas');
      expect(await nameField.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await nameField.getAttribute('aria-describedby')) ?? '';
      expect(await e.locator(`[id="${describedBy}"]`).textContent()).toBe('Skriv ett namn med minst 2 tecken.');
      expect(await e.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
      await expectNoAxeViolations(e, '/matchning (errors)');

      // --- Erik publishes: seeks an exporter to go to Germany with, offers to be a supplier.
      await nameField.fill(ERIK_PROFILE);
      await e.getByLabel('Litet eller medelstort företag').check();
      await e
        .getByLabel('Beskrivning')
        .fill('Vi tillverkar elmotorer och vill ut på den tyska marknaden tillsammans med en större exportör.');
      await e.getByRole('group', { name: 'Vad söker ni?' }).getByLabel('Exportpartner').check();
      await e.getByRole('group', { name: 'Vad erbjuder ni?' }).getByLabel('Leverantör').check();
      await e.getByLabel('Ämnen (frivilligt)').fill('Elmotorer');
      await e.getByLabel('Marknader (frivilligt)').fill('de');
      await e.getByLabel('Kommun (frivilligt)').fill('Västerås');
      expect(await e.getByLabel('E-postadress').inputValue()).toBe('erik@example.se');
      await e.getByRole('button', { name: 'Publicera profilen' }).click();
      await e.getByRole('status').getByText(`Profilen ${ERIK_PROFILE} är publicerad.`).waitFor();
      await e.getByRole('heading', { level: 3, name: ERIK_PROFILE }).waitFor();
      await e.getByText('Inga förslag ännu.').waitFor();

      // --- Amira publishes (through the API) a profile offering export partnership.
      const amira = await newPage(browser, server.url);
      const a = amira.page;
      await signIn(a, 'company', /Amira Haddad/, '/matchning', server.url);
      const created = await apiWrite(a, 'POST', '/api/matchmaking/profiles', {
        displayName: EXPORTER,
        actor: 'large-company',
        summary: 'Vi exporterar redan till Tyskland och tar gärna med mindre leverantörer ut.',
        seeks: ['supplier'],
        offers: ['export-partnership'],
        topics: ['elmotorer'],
        markets: ['DE'],
        contact: { name: 'Amira Haddad', email: 'amira@example.se' },
      });
      expect(created.status).toBe(201);

      // --- Amira sees Erik's profile as a suggestion, with the reasons, and says yes.
      await open(a, '/matchning');
      const forAmira = suggestion(a, ERIK_PROFILE);
      await forAmira.waitFor();
      expect(await forAmira.textContent()).toContain('De erbjuder det ni söker: Leverantör');
      await forAmira.getByRole('button', { name: `Visa intresse för ${ERIK_PROFILE}` }).click();
      await a.getByRole('status').getByText(`Du har visat intresse för ${ERIK_PROFILE}.`).waitFor();
      expect(await forAmira.textContent()).not.toContain('erik@example.se');

      // --- Erik sees the suggestion and her interest, but no contact until he says yes too.
      await open(e, '/matchning');
      const forErik = suggestion(e, EXPORTER);
      await forErik.waitFor();
      const reasons = (await forErik.locator('.matchmaking__reasons').textContent()) ?? '';
      expect(reasons).toContain('De erbjuder det ni söker: Exportpartner');
      expect(reasons).toContain('Ni erbjuder det de söker: Leverantör');
      expect(reasons).toContain('Samma marknader: DE');
      expect(await forErik.textContent()).toContain('De har visat intresse för er.');
      expect(await forErik.textContent()).not.toContain('amira@example.se');
      await forErik.getByRole('button', { name: `Visa intresse för ${EXPORTER}` }).click();
      await forErik.getByText('Ni har båda sagt ja. Kontaktuppgifter:').waitFor();
      expect(await forErik.getByRole('link', { name: 'amira@example.se' }).getAttribute('href')).toBe(
        'mailto:amira@example.se',
      );
      await expectNoAxeViolations(e, '/matchning (mutual)');

      // Amira now sees Erik's contact details too.
      await open(a, '/matchning');
      await suggestion(a, ERIK_PROFILE).getByText('erik@example.se').waitFor();

      // Erik takes it back: the contact is hidden again.
      await forErik.getByRole('button', { name: `Dra tillbaka intresset för ${EXPORTER}` }).click();
      await e.getByRole('status').getByText(`Du har dragit tillbaka intresset för ${EXPORTER}.`).waitFor();
      expect(await forErik.textContent()).not.toContain('amira@example.se');

      expect(erik.problems).toEqual([]);
      expect(amira.problems).toEqual([]);
      await erik.context.close();
      await amira.context.close();
    });
  });
}
