import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { h1, open } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

for (const engine of engines()) {
  describe(`the strategy follow-up dashboard (${engine})`, () => {
    let server: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer(engine, { jobs: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows a strategy with charts that have a name and a table beside them, without axe violations', async () => {
      const { context, page, problems } = await newPage(browser, server.url, { language: 'sv' });
      await open(page, '/strategier/uppfoljning?strategi=orebro-2018-2022&period=2024');
      expect(await h1(page)).toEqual(['Uppföljning av strategier']);
      const chart = page.locator('svg.chart[role="img"]').first();
      expect(await chart.locator('title').textContent()).toMatch(/^Nådda företag per period/);
      expect(await page.locator('table.data-table').count()).toBeGreaterThan(1);
      expect(await page.getByRole('rowheader', { name: 'Vidareutveckla regional exportsamverkan' }).count()).toBe(1);
      await expectNoAxeViolations(page, 'follow-up dashboard (sv)');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('lets an analyst make a PDF report in the background and fetch it, without axe violations', async () => {
      const { context, page, problems } = await newPage(browser, server.url, { language: 'sv' });
      const returnTo = '/strategier/uppfoljning?strategi=vastmanland-2030&period=2024';
      await page.goto(`/auth/login?as=staff&returnTo=${encodeURIComponent(returnTo)}`);
      await page.getByRole('button', { name: /Maja Lund/ }).click();
      await page.waitForURL(`${server.url}${returnTo}`);
      await page.getByRole('heading', { level: 2, name: 'Rapporter' }).waitFor();
      expect(await page.getByText(/^Siffrorna beräknades/).count()).toBe(1);
      await page.getByRole('button', { name: 'Skapa rapport (PDF)' }).click();
      const link = page.getByRole('link', { name: 'Hämta uppfoljning-vastmanland-2030-2024.pdf' });
      await link.waitFor({ timeout: 30_000 }); // the server's job worker makes it
      const file = await page.request.get(`${server.url}${await link.getAttribute('href')}`);
      expect(file.headers()['content-type']).toBe('application/pdf');
      expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expectNoAxeViolations(page, 'follow-up dashboard with reports (sv)');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('changes strategy and period through the filters, and passes axe in English', async () => {
      const { context, page, problems } = await newPage(browser, server.url, { language: 'en' });
      await open(page, '/strategier/uppfoljning');
      await page.getByLabel('Strategy', { exact: true }).selectOption('botkyrka-naringspolitik');
      await page.getByLabel('Period', { exact: true }).selectOption(String(new Date().getFullYear() - 1));
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/strategi=botkyrka-naringspolitik/);
      await page.waitForSelector('#fu-tree');
      expect(await page.getByRole('rowheader', { name: /Södra Porten/ }).count()).toBe(1);
      await expectNoAxeViolations(page, 'follow-up dashboard (en)');
      expect(problems).toEqual([]);
      await context.close();
    });
  });
}
