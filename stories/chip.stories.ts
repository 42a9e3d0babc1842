import type { Meta } from '@storybook/web-components-vite';
import type { WebAuthnPort } from '../src/flow/runner.js';
import type { MitidLogin } from '../src/mitid-login.js';
import {
  argTypes,
  chooseMethod,
  clickPart,
  defaultArgs,
  loginIn,
  rendered,
  renderLogin,
  stepShown,
  submitField,
  type LoginArgs,
} from './support/login.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * The MitID chip (a FIDO security key): the password first, then the browser's own WebAuthn prompt. Stories never
 * reach the real prompt: the element's WebAuthn test seam (`webauthnLoader`, marked internal) gets a stand-in.
 */
const meta: Meta<LoginArgs> = {
  title: 'Steps/4 Chip',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
  render: renderLogin,
  parameters: { script: { methods: ['chip', 'code-display'] } },
};
export default meta;

const CHIP = 0;

async function chipReady(canvasElement: HTMLElement): Promise<MitidLogin> {
  const el = await loginIn(canvasElement);
  await chooseMethod(el, CHIP, 'password');
  await submitField(el, 'password', 'hemmelig');
  await stepShown(el, 'chip');
  return el;
}

function withWebAuthn(el: MitidLogin, port: WebAuthnPort) {
  el.webauthnLoader = () => Promise.resolve(port);
}

/** The chip's password comes first. */
const password: LoginStory = {
  play: async ({ canvasElement }) => {
    await chooseMethod(await loginIn(canvasElement), CHIP, 'password');
  },
};

/** Password accepted: press the button to use the chip. */
const ready: LoginStory = {
  play: async ({ canvasElement }) => {
    await chipReady(canvasElement);
  },
};

/** The browser's prompt is open (here: a stand-in that never answers). */
const waiting: LoginStory = {
  play: async ({ canvasElement }) => {
    const el = await chipReady(canvasElement);
    withWebAuthn(el, { supported: () => true, authenticate: () => new Promise(() => undefined) });
    await clickPart(el, 'primary');
    await rendered(el, () => Boolean(el.shadowRoot?.querySelector('[part="busy"]')), 'the waiting text');
  },
};

/** The user closed the browser's prompt: the chip is offered again. */
const cancelled: LoginStory = {
  play: async ({ canvasElement }) => {
    const el = await chipReady(canvasElement);
    withWebAuthn(el, {
      supported: () => true,
      authenticate: () => Promise.reject(new DOMException('The operation was cancelled.', 'NotAllowedError')),
    });
    await clickPart(el, 'primary');
    await rendered(el, () => Boolean(el.shadowRoot?.querySelector('[part="error-message"]')), 'the problem');
  },
};

/** A browser without WebAuthn ends at the error step, which suggests another method. */
const unsupported: LoginStory = {
  play: async ({ canvasElement }) => {
    const el = await chipReady(canvasElement);
    withWebAuthn(el, { supported: () => false, authenticate: () => Promise.reject(new Error('unsupported')) });
    await clickPart(el, 'primary');
    await stepShown(el, 'error');
  },
};

export const PasswordFirstDa = inDanish(password);
export const PasswordFirstEn = inEnglish(password);
export const ReadyDa = inDanish(ready);
export const ReadyEn = inEnglish(ready);
export const WaitingForKeyDa = inDanish(waiting);
export const WaitingForKeyEn = inEnglish(waiting);
export const KeyCancelledDa = inDanish(cancelled);
export const KeyCancelledEn = inEnglish(cancelled);
export const NoWebAuthnDa = inDanish(unsupported);
export const NoWebAuthnEn = inEnglish(unsupported);
