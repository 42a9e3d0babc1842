import type { Meta, StoryContext } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ScriptedTransport } from '../testing/index.js';
import { argTypes, defaultArgs, loginIn, storyLang, STORY_USER_ID, type LoginArgs } from './support/login.js';
import type { LoginStory } from './support/variants.js';
import { contrast } from '../test/support/contrast.js';

/**
 * Theming with the element's documented `--mitid-*` custom properties and `::part()`s only (docs/theming.md):
 * each story shows an approval and a refused one-time code side by side, so that buttons, notices, the text to
 * approve, fields and errors are all in view. The page's own rules set the properties on `mitid-login`.
 */
const meta: Meta<LoginArgs> = {
  title: 'Theming',
  component: 'mitid-login',
  args: { ...defaultArgs, mode: 'approve', 'transaction-text': 'Overførsel af 2.300 kr. til konto 9978 000123456' },
  argTypes,
  render: (args, context) => themed(args, context, ''),
  play: async ({ canvasElement }) => {
    const approval = await loginIn(canvasElement, 'mitid-login[mode="approve"]');
    await approval.submitUserId(STORY_USER_ID);
    await approval.waitForStep('approve');
    const code = await loginIn(canvasElement, 'mitid-login[mode="login"]');
    await code.submitUserId(STORY_USER_ID);
    await code.chooseMethod('code-display');
    await code.submitCode('000000');
    await code.until(() => Boolean(code.element.querySelector('.mitid-problem')), 'the wrong-code problem');
    focusRingContrasts(approval.element);
  },
};

/**
 * WCAG 1.4.11: the theme's focus ring has at least 3:1 against the card it is drawn on (under forced colours the
 * system draws it). A theme that fails this fails its story.
 */
function focusRingContrasts(el: HTMLElement): void {
  if (matchMedia('(forced-colors: active)').matches) return;
  const ring = getComputedStyle(el).getPropertyValue('--mitid-focus-ring').trim();
  const color = ring.split(/\s+/).find((part) => !/^(\d|solid|dashed|dotted|double)/.test(part));
  if (!color) return;
  const probe = document.createElement('span');
  probe.style.color = color;
  el.shadowRoot!.append(probe);
  const painted = getComputedStyle(probe).color;
  probe.remove();
  const card = getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!).backgroundColor;
  const ratio = contrast(painted, card);
  if (ratio < 3)
    throw new Error(`the focus ring ${ring} has ${ratio.toFixed(2)}:1 against the card ${card} (1.4.11 needs 3:1)`);
}
export default meta;

function themed(args: LoginArgs, context: StoryContext, css: string, page = ''): TemplateResult {
  const lang = storyLang(args, context);
  const login = (mode: 'approve' | 'login') =>
    html`<mitid-login
      lang=${lang}
      mode=${mode}
      transaction-text=${args['transaction-text']}
      device="cross"
      theme=${args.theme}
      client-id=${args['client-id']}
      nonce=${args.nonce}
      .transport=${new ScriptedTransport({ app: [], methods: ['code-display', 'code-reader'] })}
    ></mitid-login>`;
  return html`<style>
      .theme-page {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem;
        align-items: start;
        padding: 1.5rem;
        ${page}
      }
      .theme-page > mitid-login {
        flex: 1 1 20rem;
      }
      ${css}
    </style>
    <div class="theme-page">${login('approve')} ${login('login')}</div>`;
}

/** The defaults: MitID's calm blue on white. */
export const Default: LoginStory = {};

/** `theme="dark"` on a dark page. `theme="auto"` follows the system's preference instead. */
export const Dark: LoginStory = {
  args: { theme: 'dark' },
  render: (args, context) => themed(args, context, '', 'background: #0b0f14;'),
};

/** `theme="auto"` with the system set to dark (the test emulates `prefers-color-scheme: dark`). */
export const AutoOnADarkSystem: LoginStory = {
  tags: ['dark-scheme'],
  args: { theme: 'auto' },
  render: (args, context) => themed(args, context, '', 'background: #0b0f14;'),
};

/** A bank's brand: its green, square corners, a serif heading and pill-shaped buttons. */
export const BankBrand: LoginStory = {
  render: (args, context) =>
    themed(
      args,
      context,
      `
      mitid-login {
        --mitid-color-primary: #00594f;
        --mitid-color-primary-hover: #003f38;
        --mitid-color-on-primary: #ffffff;
        --mitid-color-surface: #eef6f4;
        --mitid-color-focus: #b35c00;
        --mitid-radius: 0;
        --mitid-font-family: Georgia, 'Times New Roman', serif;
      }
      mitid-login::part(heading) {
        font-weight: 400;
        letter-spacing: 0.01em;
      }
      mitid-login::part(button) {
        border-radius: 999px;
      }
      mitid-login::part(base) {
        box-shadow: 0 0.25rem 1.5rem rgb(0 0 0 / 12%);
      }`,
      'background: #f6f4ef;',
    ),
};

/** A public-sector site (in the style of the Danish common design system): dark blue, no radius, wide. */
export const PublicSectorBrand: LoginStory = {
  render: (args, context) =>
    themed(
      args,
      context,
      `
      mitid-login {
        --mitid-color-primary: #004993;
        --mitid-color-primary-hover: #00336b;
        --mitid-color-text: #1a1a1a;
        --mitid-color-muted: #454545;
        --mitid-color-border: #747474;
        --mitid-color-surface: #f5f5f5;
        --mitid-color-focus: #747474;
        --mitid-radius: 0;
        --mitid-font-family: 'IBM Plex Sans', Arial, sans-serif;
        --mitid-max-width: 36rem;
        --mitid-focus-ring: 4px solid #1a1a1a;
      }
      mitid-login::part(base) {
        border-top: 0.5rem solid var(--mitid-color-primary);
      }
      mitid-login::part(transaction) {
        border-inline-start: 0.25rem solid var(--mitid-color-primary);
      }`,
    ),
};

/**
 * Forced colours (Windows High Contrast). The test run emulates `forced-colors: active`, so the browser's own
 * palette replaces every colour; in Storybook itself, turn it on in the browser's developer tools (Rendering →
 * "Emulate CSS media feature forced-colors"). The element keeps borders, focus rings and the QR's own white
 * background there.
 */
export const ForcedColors: LoginStory = {
  tags: ['forced-colors'],
};

/**
 * A high-contrast theme set through the custom properties alone, like the "Night sky" contrast theme: what a
 * site's own high-contrast switch can do, and the closest Storybook gets to forced colours without emulation.
 */
export const HighContrastTheme: LoginStory = {
  render: (args, context) =>
    themed(
      args,
      context,
      `
      mitid-login {
        --mitid-color-primary: #ffff00;
        --mitid-color-primary-hover: #ffffff;
        --mitid-color-on-primary: #000000;
        --mitid-color-text: #ffffff;
        --mitid-color-muted: #ffffff;
        --mitid-color-background: #000000;
        --mitid-color-surface: #000000;
        --mitid-color-border: #ffffff;
        --mitid-color-error: #ff8080;
        --mitid-color-success: #3ff23f;
        --mitid-color-focus: #00ffff;
        --mitid-focus-ring: 3px solid #00ffff;
      }`,
      'background: #000000;',
    ),
};
