import type { Meta } from '@storybook/web-components-vite';
import type { MitidLogin } from '../src/mitid-login.js';
import {
  argTypes,
  chooseMethod,
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
 * Step 2 without the app: the method list, the 6-digit one-time code from a code display or an audio code reader
 * (wrong codes cost an attempt; the last ones lock the session), then the password.
 */
const meta: Meta<LoginArgs> = {
  title: 'Steps/3 Code and password',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
  render: renderLogin,
  // No app offered: the element starts at the method list. The script's code is 123456, the password hemmelig.
  parameters: { script: { methods: ['code-display', 'code-reader', 'chip'] } },
};
export default meta;

const CODE_DISPLAY = 0;
const CODE_READER = 1;

function problemShown(el: MitidLogin): Promise<void> {
  return rendered(el, () => Boolean(el.querySelector('.mitid-problem')), 'the field problem');
}

/** The methods the broker offers, when the app is not among them. */
const methodList: LoginStory = {
  play: async ({ canvasElement }) => {
    const el = await loginIn(canvasElement);
    await submitField(el, 'username', 'anna.jensen');
    await stepShown(el, 'method');
  },
};

function codeEntry(method: number): LoginStory {
  return {
    play: async ({ canvasElement }) => {
      await chooseMethod(await loginIn(canvasElement), method, 'code');
    },
  };
}

/** A code that is refused: `code` typed (wrong, or not 6 digits); `attempts` tries in all. */
function codeRefused(code: string, attempts = 3): LoginStory {
  return {
    parameters: { script: { methods: ['code-display', 'code-reader', 'chip'], attempts } },
    play: async ({ canvasElement }) => {
      const el = await loginIn(canvasElement);
      await chooseMethod(el, CODE_DISPLAY, 'code');
      await submitField(el, 'one-time-code', code);
      await problemShown(el);
    },
  };
}

/** The right code: on to the password. */
const password: LoginStory = {
  play: async ({ canvasElement }) => {
    const el = await loginIn(canvasElement);
    await chooseMethod(el, CODE_DISPLAY, 'code');
    await submitField(el, 'one-time-code', '123456');
    await stepShown(el, 'password');
  },
};

const wrongPassword: LoginStory = {
  play: async ({ canvasElement }) => {
    const el = await loginIn(canvasElement);
    await chooseMethod(el, CODE_DISPLAY, 'code');
    await submitField(el, 'one-time-code', '123456');
    await stepShown(el, 'password');
    await submitField(el, 'password', 'forkert');
    await problemShown(el);
  },
};

/** The last wrong code locks the session. */
const locked: LoginStory = {
  parameters: { script: { methods: ['code-display', 'code-reader', 'chip'], attempts: 1 } },
  play: async ({ canvasElement }) => {
    const el = await loginIn(canvasElement);
    await chooseMethod(el, CODE_DISPLAY, 'code');
    await submitField(el, 'one-time-code', '000000');
    await stepShown(el, 'error');
  },
};

export const MethodListDa = inDanish(methodList);
export const MethodListEn = inEnglish(methodList);
export const CodeDisplayDa = inDanish(codeEntry(CODE_DISPLAY));
export const CodeDisplayEn = inEnglish(codeEntry(CODE_DISPLAY));
export const AudioCodeReaderDa = inDanish(codeEntry(CODE_READER));
export const AudioCodeReaderEn = inEnglish(codeEntry(CODE_READER));
export const CodeNotSixDigitsDa = inDanish(codeRefused('12ab'));
export const CodeNotSixDigitsEn = inEnglish(codeRefused('12ab'));
export const WrongCodeAttemptsLeftDa = inDanish(codeRefused('000000'));
export const WrongCodeAttemptsLeftEn = inEnglish(codeRefused('000000'));
export const WrongCodeLastAttemptDa = inDanish(codeRefused('000000', 2));
export const WrongCodeLastAttemptEn = inEnglish(codeRefused('000000', 2));
export const LockedDa = inDanish(locked);
export const LockedEn = inEnglish(locked);
export const PasswordDa = inDanish(password);
export const PasswordEn = inEnglish(password);
export const WrongPasswordDa = inDanish(wrongPassword);
export const WrongPasswordEn = inEnglish(wrongPassword);
