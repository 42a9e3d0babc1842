/**
 * Accessibility end to end (issue 8): a whole login in the net bank and a whole approval in the simulated app by
 * the keyboard alone, with a visible, unobscured focus indicator at every stop; and the app page and the audio
 * code reader page held to the element's bar: axe in dark and forced colours, 24 px targets, focus visible and
 * never trapped, text spacing (1.4.12) at 320 px.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { paintedContrast } from './support/painted-contrast.js';
import { axeViolations } from './support/axe.js';
import { activateApp, APP_PIN } from './support/app.js';
import { PageSession } from './support/broker-api.js';
import { DESKTOP, PHONE, newContext, watch } from './support/browser.js';
import { currentStep, leaveStep } from './support/element.js';
import { useDemo } from './support/demo.js';

interface Stop {
  tag: string;
  id: string;
  name: string;
  text: string;
  outline: string;
  outlineWidth: number;
  covered: boolean;
  onScreen: boolean;
}

/** What has focus, looking into shadow roots, with what a sighted keyboard user would see of it. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return null;
    const style = getComputedStyle(active);
    const box = active.getBoundingClientRect();
    const root = active.getRootNode() as Document | ShadowRoot;
    const hit = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      tag: active.tagName.toLowerCase(),
      id: active.id,
      name: active.getAttribute('name') ?? '',
      text: (active.textContent ?? '').replace(/\s+/g, ' ').trim(),
      outline: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      covered: !(hit === active || (hit !== null && active.contains(hit))),
      onScreen: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
    };
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe without its colour-contrast rule, for forced colours: there the system chooses every colour, and axe mixes the
 * page's authored text colour with the forced background (it reported #1b1f24 on #000000 where Chromium paints
 * white on black). Every text node that rule looks at is judged by its painted pixels instead (paintedContrast,
 * ./support/painted-contrast.ts), and every text by its computed colours ({@link forcedContrastProblems}).
 */
async function axeWithoutContrast(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      rules: { 'color-contrast': { enabled: false } },
    });
    return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
  });
}

interface AxeResult {
  violations: { id: string; help: string }[];
}

/**
 * Text whose painted colour (getComputedStyle, i.e. after forcing) has less than 4.5:1 against its background. Plain
 * JavaScript in a string: functions passed from TypeScript run through tsx, which adds helpers the page lacks.
 */
const FORCED_CONTRAST = `(() => {
  const parse = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
  const channel = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const lum = (color) => {
    const [r = 0, g = 0, b = 0] = parse(color);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const opaque = (color) => (parse(color)[3] ?? 1) > 0.5;
  const background = (node) => {
    for (let at = node; at; at = at.assignedSlot || at.parentElement || at.getRootNode().host || null) {
      const color = getComputedStyle(at).backgroundColor;
      if (opaque(color)) return color;
    }
    return 'rgb(255, 255, 255)';
  };
  const problems = [];
  const visit = (root) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) visit(node.shadowRoot);
      const text = [...node.childNodes].some((child) => child.nodeType === 3 && child.textContent.trim());
      if (!text || node.getClientRects().length === 0 || node.closest('.sr-only, svg')) continue;
      const fg = getComputedStyle(node).color;
      const bg = background(node);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) problems.push(node.tagName + '#' + node.id + '.' + node.className + ': ' + fg + ' on ' + bg + ' = ' + ratio.toFixed(2));
    }
  };
  visit(document);
  return problems;
})()`;

function forcedContrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(FORCED_CONTRAST) as Promise<string[]>;
}

function label(stop: Stop): string {
  return `${stop.tag}#${stop.id}[${stop.name || stop.text.slice(0, 30)}]`;
}

function assertVisible(stop: Stop) {
  assert.notEqual(stop.outline, 'none', `${label(stop)} has no focus outline`);
  assert.ok(stop.outlineWidth >= 2, `${label(stop)} outline ${stop.outlineWidth}px`);
  assert.ok(stop.onScreen, `${label(stop)} is off screen`);
  assert.ok(!stop.covered, `${label(stop)} is covered`);
}

/** Presses Tab until `wanted` has focus; every stop on the way must show its focus. */
async function tabTo(page: Page, wanted: (stop: Stop) => boolean, max = 40): Promise<Stop> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (!stop) continue;
    assertVisible(stop);
    if (wanted(stop)) return stop;
  }
  throw new Error('Tab never reached the wanted control');
}

