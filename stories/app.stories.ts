import type { Meta } from '@storybook/web-components-vite';
import type { MitidLogin } from '../src/mitid-login.js';
import type { PendingHint } from '../protocol/page-api.js';
import {
  argTypes,
  clockOf,
  defaultArgs,
  loginIn,
  qrDrawn,
  renderLogin,
  scriptOf,
  translation,
  STORY_USER_ID,
  type LoginArgs,
} from './support/login.js';
import type { LoginHarness } from '../testing/index.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * Step 2, the MitID app: the live QR code (a new frame every second from the transport), the app's hints as the
 * broker reports them, the same-device link, the time warning with "More time", and a dropped network.
 */
const meta: Meta<LoginArgs> = {
  title: 'Steps/2 MitID app',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
  render: renderLogin,
};
export default meta;

function hintShown(user: LoginHarness<MitidLogin>, hint: PendingHint): Promise<void> {
  const expected = translation(user.element.lang).hints[hint];
  return user.until(() => user.shadowText('[part="hint"]') === expected, `the hint "${expected}"`);
}

async function appWaiting(canvasElement: HTMLElement): Promise<LoginHarness<MitidLogin>> {
  const user = await loginIn(canvasElement);
  await user.submitUserId(STORY_USER_ID);
  await user.chooseMethod('app');
  await user.waitForStep('app');
  await qrDrawn(user);
  await hintShown(user, 'outstanding');
  return user;
}

/** Waiting for the user to open the app and scan: the QR code changes every second. */
const waiting: LoginStory = {
  play: async ({ canvasElement }) => {
    await appWaiting(canvasElement);
  },
};

/** The app reports a hint, pushed by the script as the broker would. */
function hinted(hint: PendingHint): LoginStory {
  return {
    play: async ({ canvasElement }) => {
      const user = await appWaiting(canvasElement);
      scriptOf(user.element).push({ status: 'pending', hint });
      await hintShown(user, hint);
    },
  };
}

/** On a phone (`device="same"`): a link opens the app on this device instead of a QR code. */
const sameDevice: LoginStory = {
  args: { device: 'same' },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.chooseMethod('app');
    await user.waitForStep('app');
    await user.until(() => Boolean(user.shadow('[part~="app-link"]')), 'the app link');
  },
};

/** Less than a minute left: the warning (announced once) and "More time" (WCAG 2.2.1). */
const timeRunningOut: LoginStory = {
  parameters: { sessionLeftMs: 45_000 },
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    await user.until(() => user.shadow('.time-warning') !== null, 'the time warning');
  },
};

/** Less than a minute left and no extensions left: the user is told that no more time can be had. */
const noMoreTime: LoginStory = {
  parameters: { sessionLeftMs: 45_000, script: { extensions: 0 } },
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    await user.until(() => user.shadow('.time-warning') !== null, 'the time warning');
  },
};

/** "More time" pressed: the session has its full time again and one extension fewer. */
const extended: LoginStory = {
  parameters: { sessionLeftMs: 45_000 },
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    await user.until(() => user.shadow('.time-warning') !== null, 'the time warning');
    clockOf(user.element).offsetMs = 0;
    await user.moreTime();
    await user.until(() => user.shadow('.time-warning') === null, 'the time without warning');
  },
};

function connectionNotice(user: LoginHarness): boolean {
  return Boolean(user.shadow('[part~="connection"]'));
}

/**
 * The network dropped while the app was scanned: the element says the connection is lost and that it keeps
 * trying; the scan is held back until the stream is back.
 */
const networkLost: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    const script = scriptOf(user.element);
    script.dropNetwork();
    script.push({ status: 'pending', hint: 'qr-scanned' });
    await user.until(() => connectionNotice(user), 'the lost-connection notice');
  },
};

/** Back online (the browser's `online` event): the notice goes, the stream resumes and the missed hint arrives. */
const networkResumed: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    const script = scriptOf(user.element);
    script.dropNetwork();
    script.push({ status: 'pending', hint: 'qr-scanned' });
    await user.until(() => connectionNotice(user), 'the lost-connection notice');
    script.restoreNetwork();
    window.dispatchEvent(new Event('online'));
    await hintShown(user, 'qr-scanned');
    await user.until(() => !connectionNotice(user), 'the notice gone');
  },
};

/**
 * Can't scan (WCAG 1.1.1): the broker's pairing code beside the QR code, as text, with "Read the code aloud"; typed
 * into the MitID app it does what a scan does. The QR image's name points to it.
 */
const pairingCode: LoginStory = {
  parameters: { script: { pairingCodes: ['123456', '654321'] } },
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    await user.until(() => user.shadowText('.pairing-code') === '123 456', 'the pairing code');
  },
};

/** The pairing code typed into the app and accepted (the broker says `paired_by: 'code'`): the hint says so. */
const pairingAccepted: LoginStory = {
  parameters: { script: { pairingCodes: ['123456', '654321'] } },
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    await user.until(() => user.shadowText('.pairing-code') === '123 456', 'the pairing code');
    scriptOf(user.element).push({ status: 'pending', hint: 'qr-scanned', paired_by: 'code' });
    const expected = translation(user.element.lang).pairingAccepted;
    await user.until(() => user.shadowText('[part="hint"]') === expected, `the hint "${expected}"`);
  },
};

/** "Choose another method": the methods the broker offers. */
const methods: LoginStory = {
  play: async ({ canvasElement }) => {
    const user = await appWaiting(canvasElement);
    await user.otherMethod();
    await user.waitForStep('method');
  },
};

export const WaitingWithLiveQrDa = inDanish(waiting);
export const WaitingWithLiveQrEn = inEnglish(waiting);
export const QrScannedDa = inDanish(hinted('qr-scanned'));
export const QrScannedEn = inEnglish(hinted('qr-scanned'));
export const UserSigningDa = inDanish(hinted('user-signing'));
export const UserSigningEn = inEnglish(hinted('user-signing'));
export const SameDeviceDa = inDanish(sameDevice);
export const SameDeviceEn = inEnglish(sameDevice);
export const TimeRunningOutDa = inDanish(timeRunningOut);
export const TimeRunningOutEn = inEnglish(timeRunningOut);
export const NoMoreTimeDa = inDanish(noMoreTime);
export const NoMoreTimeEn = inEnglish(noMoreTime);
export const ExtendedDa = inDanish(extended);
export const ExtendedEn = inEnglish(extended);
export const NetworkLostDa = inDanish(networkLost);
export const NetworkLostEn = inEnglish(networkLost);
export const NetworkResumedDa = inDanish(networkResumed);
export const NetworkResumedEn = inEnglish(networkResumed);
export const PairingCodeDa = inDanish(pairingCode);
export const PairingCodeEn = inEnglish(pairingCode);
export const PairingAcceptedDa = inDanish(pairingAccepted);
export const PairingAcceptedEn = inEnglish(pairingAccepted);
export const OtherMethodsDa = inDanish(methods);
export const OtherMethodsEn = inEnglish(methods);

/** With `prefers-reduced-motion: reduce` (emulated in the test run): the QR code still refreshes, nothing animates. */
export const WaitingReducedMotionDa: LoginStory = { ...waiting, args: { lang: 'da' }, tags: ['reduced-motion'] };
export const WaitingReducedMotionEn: LoginStory = { ...waiting, args: { lang: 'en' }, tags: ['reduced-motion'] };
