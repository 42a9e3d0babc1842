/**
 * Every demo page: served with the strict CSP, loads with no script error, console error or CSP violation,
 * reflows to 320 CSS pixels without sideways scrolling, has one h1 and no axe violations (WCAG 2.2 A/AA and best
 * practice; in a dark colour scheme too; in forced colours, dark and light, each node axe reports for contrast is
 * judged by its painted pixels),
 * and cannot be framed (the app above all).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY } from '../../demo/mount.js';
import { axeViolations } from './support/axe.js';
import { paintedContrast } from './support/painted-contrast.js';
import { newContext, watch } from './support/browser.js';
import { snap } from './support/screenshots.js';
import { useDemo } from './support/demo.js';

const PAGES: { path: string; ready: string; shot?: string; part?: string }[] = [
  { path: '/', ready: 'anna.app', shot: 'index', part: '#identities' },
  { path: '/netbank/', ready: 'Bruger-ID' },
  { path: '/netbank/mitid/', ready: 'Start tilmeldingen' },
  { path: '/borger/', ready: 'Bruger-ID', shot: 'borger-login' },
  { path: '/app/', ready: 'Testbruger' },
  { path: '/kodeviser/', ready: 'Kodeviser tilhører' },
  { path: '/kodeoplaeser/', ready: 'Kodeoplæser tilhører' },
  { path: '/chip/', ready: 'Testbruger' },
  { path: '/beskeder/', ready: 'Hent nye beskeder' },
  { path: '/examples/html/', ready: 'Bruger-ID' },
];

describe('the demo pages', () => {
  const demo = useDemo();

  for (const { path, ready, shot, part } of PAGES) {
    it(`${path} loads cleanly under the strict CSP, passes axe and reflows to 320 px`, async () => {
      const context = await newContext(demo.browser, { width: 320, height: 700 });
      const page = await context.newPage();
      const problems = await watch(page);
      const response = await page.goto(`${demo.server.origin}${path}`);
      const headers = response?.headers() ?? {};
      assert.equal(headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      assert.equal(headers['x-frame-options'], 'DENY');
      await page.getByText(ready).or(page.getByLabel(ready)).first().waitFor();
      assert.equal(await page.locator('h1:visible').count(), 1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px at 320 px`);
      assert.deepEqual(await axeViolations(page), []);
      // Forced colours, dark and light system theme: axe's contrast rule mixes authored text colours with forced
      // backgrounds there, so every text node it looks at (reported or not) is judged by the colours painted (a
      // screenshot of its box), and a page with no text judged would fail rather than pass unjudged.
      for (const colorScheme of ['dark', 'light'] as const) {
        await page.emulateMedia({ forcedColors: 'active', colorScheme });
        const others = (await axeViolations(page)).filter((line) => !line.startsWith('color-contrast:'));
        assert.deepEqual(others, [], `forced colours, ${colorScheme} system theme`);
        const painted = await paintedContrast(page, { every: true });
        assert.ok(painted.judged > 0, `${path}: no text judged by its pixels (${colorScheme})`);
        assert.deepEqual(painted.failures, [], `painted contrast, forced colours, ${colorScheme}`);
      }
      // The demo pages follow a dark colour scheme: axe there too, contrast included (authored colours, no forcing).
      await page.emulateMedia({ forcedColors: 'none', colorScheme: 'dark' });
      assert.ok(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches));
      assert.deepEqual(await axeViolations(page), [], 'dark colour scheme');
      assert.deepEqual(await problems.list(), []);
      await context.close();
      if (shot) {
        const wide = await (await newContext(demo.browser)).newPage();
        await wide.goto(`${demo.server.origin}${path}`);
        await wide.getByText(ready).or(wide.getByLabel(ready)).first().waitFor();
        // For the index, the identity table (the part a tester needs) rather than the top of the page.
        await snap(part ? wide.locator('section').filter({ has: wide.locator(part) }) : wide, shot);
        await wide.context().close();
      }
    });
  }

  it('the app cannot be framed by another origin', async () => {
    const page = await (await newContext(demo.browser)).newPage();
    // 127.0.0.1 is another origin than localhost: a would-be framer without any CSP of its own.
    const framer = demo.server.origin.replace('localhost', '127.0.0.1');
    await page.goto(`${framer}/healthz`);
    const blocked = page.waitForEvent('console', (message) =>
      /frame-ancestors|X-Frame-Options|refused/i.test(message.text()),
    );
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${demo.server.origin}/app/`);
    await blocked;
    const inner = page.frames().find((frame) => frame !== page.mainFrame());
    assert.equal(await inner?.locator('#view-activate').count(), 0);
    await page.context().close();
  });
});
