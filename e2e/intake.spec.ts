import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeResponse } from '../src/contracts/intake.js';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { h1, open } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

const RESTAURANT =
  'Vi ska öppna en liten restaurang med uteservering i Tumba och vill kunna servera öl och vin till maten.';
const PARKING_FINE = 'Jag fick en parkeringsbot utanför mitt kontor i går och tycker att den är orimlig.';

async function submitAndWait(page: Page, button = 'Visa stöd som passar'): Promise<IntakeResponse> {
  const response = page.waitForResponse((r) => r.url().endsWith('/api/intake/route'));
  await page.getByRole('button', { name: button }).click();
  const answer = (await (await response).json()) as IntakeResponse;
  await page.locator('#results-heading').waitFor();
  return answer;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

for (const engine of engines()) {
  describe(`the front door (${engine})`, () => {
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

    it('asks for a description before sending, and links the message to the field', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await open(page, '/');
      await page.getByRole('button', { name: 'Visa stöd som passar' }).click();
      const error = page.locator('#need-error');
      await error.waitFor();
      expect(await error.textContent()).toBe('Skriv några ord om vad företaget behöver hjälp med.');
      expect(await page.getAttribute('#need', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#need', 'aria-describedby')).toContain('need-error');
      expect(await focusedId(page)).toBe('need');
      expect(await page.locator('#intake-form-error[role="alert"]').textContent()).toContain(
        'Rätta det som är markerat',
      );
      await expectNoAxeViolations(page, '/ (form errors)');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('refuses a municipality that does not exist, without calling the API', async () => {
      const { context, page } = await newPage(browser, server.url);
      let called = false;
      page.on('request', (r) => {
        if (r.url().includes('/api/intake/route')) called = true;
      });
      await open(page, '/');
      await page.fill('#need', RESTAURANT);
      await page.fill('#municipality', 'Atlantis');
      await page.getByRole('button', { name: 'Visa stöd som passar' }).click();
      await page.locator('#municipality-error').waitFor();
      expect(await page.getAttribute('#municipality', 'aria-describedby')).toContain('municipality-error');
      expect(await focusedId(page)).toBe('municipality');
      expect(called).toBe(false);
      await context.close();
    });

    it('routes a restaurant in Botkyrka to offerings with provider and reason, and records the choice', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await open(page, '/');
      await page.fill('#need', RESTAURANT);
      await page.fill('#municipality', 'botkyrka'); // any case, as people type
      await page.selectOption('#stage', 'start');
      await page.selectOption('#size', '0-9');
      const request = page.waitForRequest((r) => r.url().endsWith('/api/intake/route'));
      const answer = await submitAndWait(page);
      expect((await request).postDataJSON()).toEqual({
        text: RESTAURANT,
        municipality: '0127',
        stage: 'start',
        size: '0-9',
        language: 'sv',
      });
      expect(answer.result.kind).toBe('match');
      if (answer.result.kind !== 'match') return;

      expect(await page.locator('#results-heading').textContent()).toMatch(/förslag för ditt företag$/);
      expect(await focusedId(page)).toBe('results-heading');
      const cards = page.locator('.suggestion');
      expect(await cards.count()).toBe(answer.result.offerings.length);
      const providers = await page.locator('.suggestion .card__provider').allTextContents();
      expect(providers.some((p) => p.includes('Botkyrka kommun'))).toBe(true);
      for (const why of await page.locator('.suggestion__why').allTextContents())
        expect(why).toMatch(/^Därför: .{10,}/);
      await expectNoAxeViolations(page, '/ (suggestions)');

      const first = answer.result.offerings[0]?.offering;
      expect(first).toBeDefined();
      if (!first) return;
      await cards
        .first()
        .getByRole('button', { name: `Välj ${first.title.sv}` })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Skicka in ditt ärende' }).waitFor();
      expect(await h1(page)).toEqual(['Skicka in ditt ärende']);
      expect(await page.locator('main').textContent()).toContain(`Du har valt ${first.title.sv}`);
      expect(await page.getByRole('link', { name: 'Gå till erbjudandet' }).getAttribute('href')).toBe(
        `/erbjudanden/${first.id}`,
      );
      await expectNoAxeViolations(page, '/ (confirmation)');

      const stored = (await (await page.request.get(`/api/intake/${answer.intakeId}`)).json()) as IntakeResponse;
      expect(stored.chosenOfferingId).toBe(first.id);

      await page.getByRole('link', { name: 'Gå till erbjudandet' }).click();
      await page.waitForURL(`**/erbjudanden/${first.id}`);
      await page.getByRole('heading', { level: 1, name: first.title.sv }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('says honestly when nothing fits, with guidance', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await open(page, '/');
      await page.fill('#need', PARKING_FINE);
      await page.fill('#municipality', 'Västerås');
      const answer = await submitAndWait(page);
      expect(answer.result.kind).toBe('no-match');
      if (answer.result.kind !== 'no-match') return;
      expect(await page.locator('#results-heading').textContent()).toBe('Vi hittade inget erbjudande som passar');
      const firstLine = answer.result.guidance.sv.split('\n')[0] ?? '';
      expect(await page.locator('.results--none').textContent()).toContain(firstLine.slice(0, 40));
      expect(await page.locator('.suggestion').count()).toBe(0);
      await expectNoAxeViolations(page, '/ (no match)');

      await page.getByRole('button', { name: 'Ändra din beskrivning' }).click();
      expect(await focusedId(page)).toBe('need');
      expect(await page.inputValue('#need')).toBe(PARKING_FINE);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows the answer in English when the page is in English', async () => {
      const { context, page } = await newPage(browser, server.url, { language: 'en' });
      await open(page, '/');
      await page.fill('#need', 'We want to sell our robots in Germany and need help finding a distributor.');
      const request = page.waitForRequest((r) => r.url().endsWith('/api/intake/route'));
      const answer = await submitAndWait(page, 'Show matching support');
      expect((await request).postDataJSON().language).toBe('en');
      expect(answer.result.kind).toBe('match');
      expect(await page.locator('#results-heading').textContent()).toMatch(/suggestions? for your business$/);
      const why = await page.locator('.suggestion__why').first().textContent();
      expect(why).toMatch(/^Why: /);
      await expectNoAxeViolations(page, '/ (suggestions, en)');
      await context.close();
    });

    it('works with the keyboard alone: skip link, the form, Enter to send and to choose', async () => {
      const { context, page } = await newPage(browser, server.url);
      await open(page, '/');
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement | null;
        return {
          text: el?.textContent,
          href: el?.getAttribute('href'),
          visible: (el?.getBoundingClientRect().top ?? -1) >= 0,
        };
      });
      expect(skip).toEqual({ text: 'Hoppa till huvudinnehållet', href: '#main', visible: true });
      await page.keyboard.press('Enter');
      expect(await focusedId(page)).toBe('main');

      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('need');
      await page.keyboard.type(RESTAURANT);
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('municipality');
      await page.keyboard.type('Botkyrka');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('stage');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('size');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Visa stöd som passar');
      await page.keyboard.press('Enter');
      await page.locator('#results-heading').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'results-heading');

      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Välj /);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Skicka in ditt ärende' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      await context.close();
    });

    it('explains a refusal from the server in Swedish, next to the form', async () => {
      const { context, page } = await newPage(browser, server.url);
      await page.route('**/api/intake/route', (route) =>
        route.fulfill({
          status: 429,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'https://lotsen.se/problem/rate_limited',
            title: 'För många förfrågningar',
            status: 429,
            detail: 'För många förfrågningar; försök igen om en stund',
            code: 'rate_limited',
          }),
        }),
      );
      await open(page, '/');
      await page.fill('#need', RESTAURANT);
      await page.getByRole('button', { name: 'Visa stöd som passar' }).click();
      await page.locator('#intake-form-error .notice').waitFor();
      expect(await page.locator('#intake-form-error').textContent()).toBe(
        'Du har skickat många förfrågningar på kort tid. Vänta en minut och försök igen.',
      );
      expect(await page.inputValue('#need')).toBe(RESTAURANT);
      await expectNoAxeViolations(page, '/ (server error)');
      await context.close();
    });
  });
}
