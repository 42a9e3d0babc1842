/** The same story in Danish and in English: every step and state exists in both languages. */
import type { StoryObj } from '@storybook/web-components-vite';
import type { LoginArgs } from './login.js';

export type LoginStory = StoryObj<LoginArgs>;

export function inDanish(story: LoginStory): LoginStory {
  return { ...story, args: { ...story.args, lang: 'da' } };
}

export function inEnglish(story: LoginStory): LoginStory {
  return { ...story, args: { ...story.args, lang: 'en' } };
}
