import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

/** Signs in through the development provider's login page, as a person would. */
async function signIn(page: Page, as: 'company' | 'staff', name: RegExp, returnTo: string, base: string) {
  await page.goto(`/auth/login?as=${as}&returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name }).click();
  await page.waitForURL(`${base}${returnTo}`);
  await page.waitForSelector('h1');
  await page.waitForFunction(() => document.querySelectorAll('.status[role="status"]').length === 0);
}

for (const engine of engines()) {
  describe(`offerings' words and the thesaurus on /admin/kunskap (${engine})`, () => {
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

    it('lets the Botkyrka admin keep an offering’s situations and add a thesaurus entry', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      // admin-botkyrka in the development provider.
      await signIn(page, 'staff', /Anders Nyström/, '/konto', server.url);
      await page.getByRole('link', { name: 'Erbjudanden och ordlista' }).click();
      await page.waitForURL(`${server.url}/admin/kunskap`);
      expect(await page.locator('h1').textContent()).toBe('Erbjudanden och ordlista');
      await page.getByRole('heading', { name: 'Erbjudanden hos Botkyrka kommun' }).waitFor();
      const form = page.locator('form[data-offering="botkyrka-kommun-bygglov"]');
      const situations = form.getByLabel('Typiska situationer');
      await situations.waitFor();
      await expectNoAxeViolations(page, '/admin/kunskap');

      const situation = 'vi vill bygga en pergola vid entrén';
      const before = await situations.inputValue();
      expect(before).not.toContain(situation);
      await situations.fill(`${before}\n${situation}\n`);
      await form.getByRole('button', { name: /^Spara/ }).click();
      await form.getByText(/är sparade\.$/).waitFor();

      await page.reload();
      await page.waitForSelector('h1');
      const reloaded = page.locator('form[data-offering="botkyrka-kommun-bygglov"]').getByLabel('Typiska situationer');
      await reloaded.waitFor();
      expect((await reloaded.inputValue()).split('\n')).toContain(situation);

      // A wrong id is explained at the field, before anything is sent.
      await page.getByLabel('Id', { exact: true }).fill('Fika Vagn');
      await page.getByLabel('Fraser som företag använder').fill('fikavagn\nkaffevagn');
      await page.getByLabel('Begrepp i katalogen').fill('livsmedel');
      await page.getByRole('button', { name: 'Spara uppslagsord' }).click();
      const idField = page.getByLabel('Id', { exact: true });
      expect(await idField.getAttribute('aria-invalid')).toBe('true');
      expect(await idField.evaluate((el) => el === document.activeElement)).toBe(true);
      await expectNoAxeViolations(page, '/admin/kunskap with an error');

      await idField.fill('fikavagn');
      await page.getByRole('button', { name: 'Spara uppslagsord' }).click();
      await page.getByText('Uppslagsordet fikavagn är sparat.').waitFor();
      const row = page.getByRole('row', { name: /fikavagn/ });
      await row.getByRole('cell', { name: 'fikavagn, kaffevagn' }).waitFor();
      await page.getByText(/^Visar 1 av \d+ uppslagsord\.$/).waitFor();

      const saved = await page.evaluate(async () => (await fetch('/api/thesaurus')).json());
      expect(saved).toContainEqual({ id: 'fikavagn', phrases: ['fikavagn', 'kaffevagn'], terms: ['livsmedel'] });

      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: 'Ta bort: fikavagn' }).click();
      await page.getByText('Uppslagsordet fikavagn är borttaget.').waitFor();
      await page.getByText(/^Visar 0 av \d+ uppslagsord\.$/).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });
  });
}
