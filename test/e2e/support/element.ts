/**
 * `<mitid-login>` in a Playwright page for the project's end-to-end tests: thin functions over the published
 * harness driver (`PageHarness` of mitid-login/testing/node, testing/node/playwright.ts), which evaluates the
 * in-page harness (testing/harness/login-harness.ts) into the page and acts with Playwright's trusted input.
 *
 * Reading what has no name of its own (an attribute, the QR code for a screenshot, a part) stays a Playwright
 * locator: {@link mitid}.
 */
import type { Locator, Page } from 'playwright-core';
import type { Method } from '../../../protocol/page-api.js';
import type { Step } from '../../../src/flow/machine.js';
import type { Name, NameMatch } from '../../../testing/index.js';
import { PageHarness } from '../../../testing/node/index.js';

const SELECTOR = 'mitid-login';

const harnesses = new WeakMap<Page, PageHarness>();

/** The page's harness (one per page: its binding is installed once). */
export function harnessOf(page: Page): PageHarness {
  let harness = harnesses.get(page);
  if (!harness) harnesses.set(page, (harness = new PageHarness(page, { selector: SELECTOR })));
  return harness;
}

export function mitid(page: Page): Locator {
  return page.locator(SELECTOR);
}

/** The element's current step (its public `step` property). */
export function currentStep(page: Page): Promise<string> {
  return harnessOf(page).step();
}

/** Waits until the element has left `step` (after a click that starts a network call); resolves with the next. */
export function leaveStep(page: Page, step: string): Promise<string> {
  return harnessOf(page).leaveStep(step as Step);
}

/** Types the user ID and continues; in approve mode also passes the "read the text" step. */
export function enterUserId(page: Page, userId: string): Promise<void> {
  return harnessOf(page).enterUserId(userId);
}

/** Chooses a method: the element may open on the app (its default) with "another method" as the way out. */
export function chooseMethod(page: Page, method: Method): Promise<void> {
  return harnessOf(page).chooseMethod(method);
}

/** Types the one-time code and presses "Fortsæt" / "Continue". */
export function enterCode(page: Page, code: string): Promise<void> {
  return harnessOf(page).enterCode(code);
}

/** Types the password and presses the step's button ("Log på", "Godkend", or "Fortsæt" before the chip). */
export function enterPassword(page: Page, password: string): Promise<void> {
  return harnessOf(page).enterPassword(password);
}

/** Types into the field labelled `label` (Playwright's `getByLabel` rules). */
export function fill(page: Page, label: Name, value: string, match: NameMatch = {}): Promise<void> {
  return harnessOf(page).fill(label, value, match);
}

/** Presses the button named `name` (Playwright's `getByRole('button', { name })` rules). */
export function press(page: Page, name: Name, match: NameMatch = {}): Promise<void> {
  return harnessOf(page).press(name, match);
}

/** Waits for a button named `name` to show (without pressing it). */
export async function buttonShown(page: Page, name: Name, match: NameMatch = {}): Promise<void> {
  await harnessOf(page).buttonShown(name, match);
}

/** Waits for a field labelled `label` to show. */
export async function fieldShown(page: Page, label: Name, match: NameMatch = {}): Promise<void> {
  await harnessOf(page).fieldShown(label, match);
}

/** What the element's live regions say now: `role="status"` (polite) and `role="alert"` (assertive). */
export async function announcements(page: Page): Promise<{ polite: string; assertive: string }> {
  return harnessOf(page).announcements();
}

/** The QR code the element shows (an SVG), as a PNG, for the app's "choose a screenshot" scan. */
export async function qrScreenshot(page: Page): Promise<Buffer> {
  const qr = mitid(page).locator('svg[role="img"]');
  await qr.waitFor();
  return qr.screenshot();
}

/** Resolves with the next `mitid-success` detail the page sees (set it up before the action that causes it). */
export function nextSuccess(page: Page): Promise<{ assertion: string; method: string; mode: string }> {
  return page.evaluate(
    () =>
      new Promise<{ assertion: string; method: string; mode: string }>((resolve) => {
        document.addEventListener(
          'mitid-success',
          (event) => resolve((event as CustomEvent<{ assertion: string; method: string; mode: string }>).detail),
          { once: true },
        );
      }),
  );
}
