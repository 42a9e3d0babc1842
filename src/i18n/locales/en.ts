/** English. */
import type { Translation } from '../translation.js';

const tryAgain = 'Please try again in a moment.';
const contactService = 'Please contact the service you are trying to use.';
const theText = 'The text to approve';
const guessable = 'MitID with a code display, audio code reader or chip';
const tooManyTries = `There have been too many wrong tries, so ${guessable} is blocked.`;

const timeOf = (at: Date) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
const dateOf = (at: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long' }).format(at);

/** 900 → "15 minutes", 3600 → "1 hour", 86400 → "24 hours". */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export const en: Translation = {
  $code: 'en',
  $name: 'English',

  brand: 'MitID',
  heading: { login: 'Log in with MitID', approve: 'Approve with MitID' },
  intro: {
    login: 'Enter your user ID to log in.',
    approve: 'Enter your user ID to approve.',
  },
  userIdLabel: 'User ID',
  userIdHint: 'Your user ID is never your CPR number.',
  userIdProblems: {
    empty: 'Enter your user ID.',
    'too-long': 'Your user ID is too long. It can be at most 64 characters.',
    cpr: 'Your user ID must never be your CPR number. Use the user ID you chose when you got MitID.',
    'invalid-characters': 'Your user ID may only contain letters, digits and the characters . _ @ + -',
  },
  rememberUserId: 'Remember my user ID on this device',
  forgetUserId: 'Forget my user ID on this device',
  userIdForgotten: 'Your user ID is no longer stored on this device.',
  continue: 'Continue',
  cancel: 'Cancel',
  cancelQuestion: {
    login: 'Do you want to cancel? You are not logged in yet.',
    approve: 'Do you want to cancel? Nothing has been approved yet.',
  },
  cancelYes: 'Yes, cancel',
  cancelNo: 'No, continue',
  busy: 'Please wait …',
  starting: 'Connecting to MitID …',
  cancelledNotice: 'You cancelled. You can start again when you are ready.',
  hintedIntro: 'You approve as the user who is logged in. You do not need to enter your user ID again.',

  approveQuestion: 'Approve the following?',
  requestedBy: (serviceName) => `Requested by ${serviceName}`,
  approveReminder:
    'Read the text before you approve. Only approve if you started this yourself and the text matches what you want to do. ' +
    'Never approve because someone asked you to in a call, an email or a text message.',
  approveContinue: 'Continue to approval',

  methodHeading: { login: 'Choose how to log in', approve: 'Choose how to approve' },
  methodNames: {
    app: 'MitID app',
    'code-display': 'MitID code display',
    'code-reader': 'MitID audio code reader',
    chip: 'MitID chip',
  },
  methodDescriptions: {
    app: 'Approve with a swipe in the app on your phone or tablet.',
    'code-display': 'Enter the one-time code from your code display.',
    'code-reader': 'Enter the one-time code your audio code reader shows or reads aloud.',
    chip: 'Use your MitID chip (security key) and your password.',
  },
  otherMethod: 'Choose another method',

  appHeading: 'Open the MitID app and approve',
  appInstructionCross: 'Open the MitID app on your phone or tablet and scan the QR code. Then approve in the app.',
  appInstructionSame:
    'Press the button to open the MitID app on this device and approve there. Then come back here. ' +
    'This page carries on by itself.',
  openApp: 'Open the MitID app',
  qrAlternative:
    'QR code for the MitID app, to be scanned with the app. If you cannot scan it, choose another method, ' +
    'such as the MitID audio code reader.',
  qrLoading: 'Loading QR code …',
  qrAlternativePairing:
    'QR code for the MitID app. If you cannot scan it, type the pairing code shown below the QR code in the MitID app.',
  pairingCodeIntro: 'Cannot scan? Type the pairing code in the MitID app:',
  readPairingCode: 'Read the code aloud',
  pairingCodeSpoken: (digits) => `Type the pairing code in the MitID app: ${digits}`,
  hints: {
    'method-required': 'Connecting to MitID …',
    outstanding: 'Waiting for you to open the MitID app.',
    'qr-scanned': 'QR code scanned. Open the request in the MitID app.',
    'user-signing': 'Approve in the MitID app.',
    'code-required': 'Waiting for your one-time code.',
    'password-required': 'Waiting for your password.',
    'chip-required': 'Waiting for your MitID chip.',
  },
  pairingAccepted: 'Pairing code accepted. Open the request in the MitID app.',
  timeLeft: (minutes, seconds) => `Time left: ${minutes}:${String(seconds).padStart(2, '0')}`,
  timeWarning: 'Less than a minute left. Choose “More time” if you need it.',
  moreTime: 'More time',
  extended: 'You have been given more time.',
  noMoreTime: 'You cannot get more time.',
  connectionLost: 'The connection was lost – trying again.',
  connectionRestored: 'The connection is back.',

  codeHeading: 'Enter one-time code',
  codeInstruction: {
    'code-display': 'Enter the 6-digit code your MitID code display shows now.',
    'code-reader': 'Enter the 6-digit code your MitID audio code reader shows or reads aloud.',
  },
  codeLabel: 'One-time code (6 digits)',
  codeProblems: {
    empty: 'Enter the one-time code.',
    format: 'The one-time code must be 6 digits.',
    wrong: 'The one-time code is wrong. Check it and try again.',
    used: 'This one-time code has just been used. Wait for the next code and enter it.',
    unavailable: 'MitID cannot be reached right now. Send the code again in a moment.',
  },
  attemptsLeft: (attempts, blockSeconds) =>
    `${attempts === 1 ? '1 try' : `${attempts} tries`} left before ${guessable} is blocked ` +
    (blockSeconds === null ? 'until MitID support unblocks it.' : `for ${duration(blockSeconds)}.`),
  blockedUntil: (until, today) =>
    until === null
      ? 'Please contact MitID support to have the block lifted. If you have the MitID app, you can still use it.'
      : `You can try again ${today ? '' : `on ${dateOf(until)} `}at ${timeOf(until)}. ` +
        'If you have the MitID app, you can use it meanwhile.',

  passwordHeading: 'Enter password',
  passwordInstruction: 'Enter the password for your MitID.',
  passwordLabel: 'Password',
  passwordProblems: {
    empty: 'Enter your password.',
    'too-long': 'The password is too long. It can be at most 128 characters.',
    wrong: 'The password is wrong. Try again.',
    unavailable: 'MitID cannot be reached right now. Please try again in a moment.',
  },
  userIdReminder: (userId) => `User ID: ${userId}`,
  submit: { login: 'Log in', approve: 'Approve' },

  chipHeading: 'Use your MitID chip',
  chipInstruction:
    'Insert your MitID chip or hold it to the device. Then press the button and follow your browser’s instructions.',
  chipStart: 'Use MitID chip',
  chipWaiting: 'Follow your browser’s instructions to use your chip …',
  chipProblems: {
    failed: 'Your MitID chip could not be verified. Please try again.',
    cancelled: 'Using your chip was cancelled. Press “Use MitID chip” to try again.',
  },

  doneHeading: { login: 'You are logged in', approve: 'Approved' },
  doneText: { login: 'You logged in with MitID.', approve: 'You approved with MitID.' },

  errorHeading: 'That did not work',
  textProblems: {
    empty: `${theText} is empty. ${contactService}`,
    'too-long': `${theText} is too long. ${contactService}`,
    'control-characters': `${theText} contains control characters. ${contactService}`,
    'direction-marks': `${theText} contains invisible direction marks that can swap numbers. ${contactService}`,
    'invisible-characters': `${theText} contains invisible characters. ${contactService}`,
    'blank-lines': `${theText} has too many blank lines. ${contactService}`,
  },
  retry: 'Try again',
  startOver: 'Start over',
  enterUserId: 'Enter user ID',
  errors: {
    rejected: 'You rejected the request in the MitID app. Nothing was approved.',
    expired: 'Time ran out before you approved. Nothing was approved.',
    cancelled: 'The request was cancelled. Nothing was approved.',
    locked: 'Your MitID is locked. Please contact MitID support. Nothing was approved.',
    blocked: tooManyTries,
    factor_blocked: tooManyTries,
    superseded: 'You have started MitID again in another tab or window. Please continue there.',
    code_used: 'This one-time code has just been used. Wait for the next code.',
    activation_required: `An activation code is needed. ${contactService}`,
    invalid_activation: 'The activation code is wrong, used or expired.',
    device_pending: 'Your MitID app is not ready yet. It will be active shortly.',
    parallel_session:
      'Another request was started with your user ID at the same time, so both were stopped. ' +
      'If that was not you, please contact MitID support.',
    'parallel-session':
      'Another request was started with your user ID at the same time, so both were stopped. ' +
      'If that was not you, please contact MitID support.',
    internal: `MitID could not complete the request. Nothing was approved. ${tryAgain}`,
    invalid_json: `A technical error occurred. ${contactService}`,
    invalid_request: `A technical error occurred. ${contactService}`,
    body_too_large: `A technical error occurred. ${contactService}`,
    unsupported_media_type: `A technical error occurred. ${contactService}`,
    not_found: `A technical error occurred. ${contactService}`,
    unknown_client: `This service is not set up for MitID. ${contactService}`,
    origin_not_allowed: `This page may not use MitID. ${contactService}`,
    invalid_user_id: 'Your user ID may only contain letters, digits and the characters . _ @ + -',
    cpr_user_id: 'Your user ID must never be your CPR number.',
    invalid_transaction_text: `${theText} cannot be used. ${contactService}`,
    invalid_transaction: `The payment to approve is not filled in correctly. ${contactService}`,
    mitid_text_too_long: `${theText} is too long for MitID. ${contactService}`,
    session_not_found: 'The request no longer exists. Please start over.',
    invalid_token: 'The request no longer exists. Please start over.',
    session_finished: 'The request has already ended. Please start over.',
    wrong_step: `Something happened in the wrong order. ${tryAgain}`,
    method_unavailable: 'The chosen method cannot be used here. Please choose another method.',
    wrong_code: 'The one-time code is wrong.',
    wrong_password: 'The password is wrong.',
    extend_limit: 'You cannot get more time.',
    rate_limited: `Too many attempts right now. ${tryAgain}`,
    store_unavailable: `MitID cannot be used right now. Nothing was changed. ${tryAgain}`,
    broker_busy: `MitID is very busy right now. Nothing was checked, and no try was used. ${tryAgain}`,
    method_change_limit: 'You have changed method too many times. Please start over.',
    invalid_login_hint: 'The approval could not be started from your login. Enter your user ID to continue.',
    login_hint_expired: 'It is too long since you logged in. Enter your user ID to continue.',
    login_hint_client: 'Your login belongs to another service. Enter your user ID to continue.',
    qr_invalid: 'The QR code could not be used. Scan the new QR code.',
    qr_expired: 'The QR code is too old. Scan the new QR code.',
    pairing_invalid: 'The pairing code is wrong. Check it and try again.',
    pairing_expired: 'The pairing code is too old or was used already. Type the code shown now.',
    invalid_signature: 'The approval from the MitID app could not be verified. Nothing was approved.',
    invalid_device: 'Your MitID app was not recognised. Nothing was approved.',
    webauthn_failed: 'Your MitID chip could not be used. Nothing was approved.',
    network: `There is no connection to MitID. Check your internet connection. ${tryAgain}`,
    aborted: 'The request was interrupted.',
    bad_response: `MitID did not answer as expected. ${tryAgain}`,
    missing_config: `This page is missing what it needs to use MitID. ${contactService}`,
    webauthn_unsupported:
      'Your browser cannot use a MitID chip (WebAuthn). Use a newer browser, or choose another method.',
    webauthn_cancelled: 'Using your MitID chip was cancelled or did not work. Please try again.',
  },
  loginErrors: {
    rejected: 'You rejected the request in the MitID app. You are not logged in.',
    expired: 'Time ran out before you logged in.',
    cancelled: 'The request was cancelled. You are not logged in.',
    locked: 'Your MitID is locked. Please contact MitID support. You are not logged in.',
    internal: `MitID could not complete the request. You are not logged in. ${tryAgain}`,
    invalid_signature: 'The approval from the MitID app could not be verified. You are not logged in.',
    invalid_device: 'Your MitID app was not recognised. You are not logged in.',
    webauthn_failed: 'Your MitID chip could not be used. You are not logged in.',
  },
};

export default en;
