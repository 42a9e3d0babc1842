/**
 * Screenshots of finished steps for docs/screenshots/, taken only when the run asks for them
 * (`SCREENSHOTS=1 npm run test:e2e`), so an ordinary test run leaves the working tree alone.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

const folder = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
export const takingScreenshots = process.env.SCREENSHOTS === '1';

export async function snap(target: Page | Locator, name: string): Promise<void> {
  if (!takingScreenshots) return;
  mkdirSync(folder, { recursive: true });
  await target.screenshot({ path: `${folder}${name}.png`, animations: 'disabled', caret: 'hide' });
}
