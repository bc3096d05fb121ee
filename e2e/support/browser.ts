import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** The flags that proved reliable for headless Debian Chromium on this kind of machine. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a fresh profile (playwright's launch makes a temporary user-data dir).
 * A missing browser fails the run with the fix: browser tests are never skipped silently.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install it with "apt-get install -y chromium" ` +
        '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}

export type Language = 'sv' | 'en';

/**
 * A new context (fresh storage) in the given language, with page errors and CSP violations
 * collected: `problems` must stay empty.
 */
export async function newPage(
  browser: Browser,
  baseURL: string,
  options: { language?: Language; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  if (options.language) {
    await context.addInitScript((language) => {
      if (!window.localStorage.getItem('lotsen.language')) window.localStorage.setItem('lotsen.language', language);
    }, options.language);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return { context, page, problems };
}

/** Runs axe for WCAG 2.1 A and AA and fails with a readable list of the violations. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${v.nodes
        .slice(0, 5)
        .map((n) => `  - ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`)
        .join('\n')}`,
  );
  if (report.length > 0) console.error(`axe violations on ${label}:\n${report.join('\n')}`);
  expect(report, `axe violations on ${label}`).toEqual([]);
}
