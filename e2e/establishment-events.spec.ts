import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { h1, open, settle } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

async function signInAsStaff(page: Page, name: RegExp, returnTo: string, base: string) {
  await page.goto(`/auth/login?as=staff&returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name }).click();
  await page.waitForURL(`${base}${returnTo}`);
  await settle(page);
}

for (const engine of engines()) {
  describe(`establishment and events pages (${engine})`, () => {
    let server: RunningServer;
    let browser: Browser;
    let eventId: string;
    let eventTitle: string;

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer(engine);
      const events = (await (await fetch(`${server.url}/api/events?limit=100`)).json()) as {
        items: { id: string; title: string; capacity: number | null }[];
      };
      const withSeats = events.items.find((e) => e.capacity !== null) ?? events.items[0];
      if (!withSeats) throw new Error('the demo region has no events');
      eventId = withSeats.id;
      eventTitle = withSeats.title;
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const pages = () => [
      { path: '/etablering', sv: 'Mark för etablering', en: 'Land for establishment' },
      { path: '/etablering/sodra-porten', sv: 'Södra Porten', en: 'Södra Porten' },
      { path: '/evenemang', sv: 'Evenemang', en: 'Events' },
      { path: `/evenemang/${eventId}`, sv: eventTitle, en: eventTitle },
    ];

    it('shows every page in Swedish and English with one h1 and no axe violations', async () => {
      for (const language of ['sv', 'en'] as const) {
        const { context, page, problems } = await newPage(browser, server.url, { language });
        for (const p of pages()) {
          await open(page, p.path);
          expect(await h1(page), p.path).toEqual([p[language]]);
          await expectNoAxeViolations(page, `${p.path} (${language})`);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
    });

    it('draws the map from Lotsen’s own data, with no request leaving the server', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) elsewhere.push(request.url());
      });
      await open(page, '/etablering');
      await page.waitForSelector('.site-map__svg');
      expect(await page.locator('.site-map__area').count()).toBe(4);
      expect(await page.locator('.site-map__marker').count()).toBe(8);
      // The table is the map's accessible alternative: every site, linked, numbered as on the map.
      expect(await page.locator('.site-table tbody tr').count()).toBe(8);
      expect(await page.getAttribute('.site-map__svg', 'role')).toBe('img');
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('filters the sites and follows a site from the table to its page', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/etablering');
      await page.getByLabel('Bara områden med eget järnvägsspår').check();
      expect(await page.locator('.site-table tbody tr').count()).toBe(2);
      expect(await page.locator('.site-map__marker').count()).toBe(2);
      await page.getByRole('link', { name: 'Logistikområdet Syd (fiktivt demoområde)' }).click();
      await page.waitForSelector('h1:has-text("Logistikområdet Syd")');
      expect(await page.locator('dl.facts').textContent()).toContain('15 MW');
      await context.close();
    });

    it('registers for an event, then cancels through the link', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await open(page, `/evenemang/${eventId}`);
      await page.getByRole('button', { name: 'Anmäl mig' }).click();
      expect(await page.locator('.field__error').allTextContents()).toEqual([
        'Skriv ditt namn.',
        'Skriv en e-postadress, till exempel namn@foretag.se.',
      ]);
      await page.getByLabel('Namn').fill('Test Testsson');
      await page.getByLabel('E-postadress').fill('test.testsson@example.se');
      await page.getByRole('button', { name: 'Anmäl mig' }).click();
      await page.getByText('Du är anmäld!').waitFor();
      await expectNoAxeViolations(page, 'event after registration');

      await page.getByRole('link', { name: 'Avboka anmälan' }).click();
      await page.getByRole('button', { name: 'Avboka' }).waitFor();
      await expectNoAxeViolations(page, 'cancel registration');
      await page.getByRole('button', { name: 'Avboka' }).click();
      await page.getByText('Din anmälan är avbokad.').waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows the investment team its confidential pipeline and moves a lead on', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await signInAsStaff(page, /Oskar Wahlberg/, '/investeringar', server.url);
      expect(await h1(page)).toEqual(['Investeringsförfrågningar']);
      await page.getByRole('link', { name: 'Projekt Falk (demo)' }).waitFor();
      await expectNoAxeViolations(page, '/investeringar');
      await page.getByRole('link', { name: 'Projekt Falk (demo)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Projekt Falk (demo)' }).waitFor();
      await settle(page);
      // 20 ha, 30 MW and rail: the electrification park is the one suggestion.
      await page.getByRole('link', { name: 'Elektrifieringsparken (fiktivt demoområde)' }).waitFor();
      await expectNoAxeViolations(page, 'an inquiry');
      await page.getByLabel('Till steg').selectOption('site-visit');
      await page.getByRole('button', { name: 'Flytta' }).click();
      await page.getByText('Förfrågan är nu i steget Platsbesök.').waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('keeps the pipeline from staff outside the investment team', async () => {
      const { context, page } = await newPage(browser, server.url);
      await signInAsStaff(page, /Jonas Ek/, '/investeringar', server.url);
      await page.getByText('Du ser investeringsförfrågningar när du arbetar i ett investeringsteam').first().waitFor();
      expect(await page.getByRole('link', { name: /Projekt Falk/ }).count()).toBe(0);
      await context.close();
    });

    it('lets an organiser create and publish an event, and mark who came', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await signInAsStaff(page, /Anders Nyström/, '/evenemang/arrangera', server.url);
      expect(await h1(page)).toEqual(['Arrangera evenemang']);
      await page.getByLabel('Rubrik', { exact: true }).fill('Workshop: Elnät för nyetablering');
      await page.getByLabel('Beskrivning', { exact: true }).fill('Hur kapaciteten i elnätet bedöms.');
      await page.getByLabel('Börjar').fill('2030-05-14T08:30');
      await page.getByLabel('Slutar').fill('2030-05-14T11:00');
      await page.getByLabel('Plats', { exact: true }).fill('Tumba');
      await page.getByLabel('Antal platser (tomt: obegränsat)').fill('1');
      await page.getByRole('button', { name: 'Spara som utkast' }).click();
      await page.getByText('Utkastet är sparat.').waitFor();
      await expectNoAxeViolations(page, '/evenemang/arrangera');
      await page.getByRole('button', { name: 'Publicera Workshop: Elnät för nyetablering' }).click();
      await page.getByRole('link', { name: 'Workshop: Elnät för nyetablering' }).click();
      await page.getByRole('heading', { level: 1, name: 'Workshop: Elnät för nyetablering' }).waitFor();
      await page.getByLabel('Namn').fill('Lina Larsson');
      await page.getByLabel('E-postadress').fill('lina@example.se');
      await page.getByRole('button', { name: 'Anmäl mig' }).click();
      await page.getByText('Du är anmäld!').waitFor();

      await open(page, '/evenemang/arrangera');
      await page.getByRole('button', { name: 'Anmälda till Workshop: Elnät för nyetablering' }).click();
      await page.getByLabel('Lina Larsson deltog').check();
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLInputElement>('.registration-list input')].some((i) => i.checked),
      );
      await expectNoAxeViolations(page, 'registrations with attendance');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('fits a 320 px wide screen without sideways scrolling', async () => {
      const { context, page } = await newPage(browser, server.url, { width: 320 });
      for (const p of pages()) {
        await open(page, p.path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow on ${p.path}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    });
  });
}
