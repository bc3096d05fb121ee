import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { h1, open, PAGES } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

for (const engine of engines()) {
  describe(`every page (${engine})`, () => {
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

    for (const { name, path, sv } of PAGES) {
      it(`shows the ${name} page in Swedish, with one h1 and no axe violations`, async () => {
        const { context, page, problems } = await newPage(browser, server.url);
        await open(page, path);
        expect(await h1(page)).toEqual([sv]);
        expect(await page.getAttribute('html', 'lang')).toBe('sv');
        expect(await page.title()).toMatch(/– Lotsen$/);
        for (const landmark of ['header', 'nav', 'main', 'footer'])
          expect(await page.locator(landmark).count()).toBeGreaterThan(0);
        await expectNoAxeViolations(page, `${path} (sv)`);
        expect(problems).toEqual([]);
        await context.close();
      });
    }

    for (const { name, path, en } of PAGES) {
      it(`shows the ${name} page in English, with no axe violations`, async () => {
        const { context, page, problems } = await newPage(browser, server.url, { language: 'en' });
        await open(page, path);
        expect(await h1(page)).toEqual([en]);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        await expectNoAxeViolations(page, `${path} (en)`);
        expect(problems).toEqual([]);
        await context.close();
      });
    }

    it('switches language from the header and remembers it after a reload', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.getByRole('button', { name: 'Change language to English' }).click();
      expect(await h1(page)).toEqual(['Offerings']);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.reload();
      await page.waitForSelector('h1');
      expect(await h1(page)).toEqual(['Offerings']);
      await page.getByRole('button', { name: 'Byt språk till svenska' }).click();
      expect(await h1(page)).toEqual(['Erbjudanden']);
      expect(await page.getAttribute('html', 'lang')).toBe('sv');
      await context.close();
    });

    it('fits a 320 px wide screen without sideways scrolling on every page', async () => {
      const { context, page } = await newPage(browser, server.url, { width: 320 });
      for (const { path } of PAGES) {
        await open(page, path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      }
      await context.close();
    });

    it('moves between pages through the main menu without reloading', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/');
      await page.evaluate(() => {
        (window as unknown as { marker: number }).marker = 1;
      });
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organisationer' }).click();
      await page.waitForURL('**/organisationer');
      expect(await h1(page)).toEqual(['Organisationer']);
      await page.getByRole('link', { name: 'Botkyrka kommun' }).click();
      await page.waitForURL('**/organisationer/botkyrka-kommun');
      await page.getByRole('heading', { name: /Erbjudanden \(\d+\)/ }).waitFor();
      expect(await page.getByRole('link', { name: /Bygglov/ }).count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      await page.goBack();
      await page.waitForURL('**/organisationer');
      expect(await h1(page)).toEqual(['Organisationer']);
      await context.close();
    });

    it('opens and closes strategy levels with the keyboard, and has no axe violations when all are open', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/strategier');
      const first = page.locator('.tree--root > li > h2 > button').first();
      expect(await first.getAttribute('aria-expanded')).toBe('false');
      await first.focus();
      await page.keyboard.press('Enter');
      expect(await first.getAttribute('aria-expanded')).toBe('true');
      const contentId = (await first.getAttribute('aria-controls')) as string;
      expect(await page.locator(`[id="${contentId}"]`).isVisible()).toBe(true);
      await page.keyboard.press('Space');
      expect(await first.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator(`[id="${contentId}"]`).isVisible()).toBe(false);

      await page.getByRole('button', { name: 'Öppna alla' }).click();
      expect(await page.locator('.disclosure[aria-expanded="false"]').count()).toBe(0);
      await expectNoAxeViolations(page, '/strategier (all open)');
      await context.close();
    });

    it('tells how to report an accessibility problem, by e-mail or through the form, and links to DIGG', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/tillganglighet');
      expect(await page.locator('a[href="mailto:tillganglighet@lotsen.example"]').count()).toBe(1);
      expect(await page.locator('a[href="https://www.digg.se/tdosanmalan"]').count()).toBe(1);
      await page.getByRole('button', { name: 'Öppna e-postprogrammet' }).click();
      await page.locator('#report-problem-error').waitFor();
      expect(await page.getAttribute('#report-problem', 'aria-describedby')).toBe('report-problem-error');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-problem');
      await expectNoAxeViolations(page, '/tillganglighet (form error)');
      await context.close();
    });

    it('links the accessibility statement from the footer of every page', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.locator('footer').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
      await page.waitForURL('**/tillganglighet');
      expect(await h1(page)).toEqual(['Tillgänglighetsredogörelse']);
      await context.close();
    });
  });
}
