import type { Meta, StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MitidLogin } from '../src/mitid-login.js';
import {
  argTypes,
  defaultArgs,
  loginIn,
  qrDrawn,
  renderLogin,
  STORY_USER_ID,
  type LoginArgs,
} from './support/login.js';
import type { LoginStory } from './support/variants.js';

/**
 * Layout checks for WCAG 2.2: reflow in a 320 CSS px column (1.4.10: what a 1280 px window shows at 400 % zoom)
 * and the text-spacing overrides of 1.4.12 (line height 1.5, letter spacing 0.12em, word spacing 0.16em). Nothing
 * may be cut off or need horizontal scrolling.
 */
const meta: Meta<LoginArgs> = {
  title: 'Layout',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
};
export default meta;

const LONG_TEXT =
  'Overførsel af 2.300,00 kr. fra konto 1234 5678901 til konto 9978 000123456 (Udlejer ApS), ' +
  'tekst til modtager: "Husleje december, lejlighed 3. tv".';

function column(args: LoginArgs, context: StoryContext) {
  return html`<style>
      .reflow {
        width: 320px;
        outline: 1px dashed #6b7280;
      }
    </style>
    <div class="reflow">${renderLogin(args, context)}</div>`;
}

function spaced(args: LoginArgs, context: StoryContext) {
  return html`<style>
      .text-spacing mitid-login {
        letter-spacing: 0.12em;
        word-spacing: 0.16em;
        --mitid-line-height: 1.5;
      }
      .text-spacing mitid-login p {
        margin-bottom: 2em;
      }
    </style>
    <div class="text-spacing">${renderLogin(args, context)}</div>`;
}

/** Fails the story when the element is wider than its 320 px column or its card scrolls sideways. */
function fitsTheColumn(el: MitidLogin) {
  const card = el.shadowRoot?.querySelector<HTMLElement>('[part="base"]');
  const width = el.getBoundingClientRect().width;
  if (!card || width > 320 || card.scrollWidth > card.clientWidth + 1) {
    throw new Error(`not reflowed: element ${width}px, card ${card?.scrollWidth}/${card?.clientWidth}px`);
  }
}

/** The app step with its QR code, in 320 px. */
export const Reflow320App: LoginStory = {
  render: column,
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.chooseMethod('app');
    await user.waitForStep('app');
    await qrDrawn(user);
    fitsTheColumn(user.element);
  },
};

/** A long text to approve, in 320 px. */
export const Reflow320Approval: LoginStory = {
  render: column,
  args: { mode: 'approve', 'transaction-text': LONG_TEXT, lang: 'en' },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.waitForStep('approve');
    fitsTheColumn(user.element);
  },
};

/** A wrong one-time code with its message, in 320 px. */
export const Reflow320WrongCode: LoginStory = {
  render: column,
  parameters: { script: { methods: ['code-display', 'code-reader'] } },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.chooseMethod('code-display');
    await user.submitCode('000000');
    await user.until(() => Boolean(user.element.querySelector('.mitid-problem')), 'the wrong-code problem');
    fitsTheColumn(user.element);
  },
};

/** The text-spacing overrides on the approval step, then the app step. */
export const TextSpacing: LoginStory = {
  render: spaced,
  args: { mode: 'approve', 'transaction-text': LONG_TEXT },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.waitForStep('approve');
    await user.continueApproval();
    await user.chooseMethod('app');
    await user.waitForStep('app');
    await qrDrawn(user);
  },
};
