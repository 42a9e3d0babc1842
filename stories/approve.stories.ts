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
import type { BatchDetails, PaymentDetails } from '../protocol/transaction.js';

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

const PAYMENT: PaymentDetails = {
  kind: 'payment',
  amount: { value: '2300.00', currency: 'DKK' },
  payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
  reference: 'Faktura 1207',
};

const BATCH: BatchDetails = {
  kind: 'batch',
  payments: [
    {
      amount: { value: '8450.00', currency: 'DKK' },
      payee: { name: 'Udlejer ApS', account: { reg: '9978', number: '000123456' } },
      reference: 'Husleje',
    },
    {
      amount: { value: '129.95', currency: 'EUR' },
      payee: { name: 'Karen Jensen', account: { iban: 'DK5000400440116243' } },
    },
  ],
};

/**
 * A payment or a batch given as data (the `transaction` property): the broker's rendering in the element's language,
 * each amount and account number whole in its own left-to-right isolate.
 */
function structured(details: PaymentDetails | BatchDetails): LoginStory {
  return {
    args: { 'transaction-text': '', transaction: details },
    play: async ({ canvasElement }) => {
      const user = await approvalShown(canvasElement);
      await user.until(() => Boolean(user.shadow('[part~="transaction-account"]')), 'the account number');
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

/**
 * From the login's hint (`login-hint`): the approval starts by itself for the user who logged in, without the user
 * ID, and shows the text at once; the method list follows.
 */
const fromLoginHint: LoginStory = {
  args: { 'login-hint': 'h1.story-login-hint' },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.waitForStep('approve');
  },
};

/** After a cancel, the hinted start offers Continue (with the hint again), not the user-ID field. */
const fromLoginHintCancelled: LoginStory = {
  args: { 'login-hint': 'h1.story-login-hint' },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.waitForStep('approve');
    await user.cancel();
    await user.waitForStep('user-id');
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
export const FromLoginHintDa = inDanish(fromLoginHint);
export const FromLoginHintEn = inEnglish(fromLoginHint);
export const FromLoginHintCancelledDa = inDanish(fromLoginHintCancelled);
export const FromLoginHintCancelledEn = inEnglish(fromLoginHintCancelled);
export const InTheAppDa = inDanish(inApp);
export const InTheAppEn = inEnglish(inApp);
export const ApprovedDa = inDanish(approved);
export const ApprovedEn = inEnglish(approved);
export const EscapeAsksFirstDa = inDanish(escapeAsks);
export const EscapeAsksFirstEn = inEnglish(escapeAsks);
export const PaymentDa = inDanish(structured(PAYMENT));
export const PaymentEn = inEnglish(structured(PAYMENT));
export const BatchDa = inDanish(structured(BATCH));
export const BatchEn = inEnglish(structured(BATCH));
