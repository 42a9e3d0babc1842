/**
 * WCAG 2.2 A/AA evidence for every step and state of `<mitid-login>` (docs/accessibility.md cites these tests by
 * name): axe in both languages in light, dark and forced colours; focus visible, not obscured, in visual order and
 * never trapped; target size; focus-ring contrast; text spacing; reflow at 320 CSS px; text at 200 %; reduced
 * motion; announcements and their politeness; accessible authentication (paste, autocomplete).
 *
 * Long because it is the one WCAG matrix that docs/accessibility.md and docs/element.md cite as `wcag.test.ts` ›
 * test name, criterion by criterion: a describe per criterion over the same targets and probes. Split by
 * criterion, every citation would have to name its own file.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import {
  a11ySnapshot,
  executeServerCommand,
  findAccessibilityNode,
  sendKeys,
  setViewport,
} from '@web/test-runner-commands';
import type { MitidLogin } from '../../src/mitid-login.js';
import type { LoginHarness } from '../../testing/index.js';
import { advance, mount } from '../support/element.js';
import { waitFor } from '../support/wait-for.js';
import { paintedContrastFailures } from '../support/painted-contrast-wtr.js';
import { deepActive } from '../support/deep-active.js';
import {
  STEP_OF,
  TARGETS,
  axeViolations,
  axeViolationsExceptContrast,
  contrast,
  driveTo,
  paintedContrastProblems,
  type Target,
} from '../support/drive.js';

const emulate = (features: { name: string; value: string }[]) =>
  executeServerCommand('emulate-media-features', { features });

/** Every element a user can operate, in the shadow root and in the light-DOM form, that is rendered. */
function operable(el: MitidLogin): HTMLElement[] {
  const selector = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
  return [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
    ...el.querySelectorAll<HTMLElement>(selector),
  ].filter((node) => node.getClientRects().length > 0 && node.tabIndex >= 0);
}

function describe_(node: Element): string {
  return `${node.tagName.toLowerCase()}[${(node.getAttribute('name') ?? node.textContent ?? '').trim().slice(0, 30)}]`;
}

/** Puts a button before and after the element, so Tab can be followed into it and out of it. */
function surround(el: MitidLogin) {
  const before = document.createElement('button');
  before.textContent = 'before';
  const after = document.createElement('button');
  after.textContent = 'after';
  el.before(before);
  el.after(after);
  return { before, after };
}

