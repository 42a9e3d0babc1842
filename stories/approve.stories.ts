import type { Meta } from '@storybook/web-components-vite';
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
import type { LoginHarness } from '../testing/index.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * Approve mode (`mode="approve"` and `transaction-text`): "Godkend følgende?", the text exactly as it will be
 * signed (plain text, new lines kept, markup shown literally), who asks, and the reminder; then the app.
 */
const meta: Meta<LoginArgs> = {
  title: 'Steps/5 Approval',
  component: 'mitid-login',
  args: { ...defaultArgs, mode: 'approve', 'transaction-text': 'Overførsel af 2.300 kr. til konto 9978 000123456' },
  argTypes,
  render: renderLogin,
};
export default meta;

const LONG_TEXT = [
  'Fast overførsel hver måned fra konto 1234 5678901 (Budgetkonto)',
  'til konto 9978 000123456 (Udlejer ApS, Nørregade 12, 1165 København K).',
  'Beløb: 8.450,00 kr. Første overførsel: 1. december 2026. Sidste overførsel: ingen slutdato.',
  'Tekst på modtagers kontoudtog: "Husleje lejlighed 3. tv, inkl. varme og vand".',
  'Tekst på egen konto: "Husleje". Gebyr: 0,00 kr.',
  'Aftalen kan ændres eller stoppes i netbanken senest dagen før en overførsel.',
].join('\n');

const MARKUP_TEXT = 'Overfør <b>1 kr.</b> til <img src=x onerror=alert(1)> & "konto" 9978 000123456';

async function approvalShown(canvasElement: HTMLElement): Promise<LoginHarness<MitidLogin>> {
  const user = await loginIn(canvasElement);
  await user.submitUserId(STORY_USER_ID);
  await user.waitForStep('approve');
  return user;
}

/** The text to approve, before any method is chosen. */
function approval(text?: string): LoginStory {
  return {
    ...(text ? { args: { 'transaction-text': text } } : {}),
    play: async ({ canvasElement }) => {
      const user = await approvalShown(canvasElement);
      const expected = text ?? 'Overførsel af 2.300 kr. til konto 9978 000123456';
      await user.until(
        () => user.shadowText('[part="transaction-text"]') === expected.replace(/\s+/g, ' '),
        'the text',
      );
    },
  };
}

/** The user ID step in approve mode says what the user is about to do. */
const userId: LoginStory = {};

/** Continue to approval: the app step keeps the text in view while the user approves in the app. */
const inApp: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await approvalShown(canvasElement);
    await user.continueApproval();
    await user.chooseMethod('app');
    await user.waitForStep('app');
    await qrDrawn(user);
  },
};

/** Approved: the page's back end gets the signed approval (with the text's SHA-256) from `mitid-success`. */
const approved: LoginStory = {
  parameters: { script: { app: [{ after: 0, complete: true }] } },
  play: async ({ canvasElement }) => {
    const user = await approvalShown(canvasElement);
    await user.press(user.words.continueApproval);
    await user.chooseMethod('app');
    await user.waitForStep('done');
  },
};

/** Escape on the text to approve asks first (one key press must not drop a transfer): "Nej, fortsæt" has focus. */
const escapeAsks: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await approvalShown(canvasElement);
    user.element.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }),
    );
    await user.until(() => Boolean(user.shadow('[part~="cancel-question"]')), 'the question');
  },
};

export const UserIdDa = inDanish(userId);
export const UserIdEn = inEnglish(userId);
export const ShortTextDa = inDanish(approval());
export const ShortTextEn = inEnglish(approval());
export const LongTextDa = inDanish(approval(LONG_TEXT));
export const LongTextEn = inEnglish(approval(LONG_TEXT));
export const MarkupShownLiterallyDa = inDanish(approval(MARKUP_TEXT));
export const MarkupShownLiterallyEn = inEnglish(approval(MARKUP_TEXT));
export const InTheAppDa = inDanish(inApp);
export const InTheAppEn = inEnglish(inApp);
export const ApprovedDa = inDanish(approved);
export const ApprovedEn = inEnglish(approved);
export const EscapeAsksFirstDa = inDanish(escapeAsks);
export const EscapeAsksFirstEn = inEnglish(escapeAsks);
