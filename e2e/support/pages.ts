import type { Page } from 'playwright-core';

/** Every page of the web app, with the h1 it should show in each language. */
export const PAGES = [
  {
    name: 'start',
    path: '/',
    sv: 'Vad behöver ditt företag hjälp med?',
    en: 'What does your business need help with?',
  },
  { name: 'catalogue', path: '/erbjudanden', sv: 'Erbjudanden', en: 'Offerings' },
  {
    name: 'offering',
    path: '/erbjudanden/business-sweden-exportradgivning',
    sv: 'Exportrådgivning för små och medelstora företag',
    en: 'Export advice for small and medium-sized companies',
  },
  { name: 'organisations', path: '/organisationer', sv: 'Organisationer', en: 'Organisations' },
  { name: 'organisation', path: '/organisationer/botkyrka-kommun', sv: 'Botkyrka kommun', en: 'Botkyrka kommun' },
  { name: 'strategies', path: '/strategier', sv: 'Strategier och handlingsplaner', en: 'Strategies and action plans' },
  {
    name: 'accessibility statement',
    path: '/tillganglighet',
    sv: 'Tillgänglighetsredogörelse',
    en: 'Accessibility statement',
  },
  { name: 'not found', path: '/finns-inte', sv: 'Sidan finns inte', en: 'Page not found' },
] as const;

/** Opens a path and waits until its h1 is there and nothing is loading any more. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await settle(page);
}

export async function settle(page: Page) {
  await page.waitForSelector('h1');
  await page.waitForFunction(() => document.querySelectorAll('.status[role="status"]').length === 0);
}

export async function h1(page: Page): Promise<string[]> {
  return page.locator('h1').allTextContents();
}
