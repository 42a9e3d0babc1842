/**
 * The typed message catalogue: every text the element shows. A locale must provide every key.
 *
 * It is written in two parts, so that the first load carries only the first: {@link FirstStepTranslation}, what the
 * user-ID step and the element's frame say before anything else is fetched, and {@link LaterStepsTranslation}, what
 * the steps after it say, which comes with them. A {@link Translation} is both; a page that registers a language
 * gives both at once.
 */
import type { CodeMethod, FlowErrorCode } from '../flow/machine.js';
import type { TransactionTextProblem, UserIdProblem } from '../../protocol/rules.js';
import type { Method, Mode, PendingHint } from '../../protocol/page-api.js';

/** What the user-ID step and the element's frame say: in the first load (for Danish, the default). */
export interface FirstStepTranslation {
  /** BCP 47 language code, e.g. `da`. */
  $code: string;
  /** The language's own name, e.g. `Dansk`. */
  $name: string;

  brand: string;
  heading: Record<Mode, string>;
  intro: Record<Mode, string>;
  userIdLabel: string;
  userIdHint: string;
  userIdProblems: Record<UserIdProblem, string>;
  rememberUserId: string;
  forgetUserId: string;
  userIdForgotten: string;
  continue: string;
  cancel: string;
  /** Escape asks this before cancelling; the answers. */
  cancelQuestion: Record<Mode, string>;
  cancelYes: string;
  cancelNo: string;
  busy: string;
  starting: string;
  cancelledNotice: string;
  /** An approval started with the login's hint (`login-hint`): the user-ID step's intro, without a field. */
  hintedIntro: string;
  /** Shown and announced (politely) while offline or while the status stream reconnects. */
  connectionLost: string;
  /** Announced (politely) when the connection is back. */
  connectionRestored: string;
  /** Of the errors, the first step needs one: the later steps could not be fetched. */
  errors: Pick<ErrorMessages, 'network'>;
}

/**
 * A message for every code the element can show. Codes a newer broker adds may be given before the wire types know
 * them; unknown codes fall back to `internal`.
 */
export type ErrorMessages = Record<FlowErrorCode, string> & { readonly [code: string]: string | undefined };

/** What the steps after the user ID say: fetched with them. */
export interface LaterStepsTranslation {
  approveQuestion: string;
  requestedBy: (serviceName: string) => string;
  approveReminder: string;
  approveContinue: string;

  methodHeading: Record<Mode, string>;
  methodNames: Record<Method, string>;
  methodDescriptions: Record<Method, string>;
  otherMethod: string;

  appHeading: string;
  appInstructionCross: string;
  appInstructionSame: string;
  openApp: string;
  qrAlternative: string;
  /** The QR code's name when a pairing code is shown beside it: names that path. */
  qrAlternativePairing: string;
  /** Before the pairing code ("123 456") beside the QR code. */
  pairingCodeIntro: string;
  readPairingCode: string;
  /**
   * Said by the button, and once when the code changes: the words on screen before the code, then its digits spaced
   * ("1 2 3, 4 5 6"), without a full stop, so every word said is on screen.
   */
  pairingCodeSpoken: (digits: string) => string;
  qrLoading: string;
  hints: Record<PendingHint, string>;
  /** The hint `qr-scanned` when the app took the pairing code instead of a scan of the QR code. */
  pairingAccepted: string;
  timeLeft: (minutes: number, seconds: number) => string;
  timeWarning: string;
  moreTime: string;
  extended: string;
  noMoreTime: string;

  codeHeading: string;
  codeInstruction: Record<CodeMethod, string>;
  codeLabel: string;
  codeProblems: Record<'empty' | 'format' | 'wrong' | 'used' | 'unavailable', string>;
  /**
   * After a wrong try: the tries left for this user ID, and what follows them: a block of `blockSeconds`, or one
   * until support (null).
   */
  attemptsLeft: (attempts: number, blockSeconds: number | null) => string;
  /** Said with `factor_blocked` / `blocked`: when the block ends (`today`: the same day), or null: support lifts it. */
  blockedUntil: (until: Date | null, today: boolean) => string;

  passwordHeading: string;
  passwordInstruction: string;
  passwordLabel: string;
  passwordProblems: Record<'empty' | 'too-long' | 'wrong' | 'unavailable', string>;
  userIdReminder: (userId: string) => string;
  submit: Record<Mode, string>;

  chipHeading: string;
  chipInstruction: string;
  chipStart: string;
  chipWaiting: string;
  chipProblems: Record<'failed' | 'cancelled', string>;

  doneHeading: Record<Mode, string>;
  doneText: Record<Mode, string>;

  errorHeading: string;
  /** Why the page's transaction text was refused (the error step's message for `invalid_transaction_text`). */
  textProblems: Record<TransactionTextProblem, string>;
  retry: string;
  startOver: string;
  /** After a refused login hint: the way on, to the user-ID step (the transaction is kept). */
  enterUserId: string;
  /** A message for every code the element can show (`errors.network` too: a language gives it once, here). */
  errors: ErrorMessages;
  /** Where a login's message differs from `errors` (which speaks of approving): only those codes. */
  loginErrors: Partial<Record<FlowErrorCode, string>>;
}

/** A whole catalogue: both parts. */
export interface Translation extends Omit<FirstStepTranslation, 'errors'>, LaterStepsTranslation {}
