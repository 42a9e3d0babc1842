/**
 * Playwright's adapter of test/support/painted-contrast.js: every node axe reports for `color-contrast` (in
 * `context`, a selector, or the whole page), judged by a screenshot of its box. Resolves the lines of the nodes
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
  const failures: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { viewport } = (await page.evaluate(`paintedContrast.box(${index})`)) as { viewport: Clip };
    const png = await page.screenshot({ clip: viewport, animations: 'disabled', caret: 'hide' });
    const failure = (await page.evaluate(
      `paintedContrast.judge(${index}, ${JSON.stringify(png.toString('base64'))})`,
    )) as string | null;
    if (failure) failures.push(failure);
  }
  return failures;
}
