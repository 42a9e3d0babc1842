import type { Meta } from '@storybook/web-components-vite';
import type { Method } from '../protocol/page-api.js';
import { argTypes, defaultArgs, loginIn, renderLogin, STORY_USER_ID, type LoginArgs } from './support/login.js';
import type { LoginHarness } from '../testing/index.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * Step 2 without the app: the method list, the 6-digit one-time code from a code display or an audio code reader
 * (wrong codes count for the user ID over every session; the fifth blocks the guessable methods), then the password.
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

function problemShown(user: LoginHarness): Promise<void> {
  return user.until(() => Boolean(user.element.querySelector('.mitid-problem')), 'the field problem');
}

async function codeStep(canvasElement: HTMLElement, method: Method = 'code-display'): Promise<LoginHarness> {
  const user = await loginIn(canvasElement);
  await user.submitUserId(STORY_USER_ID);
  await user.chooseMethod(method);
  return user;
}

/** The methods the broker offers, when the app is not among them. */
const methodList: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.waitForStep('method');
  },
};

function codeEntry(method: Method): LoginStory {
  return {
    play: async ({ canvasElement }) => {
      await codeStep(canvasElement, method);
    },
  };
}

/**
 * A code that is refused: `code` typed (wrong, or not 6 digits), with `attempts` tries left for the user ID before
 * its codes, password and chip are blocked (the broker counts them over every session).
 */
function codeRefused(code: string, attempts = 5, blockSeconds: number | null = 900): LoginStory {
  return {
    parameters: { script: { methods: ['code-display', 'code-reader', 'chip'], attempts, blockSeconds } },
    play: async ({ canvasElement }) => {
      const user = await codeStep(canvasElement);
      await user.submitCode(code);
      await problemShown(user);
    },
  };
}

/** The right code: on to the password. */
const password: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await codeStep(canvasElement);
    await user.submitCode('123456');
    await user.waitForStep('password');
  },
};

const wrongPassword: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await codeStep(canvasElement);
    await user.submitCode('123456');
    await user.waitForStep('password');
    await user.submitPassword('forkert');
    await problemShown(user);
  },
};

/**
 * The last wrong try blocks the user ID's codes, password and chip: the message says until when, and offers no
 * "try again" that could not work (`blockSeconds: null`: until MitID support lifts it).
 */
function blocked(blockSeconds: number | null): LoginStory {
  return {
    parameters: { script: { methods: ['code-display', 'code-reader', 'chip'], attempts: 1, blockSeconds } },
    play: async ({ canvasElement }) => {
      const user = await codeStep(canvasElement);
      await user.submitCode('000000');
      await user.waitForStep('error');
    },
  };
}

/** The user ID is blocked already: choosing the code display says so at once (the app would still work). */
const blockedBeforeAnyCode: LoginStory = {
  parameters: { script: { methods: ['code-display', 'code-reader', 'chip'], blockedUntil: null } },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.waitForStep('method');
    await user.press(new RegExp(`^${user.words.methods['code-display']}`));
    await user.waitForStep('error');
  },
};

/** A code accepted a moment ago (in a login the user gave up on): wait for the next one; no try is counted. */
const codeUsed: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await codeStep(canvasElement);
    await user.submitCode('123456');
    await user.waitForStep('password');
    await user.cancel();
    await user.submitUserId(STORY_USER_ID);
    await user.chooseMethod('code-display');
    await user.submitCode('123456');
    await problemShown(user);
  },
  // The script's code stays used for 30 s, as a code display's code does until the display shows the next one.
  parameters: { script: { methods: ['code-display', 'code-reader', 'chip'], usedCodeMs: 30_000 } },
};

export const MethodListDa = inDanish(methodList);
export const MethodListEn = inEnglish(methodList);
export const CodeDisplayDa = inDanish(codeEntry('code-display'));
export const CodeDisplayEn = inEnglish(codeEntry('code-display'));
export const AudioCodeReaderDa = inDanish(codeEntry('code-reader'));
export const AudioCodeReaderEn = inEnglish(codeEntry('code-reader'));
export const CodeNotSixDigitsDa = inDanish(codeRefused('12ab'));
export const CodeNotSixDigitsEn = inEnglish(codeRefused('12ab'));
export const WrongCodeAttemptsLeftDa = inDanish(codeRefused('000000'));
export const WrongCodeAttemptsLeftEn = inEnglish(codeRefused('000000'));
export const WrongCodeLastAttemptDa = inDanish(codeRefused('000000', 2));
export const WrongCodeLastAttemptEn = inEnglish(codeRefused('000000', 2));
export const WrongCodeLastAttemptUntilSupportDa = inDanish(codeRefused('000000', 2, null));
export const WrongCodeLastAttemptUntilSupportEn = inEnglish(codeRefused('000000', 2, null));
export const BlockedDa = inDanish(blocked(900));
export const BlockedEn = inEnglish(blocked(900));
export const BlockedUntilSupportDa = inDanish(blocked(null));
export const BlockedUntilSupportEn = inEnglish(blocked(null));
export const BlockedBeforeAnyCodeDa = inDanish(blockedBeforeAnyCode);
export const BlockedBeforeAnyCodeEn = inEnglish(blockedBeforeAnyCode);
export const CodeUsedDa = inDanish(codeUsed);
export const CodeUsedEn = inEnglish(codeUsed);
export const PasswordDa = inDanish(password);
export const PasswordEn = inEnglish(password);
export const WrongPasswordDa = inDanish(wrongPassword);
export const WrongPasswordEn = inEnglish(wrongPassword);
