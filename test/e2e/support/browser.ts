/** Launches Debian's headless Chromium for end-to-end tests (see scripts/chromium.mjs), and watches pages. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
}

/** A desktop-ish window (800 px wide keeps screenshots small) and a phone for the app. */
export const DESKTOP = { width: 800, height: 900 };
export const PHONE = { width: 400, height: 820 };

export function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
}

/**
 * Collects what must never happen on a demo page: script errors, console errors, and Content Security Policy
 * violations (reported both as console errors and as `securitypolicyviolation` events).
 */
export interface PageProblems {
  /** Everything seen so far, except console lines that match `expected` (e.g. a refusal the test provokes). */
  list(expected?: RegExp): Promise<string[]>;
}

export async function watch(page: Page): Promise<PageProblems> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  return {
    async list(expected?: RegExp) {
      const violations = await page
        .evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])
        .catch(() => []);
      const seen = expected ? problems.filter((problem) => !expected.test(problem)) : problems;
      return [...seen, ...violations.map((violation) => `csp: ${violation}`)];
    },
  };
}
