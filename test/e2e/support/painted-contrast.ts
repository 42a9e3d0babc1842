/**
 * Playwright's adapter of test/support/painted-contrast.js: nodes axe's `color-contrast` rule looked at (in
 * `context`, a selector, or the whole page), judged by the pixels of their boxes in one screenshot. By default only
 * the nodes axe reports (axe's report alone fails nothing); with `every`, every text node the rule looked at, so a
 * page where axe reports nothing is judged too, and `judged` says how many were. Both scripts are evaluated over the
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

export interface PaintedContrastResult {
  /** How many text nodes were judged by their pixels. */
  judged: number;
  /** One line per node whose painted contrast is too low. */
  failures: string[];
}

export async function paintedContrast(
  page: Page,
  { context = null, every = false }: { context?: string | null; every?: boolean } = {},
): Promise<PaintedContrastResult> {
  if (!(await page.evaluate('"axe" in window'))) await page.evaluate(axeSource);
  if (!(await page.evaluate('"paintedContrast" in window'))) await page.evaluate(paintedSource);
  const judged = (await page.evaluate(`paintedContrast.find(${JSON.stringify(context)}, ${every})`)) as number;
  if (judged === 0) return { judged, failures: [] };
  const clip = (await page.evaluate('paintedContrast.region()')) as Clip;
  // fullPage: the clip is in document coordinates, as the region is.
  const png = await page.screenshot({ clip, fullPage: true, animations: 'disabled', caret: 'hide' });
  const failures = (await page.evaluate(
    `paintedContrast.judgeAll(${JSON.stringify(png.toString('base64'))}, ${JSON.stringify(clip)})`,
  )) as string[];
  return { judged, failures };
}

/** The nodes axe reports for contrast in `context`, judged by their pixels: the lines of those really too low. */
export async function paintedContrastFailures(page: Page, context: string | null = null): Promise<string[]> {
  return (await paintedContrast(page, { context })).failures;
}
