import type { Meta } from '@storybook/web-components-vite';
import { REMEMBER_KEY } from '../src/mitid-login.js';
import {
  argTypes,
  defaultArgs,
  loginIn,
  qrDrawn,
  renderLogin,
  STORY_USER_ID,
  type LoginArgs,
} from './support/login.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * Step 1, the user ID. Problems are found before any network call (empty, invalid characters, a CPR number) and
 * tied to the field; the broker's "connecting" state; back here after a cancel.
 */
const meta: Meta<LoginArgs> = {
  title: 'Steps/1 User ID',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
  render: renderLogin,
};
export default meta;

/** The first thing a user sees: nothing typed yet. */
const empty: LoginStory = {};

/** Submitted with `userId`: refused in the field, with the reason tied to it. */
function refused(userId: string): LoginStory {
  return {
    play: async ({ canvasElement }) => {
      const user = await loginIn(canvasElement);
      await user.submitUserId(userId);
      await user.until(() => Boolean(user.element.querySelector('.mitid-problem')), 'the field problem');
    },
  };
}

/** "Remember my user ID" offered (the `remember-user-id` attribute); nothing is stored until the user ticks it. */
const rememberOffered: LoginStory = { args: { 'remember-user-id': true } };

/** A user ID remembered on this device earlier: filled in, with a button to forget it. */
const remembered: LoginStory = {
  args: { 'remember-user-id': true },
  beforeEach: () => {
    localStorage.setItem(REMEMBER_KEY, 'anna.jensen');
    return () => localStorage.removeItem(REMEMBER_KEY);
  },
};

/** Continue pressed; the broker has not answered yet. */
const connecting: LoginStory = {
  parameters: { script: { latencyMs: 10 * 60_000 } },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.until(() => Boolean(user.shadow('[part="busy"]')), 'the busy text');
  },
};

/** The browser went offline (its `offline` event) before Continue: the element says so and waits. */
const offline: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    window.dispatchEvent(new Event('offline'));
    await user.until(() => Boolean(user.shadow('[part~="connection"]')), 'the offline notice');
  },
};

/** The user cancelled in the app step: back at the start, told so, user ID kept. */
const cancelled: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.chooseMethod('app');
    await user.waitForStep('app');
    await qrDrawn(user);
    await user.cancel();
    await user.waitForStep('user-id');
  },
};

export const EmptyDa = inDanish(empty);
export const EmptyEn = inEnglish(empty);
export const MissingDa = inDanish(refused(''));
export const MissingEn = inEnglish(refused(''));
export const InvalidDa = inDanish(refused('anna<jensen>'));
export const InvalidEn = inEnglish(refused('anna<jensen>'));
export const CprRefusedDa = inDanish(refused('010190-1234'));
export const CprRefusedEn = inEnglish(refused('010190-1234'));
export const TooLongDa = inDanish(refused('a'.repeat(65)));
export const TooLongEn = inEnglish(refused('a'.repeat(65)));
export const RememberOfferedDa = inDanish(rememberOffered);
export const RememberOfferedEn = inEnglish(rememberOffered);
export const RememberedDa = inDanish(remembered);
export const RememberedEn = inEnglish(remembered);
export const ConnectingDa = inDanish(connecting);
export const ConnectingEn = inEnglish(connecting);
export const OfflineDa = inDanish(offline);
export const OfflineEn = inEnglish(offline);
export const CancelledDa = inDanish(cancelled);
export const CancelledEn = inEnglish(cancelled);

/** Connecting with `prefers-reduced-motion: reduce` (emulated in the test run): the spinner stands still. */
export const ConnectingReducedMotionDa: LoginStory = { ...connecting, args: { lang: 'da' }, tags: ['reduced-motion'] };
export const ConnectingReducedMotionEn: LoginStory = { ...connecting, args: { lang: 'en' }, tags: ['reduced-motion'] };
