/**
 * Drives `<mitid-login>` in a relying party's page as a person would, by its visible Danish labels (Playwright's
 * locators pierce the shadow root). One element is on the page at a time in the demo pages.
 */
import type { Locator, Page } from 'playwright-core';

export function mitid(page: Page): Locator {
  return page.locator('mitid-login');
}

/** The element's current step (its public `step` property). */
export function currentStep(page: Page): Promise<string> {
  return mitid(page).evaluate((element) => (element as HTMLElement & { step: string }).step);
}

/** Waits until the element has left `step` (after a click that starts a network call). */
export async function leaveStep(page: Page, step: string): Promise<string> {
  const handle = await mitid(page).elementHandle();
  await page.waitForFunction(([element, from]) => (element as HTMLElement & { step: string }).step !== from, [
    handle,
    step,
  ] as const);
  return currentStep(page);
}

/** Types the user ID and continues; in approve mode also passes the "read the text" step. */
export async function enterUserId(page: Page, userId: string): Promise<void> {
  const element = mitid(page);
  await element.getByLabel('Bruger-ID').fill(userId);
  await element.getByRole('button', { name: 'Fortsæt', exact: true }).click();
  if ((await leaveStep(page, 'user-id')) === 'approve') {
    await element.getByRole('button', { name: 'Fortsæt til godkendelse' }).click();
    await leaveStep(page, 'approve');
  }
}

export type MethodName =
  | 'MitID app'
  | 'MitID kodeviser'
  | 'MitID kodeoplæser'
  | 'MitID chip'
  | 'MitID code display'
  | 'MitID audio code reader';

const STEP_OF: Record<MethodName, string> = {
  'MitID app': 'app',
  'MitID kodeviser': 'code',
  'MitID kodeoplæser': 'code',
  'MitID chip': 'password',
  'MitID code display': 'code',
  'MitID audio code reader': 'code',
};

/** Chooses a method: the element may open on the app (its default) with "another method" as the way out. */
export async function chooseMethod(page: Page, name: MethodName, other = 'Vælg en anden metode'): Promise<void> {
  const element = mitid(page);
  let step = await currentStep(page);
  if (step === 'user-id') step = await leaveStep(page, 'user-id');
  if (step === 'app' && name === 'MitID app') return;
  if (step !== 'method') {
    await element.getByRole('button', { name: other }).click();
    step = await leaveStep(page, step);
  }
  await element.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  const next = await leaveStep(page, 'method');
  if (next !== STEP_OF[name]) throw new Error(`chose ${name} but the element went to ${next}`);
}

/** The QR code the element shows (an SVG), as a PNG, for the app's "choose a screenshot" scan. */
export async function qrScreenshot(page: Page): Promise<Buffer> {
  const qr = mitid(page).locator('svg[role="img"]');
  await qr.waitFor();
  return qr.screenshot();
}

export async function enterCode(page: Page, code: string): Promise<void> {
  const element = mitid(page);
  await element.getByLabel('Engangskode (6 cifre)').fill(code);
  await element.getByRole('button', { name: 'Fortsæt', exact: true }).click();
}

export async function enterPassword(
  page: Page,
  password: string,
  submit: 'Log på' | 'Godkend' | 'Fortsæt',
): Promise<void> {
  const element = mitid(page);
  await element.getByLabel('Adgangskode', { exact: true }).fill(password);
  await element.getByRole('button', { name: submit, exact: true }).click();
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
