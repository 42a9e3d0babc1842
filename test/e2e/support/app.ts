/** Drives the simulated MitID app page (/app/) as a person would. */
import type { Page } from 'playwright-core';
import { qrScreenshot } from './element.js';

export const APP_PIN = '2580';

/** Opens /app/ and activates it for `userId` (picked from the list, which fills in the demo password). */
export async function activateApp(page: Page, origin: string, userId: string): Promise<void> {
  await page.goto(`${origin}/app/`);
  await page.getByLabel('Testbruger').selectOption(userId);
  await page.getByLabel('Vælg en PIN-kode til appen').fill(APP_PIN);
  await page.getByRole('button', { name: 'Aktivér' }).click();
  await page.getByRole('heading', { level: 1, name: /^Hej, / }).waitFor();
}

/** Scans the QR code `page` shows: a screenshot of it chosen in the app (which decodes it with jsQR). */
export async function scanQrFrom(page: Page, app: Page): Promise<void> {
  const png = await qrScreenshot(page);
  await app
    .getByLabel('Skærmbillede af QR-koden')
    .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
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

/** In an open request: swipe the slider all the way (keyboard End on the range), after the PIN. */
export async function swipeOpenRequest(page: Page, pin = APP_PIN): Promise<void> {
  await page.getByLabel('PIN-kode', { exact: true }).fill(pin);
  const slider = page.getByLabel('Swipe for at godkende');
  await slider.focus();
  await page.keyboard.press('End');
  await slider.blur();
  await page.getByRole('heading', { level: 1, name: 'Godkendt' }).waitFor();
}

export async function rejectOpenRequest(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afvis' }).click();
  await page.getByRole('heading', { level: 1, name: 'Afvist' }).waitFor();
}