describe('WCAG 2.2 evidence', function () {
  this.timeout(20_000);
  afterEach(async () => {
    await emulate([]);
    await setViewport({ width: 800, height: 600 });
  });

  describe('axe (WCAG 2.2 A/AA + best practice) on every step and state', () => {
    for (const lang of ['da', 'en']) {
      for (const target of TARGETS) {
        it(`${target} (${lang}): no violations in light, dark and forced colours (light and dark)`, async () => {
          const { el } = await driveTo(target, lang);
          expect(el.step).to.equal(STEP_OF[target]);
          expect(await axeViolations(el), 'light').to.deep.equal([]);
          el.theme = 'dark';
          await el.updateComplete;
          expect(await axeViolations(el), 'dark').to.deep.equal([]);
          el.theme = 'light';
          await emulate([{ name: 'forced-colors', value: 'active' }]);
          expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
          await el.updateComplete;
          expect(await axeViolations(el), 'forced colours').to.deep.equal([]);
          expect(paintedContrastProblems(el), 'painted contrast, forced colours').to.deep.equal([]);
          // A dark contrast theme (Windows "Night sky"): axe reads authored text colours against forced backgrounds
          // there, so every node its contrast rule reports is judged by the pixels painted (a screenshot of its box).
          await emulate([
            { name: 'forced-colors', value: 'active' },
            { name: 'prefers-color-scheme', value: 'dark' },
          ]);
          await el.updateComplete;
          expect(await axeViolationsExceptContrast(el), 'forced colours, dark').to.deep.equal([]);
          expect(await paintedContrastFailures(el), 'axe contrast reports, painted, forced dark').to.deep.equal([]);
          expect(paintedContrastProblems(el), 'painted contrast, forced colours, dark').to.deep.equal([]);
        });
      }
    }
  });

  describe('focus', () => {
    const stepChanges: Target[] = [
      'user-id-cancelled',
      'approve',
      'method',
      'app-cross',
      'app-same',
      'code',
      'password',
      'chip',
      'done',
      'error',
    ];
    for (const target of stepChanges) {
      it(`goes to the new step's heading: ${target}`, async () => {
        const { el, user } = await driveTo(target);
        expect(el.shadowRoot!.activeElement).to.equal(user.shadow('h2'));
        expect(user.shadow('h2')!.tabIndex).to.equal(-1);
      });
    }

    for (const theme of ['light', 'dark'] as const) {
      for (const target of TARGETS) {
        it(`${target} (${theme}): Tab reaches every control in visual order, each with a visible, unobscured ring of 3:1 or more, and leaves the element both ways`, async () => {
          const { el, user } = await driveTo(target, 'da');
          el.theme = theme;
          await el.updateComplete;
          const { before, after } = surround(el);
          const expected = operable(el);
          const background = getComputedStyle(user.shadow('.card')!).backgroundColor;
          before.focus();
          const seen: Element[] = [];
          for (let i = 0; i < 30; i += 1) {
            await sendKeys({ press: 'Tab' });
            const active = deepActive()!;
            if (active === after) break;
            seen.push(active);
            const style = getComputedStyle(active);
            const name = describe_(active);
            // 2.4.7: a focus indicator; 1.4.11: its colour against the card at 3:1 or more.
            expect(style.outlineStyle, name).to.not.equal('none');
            expect(parseFloat(style.outlineWidth), name).to.be.at.least(2);
            expect(contrast(style.outlineColor, background), `${name} ring contrast`).to.be.at.least(3);
            // 2.4.11: on screen and not covered by anything.
            const box = active.getBoundingClientRect();
            expect(box.top, name).to.be.at.least(0);
            expect(box.bottom, name).to.be.at.most(innerHeight);
            const root = active.getRootNode() as Document | ShadowRoot;
            const hit = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            expect(hit === active || active.contains(hit), `${name} covered by ${hit && describe_(hit)}`).to.equal(
              true,
            );
          }
          expect(deepActive(), 'Tab leaves the element (no trap)').to.equal(after);
          // 3.2.1: focus alone changes nothing.
          expect(el.step).to.equal(STEP_OF[target]);
          // Every control is reached once (the order is checked against the screen below, not against the DOM).
          expect(seen.map(describe_).sort()).to.deep.equal(expected.map(describe_).sort());
          // 2.4.3: the order of focus is the order on screen (top to bottom, then left to right within a row).
          for (let i = 1; i < seen.length; i += 1) {
            const previous = seen[i - 1]!.getBoundingClientRect();
            const next = seen[i]!.getBoundingClientRect();
            const below = next.top >= previous.bottom - 1;
            const sameRowToTheRight = Math.abs(next.top - previous.top) < 2 && next.left > previous.left;
            expect(below || sameRowToTheRight, `${describe_(seen[i]!)} after ${describe_(seen[i - 1]!)}`).to.equal(
              true,
            );
          }
          await sendKeys({ down: 'Shift' });
          for (let i = 0; i <= seen.length && deepActive() !== before; i += 1) await sendKeys({ press: 'Tab' });
          await sendKeys({ up: 'Shift' });
          expect(deepActive(), 'Shift+Tab leaves the element too').to.equal(before);
          before.remove();
          after.remove();
        });
      }
    }

    it('forced colours: the focus ring is drawn in the system Highlight colour', async () => {
      await emulate([{ name: 'forced-colors', value: 'active' }]);
      const { el } = await driveTo('code-wrong');
      const { before } = surround(el);
      before.focus();
      for (const _ of operable(el)) {
        await sendKeys({ press: 'Tab' });
        const style = getComputedStyle(deepActive()!);
        expect(style.outlineStyle).to.not.equal('none');
        expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
      }
    });
  });

  describe('target size (2.5.8)', () => {
    for (const target of TARGETS) {
      it(`${target}: every control is at least 24 × 24 CSS px`, async () => {
        const { el } = await driveTo(target);
        const controls = operable(el);
        for (const control of controls) {
          const box = control.getBoundingClientRect();
          expect(box.width, describe_(control)).to.be.at.least(24);
          expect(box.height, describe_(control)).to.be.at.least(24);
        }
      });

      it(`${target}: every control is at least 24 × 24 CSS px at 320 px wide too`, async () => {
        await setViewport({ width: 320, height: 640 });
        const { el } = await driveTo(target);
        for (const control of operable(el)) {
          const box = control.getBoundingClientRect();
          expect(box.width, describe_(control)).to.be.at.least(24);
          expect(box.height, describe_(control)).to.be.at.least(24);
        }
      });
    }
  });

  describe('reflow and resize', () => {
    for (const target of TARGETS) {
      it(`${target}: at 320 CSS px (= 1280 px at 400 %) nothing is wider than the screen`, async () => {
        await setViewport({ width: 320, height: 640 });
        const { el } = await driveTo(target);
        for (const node of [...el.shadowRoot!.querySelectorAll('*'), ...el.querySelectorAll('*')]) {
          if (node.closest('.sr-only') || node.getClientRects().length === 0) continue;
          expect(node.getBoundingClientRect().right, describe_(node)).to.be.at.most(321);
        }
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      });
    }

    for (const target of ['user-id-problem', 'approve', 'app-cross', 'code-wrong', 'password', 'error'] as Target[]) {
      it(`${target}: text at 200 % stays inside the element and unclipped (1.4.4)`, async () => {
        const { el, user } = await driveTo(target, 'da', { mode: target === 'approve' ? 'approve' : 'login' });
        el.style.setProperty('--mitid-font-size', '2rem');
        await el.updateComplete;
        expect(parseFloat(getComputedStyle(user.shadow('h2')!).fontSize)).to.be.at.least(40);
        const right = el.getBoundingClientRect().right;
        for (const node of textNodes(el)) {
          expect(node.getBoundingClientRect().right, describe_(node)).to.be.at.most(right + 1);
          expect(node.scrollWidth, `${describe_(node)} clipped`).to.be.at.most(node.clientWidth + 1);
        }
      });
    }
  });

  describe('text spacing (1.4.12)', () => {
    // The WCAG 1.4.12 bookmarklet's values, applied to the page and inside the shadow root.
    const spacing = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
      p { margin-bottom: 2em !important; }`;
    for (const target of TARGETS) {
      it(`${target}: with the bookmarklet's spacing nothing is clipped and nothing overlaps`, async () => {
        const { el } = await driveTo(target);
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(spacing);
        el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        try {
          const nodes = textNodes(el);
          for (const node of nodes) {
            expect(node.scrollWidth, `${describe_(node)} clipped sideways`).to.be.at.most(node.clientWidth + 1);
            expect(node.scrollHeight, `${describe_(node)} clipped`).to.be.at.most(node.clientHeight + 1);
          }
          const boxes = nodes.map((node) => ({ node, box: node.getBoundingClientRect() }));
          for (const a of boxes) {
            for (const b of boxes) {
              if (a.node === b.node || a.node.contains(b.node) || b.node.contains(a.node)) continue;
              const overlap =
                a.box.left < b.box.right - 1 &&
                b.box.left < a.box.right - 1 &&
                a.box.top < b.box.bottom - 1 &&
                b.box.top < a.box.bottom - 1;
              expect(overlap, `${describe_(a.node)} overlaps ${describe_(b.node)}`).to.equal(false);
            }
          }
        } finally {
          document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        }
      });
    }
  });

  describe('motion (2.3.3, 2.2.2)', () => {
    it('the busy spinner turns without a preference and stands still with prefers-reduced-motion', async () => {
      const busy = async () => {
        const mounted = await mount({ script: { latencyMs: 5000 } });
        await mounted.user.submitUserId('anna');
        expect(mounted.user.shadow('.spinner')).to.not.equal(null);
        return mounted.el;
      };
      expect((await busy()).shadowRoot!.getAnimations().length).to.be.greaterThan(0);
      await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      const still = await busy();
      expect(still.shadowRoot!.getAnimations()).to.deep.equal([]);
      for (const button of operable(still)) {
        expect(getComputedStyle(button).transitionDuration).to.match(/^0s(, 0s)*$/);
      }
    });

    it('with prefers-reduced-motion the QR code still refreshes (a new code each second, no animation)', async () => {
      await emulate([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      const { el, clock, user } = await driveTo('app-cross');
      const first = user.shadow('.qr svg path')!.getAttribute('d');
      await advance(el, clock, 1000);
      // The new frame is encoded asynchronously and the element fires no event once it is drawn: polled.
      await waitFor(() => user.shadow('.qr svg path')?.getAttribute('d') !== first, 'the next QR code drawn', {
        timeoutMs: 1000,
      });
      expect(user.shadow('.qr svg path')!.getAttribute('d')).to.not.equal(first);
      expect(el.shadowRoot!.getAnimations()).to.deep.equal([]);
    });
  });

  describe('announcements (4.1.3)', () => {
    function regions(user: LoginHarness) {
      const polite = user.shadow('[role="status"]')!;
      const assertive = user.shadow('[role="alert"]')!;
      return {
        polite: () => polite.textContent!.trim(),
        assertive: () => assertive.textContent!.trim(),
        polite_: polite,
      };
    }

    it('a polite status region and an assertive alert region, both atomic and present from the start', async () => {
      const { user } = await mount();
      const { polite_ } = regions(user);
      expect(polite_.getAttribute('aria-live')).to.equal('polite');
      expect(polite_.getAttribute('aria-atomic')).to.equal('true');
      expect(user.shadow('[role="alert"]')!.getAttribute('aria-atomic')).to.equal('true');
    });

    it('hints politely, the time warning and errors assertively, more time and the end politely', async () => {
      const { el, clock, transport, user } = await mount({ script: { app: [], sessionMs: 70_000 } });
      const live = regions(user);
      await user.submitUserId('anna');
      await advance(el, clock, 0);
      await user.chooseMethod('app');
      await advance(el, clock, 0);
      transport.push({ status: 'pending', hint: 'qr-scanned' });
      await advance(el, clock, 0);
      expect(live.polite()).to.contain('scannet');
      for (let i = 0; i < 11; i += 1) await clock.tick(1000);
      await el.updateComplete;
      expect(live.assertive()).to.contain('under et minut');
      user.button('Mere tid').click();
      await advance(el, clock, 0);
      expect(live.polite()).to.equal('Du har fået mere tid.');
      transport.push({ status: 'failed', code: 'rejected' });
      await advance(el, clock, 0);
      expect(el.step).to.equal('error');
      expect(live.assertive()).to.contain('afvist');
    });

    it('a field error is announced assertively and tied to its field (code and password too)', async () => {
      const { el, clock, user } = await driveTo('code-wrong');
      const code = user.formField('one-time-code');
      expect(code.getAttribute('aria-invalid')).to.equal('true');
      const problem = document.getElementById(code.getAttribute('aria-describedby')!.split(' ')[1]!)!;
      expect(problem.textContent).to.contain('forkert');
      expect(user.shadow('[role="alert"]')!.textContent).to.contain('forkert');
      expect(document.activeElement).to.equal(code);
      await user.submitCode('123456');
      await advance(el, clock, 0);
      await user.submitPassword('forkert');
      await advance(el, clock, 0);
      const password = user.formField('password');
      expect(password.getAttribute('aria-invalid')).to.equal('true');
      const described = password
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)!);
      expect(described.map((node) => node.textContent).join(' ')).to.contain('forkert');
      expect(document.activeElement).to.equal(password);
    });
  });

  describe('a lost connection', () => {
    it('the browser going offline is shown and announced politely, and cleared when back (da)', async () => {
      const { el, clock, user } = await driveTo('app-cross');
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(user.shadow('[part="connection"]')!.textContent).to.equal('Forbindelsen er afbrudt – vi prøver igen.');
      expect(user.shadow('[role="status"]')!.textContent).to.equal('Forbindelsen er afbrudt – vi prøver igen.');
      expect(user.shadow('[role="alert"]')!.textContent).to.not.contain('Forbindelsen');
      window.dispatchEvent(new Event('online'));
      await advance(el, clock, 0);
      expect(user.shadow('[part="connection"]')).to.equal(null);
      expect(user.shadow('[role="status"]')!.textContent).to.equal('Forbindelsen er tilbage.');
      expect(el.step).to.equal('app');
    });

    it('a status stream that reconnects shows the notice until it is connected again (en)', async () => {
      const { el, clock, transport, user } = await driveTo('app-cross', 'en');
      transport.dropNetwork();
      await el.updateComplete;
      expect(user.shadow('[part="connection"]')!.textContent).to.equal('The connection was lost – trying again.');
      expect(user.shadow('[role="status"]')!.textContent).to.equal('The connection was lost – trying again.');
      transport.restoreNetwork();
      await advance(el, clock, 0);
      expect(user.shadow('[part="connection"]')).to.equal(null);
      expect(user.shadow('[role="status"]')!.textContent).to.equal('The connection is back.');
    });

    it('the notice does not outlive the session: done clears it', async () => {
      const { el, clock, transport, user } = await driveTo('app-cross');
      transport.dropNetwork();
      transport.push({ status: 'complete' });
      await el.updateComplete;
      expect(user.shadow('[part="connection"]')).to.not.equal(null);
      transport.restoreNetwork();
      window.dispatchEvent(new Event('online'));
      await advance(el, clock, 0);
      expect(el.step).to.equal('done');
      expect(user.shadow('[part="connection"]')).to.equal(null);
      expect(user.shadow('[role="status"]')!.textContent).to.contain('logget på');
    });
  });

  describe('accessible authentication (3.3.8) and input purpose (1.3.5)', () => {
    /** A paste as the browser starts it: a cancelable `paste` event; nobody may cancel it. Then the text goes in. */
    async function paste(field: HTMLInputElement, text: string) {
      field.focus();
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const event = new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      field.dispatchEvent(event);
      expect(event.defaultPrevented, `paste into ${field.name} was blocked`).to.equal(false);
      document.execCommand('insertText', false, text);
      expect(field.value).to.equal(text);
    }

    it('user ID, one-time code and password all take a paste, have autocomplete, and log in', async () => {
      const { el, clock, events, transport, user } = await mount();
      const username = user.formField('username');
      expect(username.autocomplete).to.equal('username');
      expect(username.hasAttribute('maxlength')).to.equal(false);
      await paste(username, 'anna');
      // 3.2.2: input alone starts nothing; Continue does.
      expect(el.step).to.equal('user-id');
      expect(transport.calls).to.deep.equal([]);
      await user.submit();
      await advance(el, clock, 0);
      user.button('MitID kodeviser').click();
      await advance(el, clock, 0);
      const code = user.formField('one-time-code');
      expect(code.autocomplete).to.equal('one-time-code');
      await paste(code, '123 456');
      await user.submit();
      await advance(el, clock, 0);
      const password = user.formField('password');
      expect(password.autocomplete).to.equal('current-password');
      expect(user.formField('username').autocomplete).to.equal('username');
      await paste(password, 'hemmelig');
      await user.submit();
      await advance(el, clock, 0);
      expect(el.step).to.equal('done');
      expect(events.some((event) => event.type === 'mitid-success')).to.equal(true);
    });
  });

  describe('use of colour (1.4.1)', () => {
    it('errors and the time warning say it in words and a symbol, not only in red', async () => {
      const { el, user } = await driveTo('user-id-problem');
      const problem = el.querySelector('.mitid-problem')!;
      expect(getComputedStyle(problem, '::before').content).to.contain('⚠');
      expect(problem.textContent!.trim().length).to.be.greaterThan(10);
      expect(getComputedStyle(user.formField('username')).borderTopWidth).to.equal('2px');
      const warning = await driveTo('time-warning');
      expect(warning.user.shadow('.time-warning')!.textContent).to.contain('Der er under et minut tilbage');
    });
  });

  describe('names, roles and states (4.1.2)', () => {
    interface AxNode {
      role: string;
      name: string;
      description?: string;
      invalid?: string;
      children: AxNode[];
    }
    const find = (root: AxNode, role: string, name: RegExp) =>
      findAccessibilityNode<AxNode>(root, (node) => node.role === role && name.test(node.name));

    it('method, code, password, done and error steps expose named controls and headings', async () => {
      const method = await driveTo('method', 'en');
      let root = (await a11ySnapshot({})) as unknown as AxNode;
      for (const name of [/^MitID app/, /^MitID code display/, /^MitID audio code reader/, /^MitID chip/]) {
        expect(find(root, 'button', name), String(name)).to.not.equal(null);
      }
      method.el.remove();
      const code = await driveTo('code-wrong', 'en');
      root = (await a11ySnapshot({})) as unknown as AxNode;
      const field = find(root, 'textbox', /^One-time code/)!;
      expect(field.invalid).to.equal('true');
      expect(field.description).to.contain('wrong');
      code.el.remove();
      const password = await driveTo('password', 'en');
      root = (await a11ySnapshot({})) as unknown as AxNode;
      expect(find(root, 'textbox', /^Password$/)).to.not.equal(null);
      password.el.remove();
      const error = await driveTo('error', 'en');
      root = (await a11ySnapshot({})) as unknown as AxNode;
      expect(find(root, 'heading', /^That did not work$/)).to.not.equal(null);
      expect(find(root, 'button', /^Try again$/)).to.not.equal(null);
      error.el.remove();
    });
  });
});

/** Elements that hold text or are controls: what text spacing and resizing must not clip. */
function textNodes(el: MitidLogin): HTMLElement[] {
  const selector = 'h2, p, label, button, a, figure, .transaction, .mitid-field';
  return [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
    ...el.querySelectorAll<HTMLElement>(selector),
  ].filter((node) => !node.closest('.sr-only') && node.getClientRects().length > 0);
}
