/**
 * Playwright's adapter of test/support/painted-contrast.js: every node axe reports for `color-contrast` (in
 * `context`, a selector, or the whole page), judged by the pixels of its box in one screenshot. Resolves the lines of the nodes
 * whose painted contrast is really too low; axe's report alone fails nothing. Both scripts are evaluated over the
 * DevTools protocol, which the page's CSP does not govern.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const paintedSource = readFileSync(new URL('../../support/painted-contrast.js', import.meta.url), 'utf8');

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function paintedContrastFailures(page: Page, context: string | null = null): Promise<string[]> {
  if (!(await page.evaluate('"axe" in window'))) await page.evaluate(axeSource);
  if (!(await page.evaluate('"paintedContrast" in window'))) await page.evaluate(paintedSource);
  const count = (await page.evaluate(`paintedContrast.find(${JSON.stringify(context)})`)) as number;
  if (count === 0) return [];
  const clip = (await page.evaluate('paintedContrast.region()')) as Clip;
  // fullPage: the clip is in document coordinates, as the region is.
  const png = await page.screenshot({ clip, fullPage: true, animations: 'disabled', caret: 'hide' });
  return (await page.evaluate(
    `paintedContrast.judgeAll(${JSON.stringify(png.toString('base64'))}, ${JSON.stringify(clip)})`,
  )) as string[];
}
