/** Drives the simulated MitID app page (/app/) as a person would. */
import type { Page } from 'playwright-core';
import type { AppRequest, AppRequestsResponse } from '../../../protocol/app-api.js';
import { PageSession } from './broker-api.js';
import { chooseMethod, enterUserId, qrScreenshot } from './element.js';

export const APP_PIN = '2580';

/**
 * Opens /app/ and activates it for `userId` with the letter: the picker fills in the user ID and the letter's
 * activation code, and orders a new letter first when the code is used (so a test may activate several apps).
 */
export async function activateApp(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/app/`);
  await page.getByLabel('Testbruger').selectOption(userId);
  const order = page.getByRole('button', { name: 'Bestil nyt brev' });
  const filled = page.getByText('Brevets aktiveringskode er udfyldt.');
  await order.or(filled).first().waitFor();
  if (await order.isVisible()) {
    await order.click();
    await page.getByText('Nyt brev bestilt: brevets aktiveringskode er udfyldt.').waitFor();
  }
  await page.getByLabel('Vælg en PIN-kode til appen').fill(APP_PIN);
  await page.getByRole('button', { name: 'Aktivér', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
}

/**
 * Opens /app/ and activates it with a ticket from the net bank (`Aktivér med kode fra netbank`): the app is pending
 * until the broker's waiting period ends.
 */
export function activateAppWithTicket(page: Page, origin: string, userId: string, ticket: string): Promise<void> {
  return activateByHand(page, origin, userId, 'Aktivér med kode fra netbank', 'Kode fra netbanken', ticket);
}

/**
 * Opens /app/ and activates it with an activation code typed by hand: the one `<mitid-enrol>` shows beside its QR
 * code for a new customer (used like a letter's code).
 */
export function activateAppWithCode(page: Page, origin: string, userId: string, code: string): Promise<void> {
  return activateByHand(
    page,
    origin,
    userId,
    'Aktivér med aktiveringskode fra brev',
    'Aktiveringskode fra brevet',
    code,
  );
}

async function activateByHand(
  page: Page,
  origin: string,
  userId: string,
  proof: string,
  field: string,
  value: string,
): Promise<void> {
  await page.goto(`${origin}/app/`);
  await page.getByLabel(proof).check();
  await page.getByLabel('Bruger-ID').fill(userId);
  await page.getByLabel(field).fill(value);
  await page.getByLabel('Vælg en PIN-kode til appen').fill(APP_PIN);
  await page.getByRole('button', { name: 'Aktivér', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
}

/** Scans the QR code `page` shows: a screenshot of it chosen in the app (which decodes it with jsQR). */
export async function scanQrFrom(page: Page, app: Page): Promise<void> {
  const png = await qrScreenshot(page);
  await app.locator('#scan-image').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
}

/** Pastes a QR frame's text into the app; the app scans it and opens the request. */
export async function scanFrame(page: Page, frame: string): Promise<void> {
  await page.getByLabel('QR-kodens tekst').fill(frame);
  await page.getByRole('button', { name: 'Brug koden' }).click();
}

/** In an open request: the app PIN, then the approve button (the press alternative to the swipe). */
export async function approveOpenRequest(page: Page, pin = APP_PIN): Promise<void> {
  await page.getByLabel('PIN-kode', { exact: true }).fill(pin);
  await page.locator('#approve').click();
  await page.getByRole('heading', { level: 1, name: 'Godkendt' }).waitFor();
}

/** In an open request: swipe all the way (keyboard End on the swipe's slider), after the PIN. */
export async function swipeOpenRequest(page: Page, pin = APP_PIN): Promise<void> {
  await page.getByLabel('PIN-kode', { exact: true }).fill(pin);
  await page.getByRole('slider', { name: 'Swipe for at godkende' }).focus();
  await page.keyboard.press('End');
  await page.getByRole('heading', { level: 1, name: 'Godkendt' }).waitFor();
}

export async function rejectOpenRequest(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afvis' }).click();
  await page.getByRole('heading', { level: 1, name: 'Afvist' }).waitFor();
}

/**
 * The requests the app's next poll gets from the broker: the first `GET /v1/app/requests` sent from now on (so an
 * answer to a poll sent before the caller's last action cannot pass for it).
 */
export async function nextPolledRequests(page: Page): Promise<AppRequest[]> {
  const request = await page.waitForRequest(
    (candidate) => candidate.url().endsWith('/v1/app/requests') && candidate.method() === 'GET',
  );
  const response = await request.response();
  if (!response?.ok()) throw new Error(`the app's poll failed: ${response?.status()}`);
  return ((await response.json()) as AppRequestsResponse).requests;
}

/**
 * A cross-device app login started through the page API (as `client_id`, for `userId`) and scanned by `app`: the
 * request is open in the app when this returns.
 */
export async function startScannedLogin(
  app: Page,
  origin: string,
  { clientId = 'netbank', userId = 'anna.app', nonce }: { clientId?: string; userId?: string; nonce: string },
): Promise<PageSession> {
  const session = await PageSession.start(origin, { client_id: clientId, mode: 'login', user_id: userId, nonce });
  await session.chooseMethod('app', 'cross');
  await scanFrame(app, (await session.qrFrame()).frame);
  return session;
}

/**
 * Logs `userId` in at /netbank/ on `bank` by the app on `app` (scan, swipe) and waits for the welcome to `name`.
 */
export async function loginToNetbankWithApp(
  bank: Page,
  app: Page,
  origin: string,
  userId: string,
  name: string,
): Promise<void> {
  await bank.goto(`${origin}/netbank/`);
  await enterUserId(bank, userId);
  await chooseMethod(bank, 'app');
  await scanQrFrom(bank, app);
  await app.getByRole('heading', { level: 1, name: 'Log på hos Demo Netbank?' }).waitFor();
  await swipeOpenRequest(app);
  await bank.getByRole('heading', { level: 1, name: `Velkommen, ${name}` }).waitFor();
}
