import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { h1, open, settle } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

const count = async (page: Page) => Number((await page.locator('#results-heading').textContent())?.match(/^\d+/)?.[0]);

async function applyFilters(page: Page) {
  await page.getByRole('button', { name: 'Visa erbjudanden' }).click();
  await page.waitForFunction(() =>
    /^\d+ erbjudanden?$/.test(document.getElementById('results-heading')?.textContent ?? ''),
  );
}

for (const engine of engines()) {
  describe(`the catalogue (${engine})`, () => {
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

    it('filters by topic, shows the provider on every card, and keeps the filter in the address', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.locator('.card').first().waitFor();
      const all = await count(page);
      expect(all).toBeGreaterThan(20);

      await page.selectOption('#filter-topic', 'export');
      await applyFilters(page);
      expect(new URL(page.url()).search).toBe('?amne=export');
      const some = await count(page);
      expect(some).toBeGreaterThan(0);
      expect(some).toBeLessThan(all);
      const cards = page.locator('.card');
      for (let i = 0; i < (await cards.count()); i++) {
        const card = cards.nth(i);
        expect(await card.locator('.tag').allTextContents()).toContain('Export');
        expect(await card.locator('.card__provider').textContent()).toMatch(/^Erbjuds av \S/);
      }
      await expectNoAxeViolations(page, '/erbjudanden?amne=export');

      await page.reload();
      await settle(page);
      expect(await page.inputValue('#filter-topic')).toBe('export');
      expect(await count(page)).toBe(some);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('filters by municipality: only offerings that serve it, by name or without å/ä/ö', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.fill('#filter-municipality', 'Vasteras');
      await page.selectOption('#filter-topic', 'tillstand');
      await applyFilters(page);
      expect(new URL(page.url()).searchParams.get('kommun')).toBe('1980');
      const providers = await page.locator('.card__provider').allTextContents();
      expect(providers.length).toBeGreaterThan(0);
      expect(providers.some((p) => p.includes('Västerås stad'))).toBe(true);
      expect(providers.some((p) => /Botkyrka kommun|Örebro kommun/.test(p))).toBe(false);
      // After a reload the field shows the name again, not the code.
      await page.reload();
      await settle(page);
      await page.waitForFunction(
        () => (document.getElementById('filter-municipality') as HTMLInputElement).value === 'Västerås',
      );
      await context.close();
    });

    it('searches for words and tells when nothing matches', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.fill('#filter-q', 'bygglov');
      await page.fill('#filter-municipality', 'Botkyrka');
      await applyFilters(page);
      const titles = await page.locator('.card__title').allTextContents();
      expect(titles.some((t) => /bygglov/i.test(t))).toBe(true);

      await page.fill('#filter-q', 'zzzxxqqq');
      await applyFilters(page);
      expect(await count(page)).toBe(0);
      expect(await page.locator('main').textContent()).toContain('Inga erbjudanden matchar filtren');
      await page.getByRole('link', { name: 'Rensa filter' }).click();
      await page.waitForURL((url) => url.search === '');
      await context.close();
    });

    it('explains an unknown municipality at the field', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.fill('#filter-municipality', 'Gotham');
      await page.getByRole('button', { name: 'Visa erbjudanden' }).click();
      await page.locator('#filter-municipality-error').waitFor();
      expect(await page.getAttribute('#filter-municipality', 'aria-invalid')).toBe('true');
      expect(new URL(page.url()).search).toBe('');
      await expectNoAxeViolations(page, '/erbjudanden (field error)');
      await context.close();
    });

    it('pages through the list', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden');
      await page.locator('.card').first().waitFor();
      const firstOnPage1 = await page.locator('.card__title').first().textContent();
      expect(await page.locator('.pagination__status').textContent()).toMatch(/^Sida 1 av \d+$/);
      await page.getByRole('link', { name: 'Nästa sida' }).click();
      await page.waitForURL('**/erbjudanden?sida=2');
      await page.waitForFunction(() =>
        document.querySelector('.pagination__status')?.textContent?.startsWith('Sida 2'),
      );
      expect(await page.locator('.card__title').first().textContent()).not.toBe(firstOnPage1);
      await page.getByRole('link', { name: 'Föregående sida' }).click();
      await page.waitForURL((url) => url.pathname === '/erbjudanden' && url.search === '');
      await context.close();
    });

    it('leads from a card to the offering and on to its provider', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await open(page, '/erbjudanden?amne=export');
      const card = page.locator('.card').first();
      await card.waitFor();
      const title = ((await card.locator('.card__title').textContent()) ?? '').trim();
      const provider = ((await card.locator('.card__provider a').textContent()) ?? '').trim();
      await card.locator('.card__title a').click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await h1(page)).toEqual([title]);
      expect(await page.locator('.facts').textContent()).toContain('Export');
      await page.locator('.lead').getByRole('link', { name: provider }).click();
      await page.getByRole('heading', { level: 1, name: provider }).waitFor();
      await page.getByRole('heading', { name: /Erbjudanden \(\d+\)/ }).waitFor();
      expect(await page.getByRole('link', { name: title }).count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('opens the strategy an offering contributes to', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/erbjudanden/business-sweden-exportradgivning');
      const link = page.locator('main a[href^="/strategier?nod="]').first();
      await link.waitFor();
      const name = ((await link.textContent()) ?? '').trim();
      await link.click();
      await page.waitForURL('**/strategier?nod=*');
      await page.waitForFunction((text) => document.activeElement?.textContent?.includes(text), name);
      expect(await page.evaluate(() => document.activeElement?.getBoundingClientRect().height ?? 0)).toBeGreaterThan(0);
      await context.close();
    });
  });
}
