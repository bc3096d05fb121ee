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
      server = await startServer(engine);
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
