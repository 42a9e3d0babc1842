/**
 * The Playwright adapter of the painted-contrast check (test/e2e/support/painted-contrast.ts) on a page of known
 * texts, in forced colours with a dark system theme: grey on grey fails, black on white passes, both below the
 * fold. Axe reads styles, not pixels: a text it passes that a CSS filter paints grey is found only when every node
 * is judged (`every`), which is how the demo pages are judged (pages.test.ts, a11y-keyboard.test.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.js';
import { paintedContrast, paintedContrastFailures } from './support/painted-contrast.js';

const KNOWN = `<!doctype html>
<html lang="en">
  <head><title>Known contrasts</title></head>
  <body>
    <main>
      <h1 style="forced-color-adjust: none; color: #000000; background: #ffffff">Known contrasts</h1>
      <div style="height: 1400px"></div>
      <p id="grey" style="forced-color-adjust: none; color: #777777; background: #888888; font-size: 16px">Grey on grey</p>
      <p id="fine" style="forced-color-adjust: none; color: #000000; background: #ffffff; font-size: 16px">Black on white</p>
      <p id="filtered" style="forced-color-adjust: none; color: #000000; background: #ffffff; font-size: 16px;
        filter: contrast(0.25)">Black on white, painted grey by a filter</p>
    </main>
  </body>
</html>`;

describe('painted contrast through Playwright (forced colours, dark system theme)', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await page.setContent(KNOWN);
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  });
  after(() => browser.close());

  const targets = (failures: string[]) => failures.map((line) => line.split(':')[0]);

  it("axe's reports only: grey on grey fails by its pixels, below the fold; black on white is not reported", async () => {
    const { judged, failures } = await paintedContrast(page);
    assert.equal(judged, 1, 'axe reports the grey on grey alone');
    assert.deepEqual(targets(failures), ['#grey']);
    assert.match(failures[0] ?? '', /painted #7\w+ on #888888 = 1\.\d\d, under 4\.5:1/);
    assert.deepEqual(await paintedContrastFailures(page), failures, 'the older entry gives the same lines');
  });

  it('every text node: the filtered text axe passes fails by its pixels, black on white passes', async () => {
    const { judged, failures } = await paintedContrast(page, { every: true });
    assert.equal(judged, 4, 'the heading and the three paragraphs');
    assert.deepEqual(targets(failures), ['#grey', '#filtered']);
    assert.match(failures[1] ?? '', /painted #\w+ on #\w+ = 2\.\d\d, under 4\.5:1/);
  });

  it('within a context: only the nodes in it are judged', async () => {
    const { judged, failures } = await paintedContrast(page, { context: '#fine', every: true });
    assert.equal(judged, 1);
    assert.deepEqual(failures, []);
  });
});
