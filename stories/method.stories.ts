import type { Meta } from '@storybook/web-components-vite';
import { REMEMBER_KEY } from '../src/mitid-login.js';
import { REMEMBER_METHOD_KEY } from '../src/remember.js';
import { argTypes, defaultArgs, loginIn, renderLogin, STORY_USER_ID, type LoginArgs } from './support/login.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * After the user ID: the list of methods first, and nothing starts before the user chooses, unless a method is
 * remembered on this device for the remembered user ID (`remember-user-id`, ticked); then it starts at once.
 */
const meta: Meta<LoginArgs> = {
  title: 'Steps/2 Choosing a method',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
  render: renderLogin,
};
export default meta;

/** Nothing remembered: the list, the same for every user ID; no method started. */
const listFirst: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.waitForStep('method');
  },
};

/** The audio code reader remembered with the user ID: its code field at once, the list one click away. */
const remembered: LoginStory = {
  args: { 'remember-user-id': true },
  beforeEach: () => {
    localStorage.setItem(REMEMBER_KEY, STORY_USER_ID);
    localStorage.setItem(REMEMBER_METHOD_KEY, 'code-reader');
    return () => {
      localStorage.removeItem(REMEMBER_KEY);
      localStorage.removeItem(REMEMBER_METHOD_KEY);
    };
  },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.press(user.words.continue, { exact: true });
    await user.waitForStep('code');
  },
};

export const ListFirstDa = inDanish(listFirst);
export const ListFirstEn = inEnglish(listFirst);
export const RememberedMethodDa = inDanish(remembered);
export const RememberedMethodEn = inEnglish(remembered);
