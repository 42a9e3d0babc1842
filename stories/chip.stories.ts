import type { Meta } from '@storybook/web-components-vite';
import type { WebAuthnPort } from '../src/flow/runner.js';
import type { MitidLogin } from '../src/mitid-login.js';
import { argTypes, defaultArgs, loginIn, renderLogin, STORY_USER_ID, type LoginArgs } from './support/login.js';
import type { LoginHarness } from '../testing/index.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * The MitID chip (a FIDO security key): the browser's own WebAuthn prompt first, then the password (what the user
 * knows always comes last, so no answer tells a right password before the key). Stories never reach the real
 * prompt: the element's WebAuthn test seam (`webauthnLoader`, marked internal) gets a stand-in.
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

async function chipReady(canvasElement: HTMLElement): Promise<LoginHarness<MitidLogin>> {
  const user = await loginIn(canvasElement);
  await user.submitUserId(STORY_USER_ID);
  await user.chooseMethod('chip');
  await user.waitForStep('chip');
  return user;
}

function withWebAuthn(el: MitidLogin, port: WebAuthnPort) {
  el.webauthnLoader = () => Promise.resolve(port);
}

/** The key comes first: press the button to use the chip. */
const ready: LoginStory = {
  play: async ({ canvasElement }) => {
    await chipReady(canvasElement);
  },
};

/** The key has answered: the password finishes the login. */
const passwordAfterKey: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await chipReady(canvasElement);
    withWebAuthn(user.element, {
      supported: () => true,
      authenticate: async () => ({ id: 'story-key', type: 'public-key', response: {} }),
    });
    await user.useChip();
    await user.waitForStep('password');
  },
};

/** The browser's prompt is open (here: a stand-in that never answers). */
const waiting: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await chipReady(canvasElement);
    withWebAuthn(user.element, { supported: () => true, authenticate: () => new Promise(() => undefined) });
    await user.useChip();
    await user.until(() => Boolean(user.shadow('[part="busy"]')), 'the waiting text');
  },
};

/** The user closed the browser's prompt: the chip is offered again. */
const cancelled: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await chipReady(canvasElement);
    withWebAuthn(user.element, {
      supported: () => true,
      authenticate: () => Promise.reject(new DOMException('The operation was cancelled.', 'NotAllowedError')),
    });
    await user.useChip();
    await user.until(() => Boolean(user.shadow('[part="error-message"]')), 'the problem');
  },
};

/** A browser without WebAuthn ends at the error step, which suggests another method. */
const unsupported: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await chipReady(canvasElement);
    withWebAuthn(user.element, {
      supported: () => false,
      authenticate: () => Promise.reject(new Error('unsupported')),
    });
    await user.useChip();
    await user.waitForStep('error');
  },
};

export const ReadyDa = inDanish(ready);
export const ReadyEn = inEnglish(ready);
export const PasswordAfterKeyDa = inDanish(passwordAfterKey);
export const PasswordAfterKeyEn = inEnglish(passwordAfterKey);
export const WaitingForKeyDa = inDanish(waiting);
export const WaitingForKeyEn = inEnglish(waiting);
export const KeyCancelledDa = inDanish(cancelled);
export const KeyCancelledEn = inEnglish(cancelled);
export const NoWebAuthnDa = inDanish(unsupported);
export const NoWebAuthnEn = inEnglish(unsupported);