async function readCode(device: Page): Promise<string> {
  const display = device.locator('#code[data-code]');
  await display.waitFor();
  return (await display.getAttribute('data-code'))!;
}

describe('accessibility end to end', () => {
  const demo = useDemo();

  it('logs in to the net bank with the code display and password by keyboard alone, focus visible at every stop', async () => {
    const context = await newContext(demo.browser, DESKTOP);
    const device = await context.newPage();
    await device.goto(`${demo.server.origin}/kodeviser/#bo.kodeviser`);
    const bank = await context.newPage();
    const problems = await watch(bank);
    await bank.goto(`${demo.server.origin}/netbank/`);
    await bank.locator('mitid-login input[name="username"]').waitFor();
    await tabTo(bank, (stop) => stop.name === 'username');
    await bank.keyboard.type('bo.kodeviser');
    await bank.keyboard.press('Enter');
    assert.equal(await leaveStep(bank, 'user-id'), 'method');
    assert.equal((await focused(bank))?.tag, 'h2', 'focus on the new step heading');
    await tabTo(bank, (stop) => stop.text.startsWith('MitID kodeviser'));
    await bank.keyboard.press('Enter');
    assert.equal(await leaveStep(bank, 'method'), 'code');
    await tabTo(bank, (stop) => stop.name === 'one-time-code');
    await bank.keyboard.type(await readCode(device));
    await bank.keyboard.press('Enter');
    assert.equal(await leaveStep(bank, 'code'), 'password');
    await tabTo(bank, (stop) => stop.name === 'password');
    await bank.keyboard.type('bo-kode-2026');
    await bank.keyboard.press('Enter');
    await bank.getByRole('heading', { level: 1, name: 'Velkommen, Bo Jensen' }).waitFor();
    assert.notEqual(await currentStep(bank).catch(() => 'gone'), 'error');
    assert.deepEqual(await problems.list(), []);
    await context.close();
  });

  it('approves a transfer in the app page by keyboard alone: the QR text, the PIN, then Godkend', async () => {
    const context = await newContext(demo.browser, PHONE);
    const app = await context.newPage();
    const problems = await watch(app);
    await activateApp(app, demo.server.origin, 'anna.app');
    const text = 'Overførsel af 2.300 kr. til konto 9978 000123456';
    const session = await PageSession.start(demo.server.origin, {
      client_id: 'netbank',
      mode: 'approve',
      user_id: 'anna.app',
      nonce: randomBytes(18).toString('base64url'),
      transaction: { text },
    });
    await session.chooseMethod('app', 'cross');
    // The app lists a request only once it has scanned its QR code: here, by the frame's text typed in.
    await app.getByText('Ingen anmodninger lige nu.').waitFor();
    await tabTo(app, (stop) => stop.id === 'scan-text');
    await app.keyboard.type((await session.qrFrame()).frame);
    await app.keyboard.press('Enter');
    await app.getByRole('heading', { level: 1, name: 'Godkend følgende?' }).waitFor();
    await tabTo(app, (stop) => stop.id === 'pin');
    await app.keyboard.type(APP_PIN);
    await tabTo(app, (stop) => stop.id === 'approve');
    await app.keyboard.press('Enter');
    await app.getByRole('heading', { level: 1, name: 'Godkendt' }).waitFor();
    assert.equal((await session.finished()).status, 'complete');
    assert.deepEqual(await problems.list(), []);
    await context.close();
  });

  const PAGES: { name: string; open: (page: Page) => Promise<void> }[] = [
    {
      name: 'net bank page with the element',
      open: async (page) => {
        await page.goto(`${demo.server.origin}/netbank/`);
        await page.locator('mitid-login input[name="username"]').waitFor();
      },
    },
    {
      name: 'audio code reader page',
      open: async (page) => {
        await page.goto(`${demo.server.origin}/kodeoplaeser/#clara.lyd`);
        await page.getByRole('button', { name: 'Læs koden op' }).waitFor();
        await page.locator('#digits li').first().waitFor();
      },
    },
    {
      name: 'Borgerservice page with the element',
      open: async (page) => {
        await page.goto(`${demo.server.origin}/borger/`);
        await page.locator('mitid-login input[name="username"]').waitFor();
      },
    },
    {
      name: 'code display page',
      open: async (page) => {
        await page.goto(`${demo.server.origin}/kodeviser/#bo.kodeviser`);
        await page.getByText('Kodeviser tilhører').first().waitFor();
      },
    },
    {
      name: 'chip page',
      open: async (page) => {
        await page.goto(`${demo.server.origin}/chip/`);
        await page.getByText('Testbruger').first().waitFor();
      },
    },
    {
      name: 'app page, activation',
      open: async (page) => {
        await page.goto(`${demo.server.origin}/app/`);
        await page.getByLabel('Testbruger').waitFor();
      },
    },
    {
      name: 'app page, activated',
      open: async (page) => activateApp(page, demo.server.origin, 'anna.app'),
    },
  ];

  for (const { name, open } of PAGES) {
    it(`${name}: axe in dark and forced colours, 24 px targets, focus visible and never trapped, text spacing at 320 px`, async () => {
      const context = await demo.browser.newContext({
        viewport: { width: 320, height: 720 },
        locale: 'da-DK',
        colorScheme: 'dark',
        forcedColors: 'active',
      });
      const page = await context.newPage();
      await open(page);
      assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
      assert.deepEqual(await axeWithoutContrast(page), [], 'forced colours, dark system theme');
      const forcedDark = await paintedContrast(page, { every: true });
      assert.ok(forcedDark.judged > 0, `${name}: no text judged by its pixels (forced dark)`);
      assert.deepEqual(forcedDark.failures, [], 'every text axe looks at, painted, forced dark');
      assert.deepEqual(await forcedContrastProblems(page), [], 'painted contrast in forced colours, dark');
      await page.emulateMedia({ forcedColors: 'active', colorScheme: 'light' });
      assert.deepEqual(await axeWithoutContrast(page), [], 'forced colours, light system theme');
      const forcedLight = await paintedContrast(page, { every: true });
      assert.ok(forcedLight.judged > 0, `${name}: no text judged by its pixels (forced light)`);
      assert.deepEqual(forcedLight.failures, [], 'every text axe looks at, painted, forced light');
      assert.deepEqual(await forcedContrastProblems(page), [], 'painted contrast in forced colours, light');
      await page.emulateMedia({ forcedColors: 'none', colorScheme: 'dark' });
      assert.deepEqual(await axeViolations(page), [], 'dark system theme');

      // 2.5.8: every control at least 24 × 24, except links inside a sentence (the criterion's inline exception).
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')]
          .filter((node) => node.getClientRects().length > 0 && !(node.tagName === 'A' && node.closest('p')))
          .map((node) => ({ node: `${node.tagName}#${node.id}`, box: node.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 24 || box.height < 24)
          .map(({ node, box }) => `${node} ${box.width}×${box.height}`),
      );
      assert.deepEqual(small, []);

      // 2.4.7 / 2.4.11 / 2.1.2: Tab around the page; every stop shows its focus, and Tab comes back to the first.
      const first = await tabTo(page, () => true);
      let back = false;
      for (let i = 0; i < 40 && !back; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await focused(page);
        if (!stop) continue;
        assertVisible(stop);
        back = label(stop) === label(first);
      }
      assert.ok(back, 'Tab cycles back to the first control (no trap)');

      // 1.4.12 text spacing (the bookmarklet's values) at 320 px: no sideways scroll, no clipped text.
      const clipped = await page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
        );
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        const problems = [...document.querySelectorAll<HTMLElement>('h1, h2, p, label, button, li, a')]
          .filter((node) => node.getClientRects().length > 0)
          .filter((node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1)
          .filter((node) => getComputedStyle(node).overflow !== 'visible' || node.clientWidth > 0)
          .map(
            (node) =>
              `${node.tagName}#${node.id}: ${node.scrollWidth}×${node.scrollHeight} in ${node.clientWidth}×${node.clientHeight}`,
          );
        const sideways = document.documentElement.scrollWidth - innerWidth;
        return sideways > 0 ? [...problems, `page scrolls sideways by ${sideways}px`] : problems;
      });
      assert.deepEqual(clipped, []);
      await context.close();
    });
  }
});
