/**
 * `<mitid-login>` in a Playwright page, driven through the same in-page harness as the unit tests and stories
 * (test/support/login-harness.ts). Its page entry (test/support/harness/page-entry.ts) is bundled once with
 * esbuild and evaluated into the page on first use: evaluation is not subject to the page's CSP, a script tag
 * would be. In the page the harness finds fields and buttons by their accessible names in the element's language,
 * runs the task (user ID, approval text, method, code, password) and waits for the element. Each action it decides
 * on comes back here through a page binding and is done by Playwright on an element handle: real focus, typing
 * and pointer clicks, as a person's would be.
 *
 * Reading what has no name of its own (an attribute, the QR code for a screenshot, a part) stays a Playwright
 * locator: {@link mitid}.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Method } from '../../../protocol/page-api.js';
import type * as HarnessModule from '../../../testing/harness/page-entry.js';
import type { LoginHarness, Name, NameMatch } from '../../../testing/harness/login-harness.js';

const BINDING = 'mitidHarnessAct';
const SELECTOR = 'mitid-login';
/** Playwright's own default for an action's waiting. */
const TIMEOUT_MS = 30_000;

interface HarnessGlobal {
  mitidHarness?: typeof HarnessModule;
}

interface ActRequest {
  action: 'fill' | 'click' | 'enter';
  target: number;
  value?: string;
}

let source: Promise<string> | undefined;

/** The harness as one classic script that leaves `globalThis.mitidHarness` (its exports) behind. */
function harnessSource(): Promise<string> {
  source ??= build({
    entryPoints: [fileURLToPath(new URL('../../../testing/harness/page-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'mitidHarnessExports',
    target: 'es2022',
    write: false,
    footer: { js: 'globalThis.mitidHarness = mitidHarnessExports;' },
  }).then((result) => `${result.outputFiles[0]!.text}\nvoid 0;`);
  return source;
}

const bound = new WeakSet<Page>();

async function install(page: Page): Promise<void> {
  if (!bound.has(page)) {
    bound.add(page);
    await page.exposeBinding(BINDING, ({ frame }: { frame: Frame }, request: ActRequest) => act(frame, request));
  }
  if (await page.evaluate(() => Boolean((globalThis as HarnessGlobal).mitidHarness))) return;
  await page.evaluate(await harnessSource());
}

/** Does what the harness decided, with Playwright's trusted input, on the element it named. */
async function act(frame: Frame, { action, target, value }: ActRequest): Promise<void> {
  const handle = await frame.evaluateHandle(
    (key) => (globalThis as HarnessGlobal).mitidHarness!.actionTarget(key),
    target,
  );
  const element = handle.asElement();
  try {
    if (!element) throw new Error('the harness named no element');
    if (action === 'fill') await element.fill(value ?? '');
    else if (action === 'click') await element.click();
    else await element.press('Enter');
  } finally {
    await handle.dispose();
  }
}

type Member = keyof LoginHarness;
type Result<K extends Member> = LoginHarness[K] extends (...args: never[]) => infer R ? Awaited<R> : LoginHarness[K];
type Args<K extends Member> = LoginHarness[K] extends (...args: infer A) => unknown ? A : [];

/** Calls one member of the page's harness (a task, a read) and resolves with its plain result. */
async function harness<K extends Member>(page: Page, member: K, ...args: Args<K>): Promise<Result<K>> {
  await install(page);
  const result = await page.evaluate(
    ([binding, selector, name, values, timeoutMs]) =>
      (globalThis as HarnessGlobal).mitidHarness!.driverCall(binding, selector, name, values, timeoutMs),
    [BINDING, SELECTOR, member, args as unknown[], TIMEOUT_MS] as const,
  );
  return result as Result<K>;
}

export function mitid(page: Page): Locator {
  return page.locator(SELECTOR);
}

/** The element's current step (its public `step` property). */
export function currentStep(page: Page): Promise<string> {
  return harness(page, 'step');
}

/** Waits until the element has left `step` (after a click that starts a network call); resolves with the next. */
export function leaveStep(page: Page, step: string): Promise<string> {
  return harness(page, 'leaveStep', step as LoginHarness['step']);
}

/** Types the user ID and continues; in approve mode also passes the "read the text" step. */
export function enterUserId(page: Page, userId: string): Promise<void> {
  return harness(page, 'enterUserId', userId);
}

/** Chooses a method: the element may open on the app (its default) with "another method" as the way out. */
export function chooseMethod(page: Page, method: Method): Promise<void> {
  return harness(page, 'chooseMethod', method);
}

/** Types the one-time code and presses "Fortsæt" / "Continue". */
export function enterCode(page: Page, code: string): Promise<void> {
  return harness(page, 'enterCode', code);
}

/** Types the password and presses the step's button ("Log på", "Godkend", or "Fortsæt" before the chip). */
export function enterPassword(page: Page, password: string): Promise<void> {
  return harness(page, 'enterPassword', password);
}

/** Types into the field labelled `label` (Playwright's `getByLabel` rules). */
export function fill(page: Page, label: Name, value: string, match: NameMatch = {}): Promise<void> {
  return harness(page, 'fill', label, value, match);
}

/** Presses the button named `name` (Playwright's `getByRole('button', { name })` rules). */
export function press(page: Page, name: Name, match: NameMatch = {}): Promise<void> {
  return harness(page, 'press', name, match);
}

/** Waits for a button named `name` to show (without pressing it). */
export async function buttonShown(page: Page, name: Name, match: NameMatch = {}): Promise<void> {
  await harness(page, 'waitForButton', name, match);
}

/** Waits for a field labelled `label` to show. */
export async function fieldShown(page: Page, label: Name, match: NameMatch = {}): Promise<void> {
  await harness(page, 'waitForField', label, match);
}

/** What the element's live regions say now: `role="status"` (polite) and `role="alert"` (assertive). */
export async function announcements(page: Page): Promise<{ polite: string; assertive: string }> {
  return { polite: await harness(page, 'politeAnnouncement'), assertive: await harness(page, 'assertiveAnnouncement') };
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
