import type { Meta } from '@storybook/web-components-vite';
import { argTypes, defaultArgs, loginIn, rendered, renderLogin, startWith, type LoginArgs } from './support/login.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/** Step 1, the user ID: empty, refused before any network call (invalid characters, a CPR number), connecting. */
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

function refused(userId: string): LoginStory {
  return {
    play: async ({ canvasElement }) => {
      const el = await loginIn(canvasElement);
      await startWith(el, userId);
      await rendered(el, () => Boolean(el.querySelector('.mitid-problem')), 'the field problem');
    },
  };
}

export const EmptyDa = inDanish(empty);
export const EmptyEn = inEnglish(empty);
export const MissingDa = inDanish(refused(''));
export const MissingEn = inEnglish(refused(''));
