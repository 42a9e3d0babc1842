/**
 * The flow's states and events: the vocabulary of the pure machine (./machine.ts), the runner (./runner.ts) and the
 * element. Types only.
 */
import type { TransactionDetailsProblem, TransactionTextProblem, UserIdProblem } from '../../protocol/rules.js';
import type { TransactionDetails, TransactionLanguage } from '../../protocol/transaction.js';
import type { SessionRef, TransportErrorCode } from '../transport/transport.js';
import type {
  ChooseMethodResponse,
  DeviceKind,
  ErrorCode,
  FailureCode,
  Method,
  Mode,
  PairedBy,
  PendingHint,
  SessionStatusEvent,
} from '../../protocol/page-api.js';

/** Codes the error step can show: the broker's failure and error codes, plus what can go wrong in the browser. */
export type FlowErrorCode =
  FailureCode | ErrorCode | TransportErrorCode | 'missing_config' | 'webauthn_unsupported' | 'webauthn_cancelled';

export type CodeMethod = 'code-display' | 'code-reader';

/**
 * What the broker said about the user ID's wrong tries after the last wrong one: how many are left before its codes,
 * password and chip are blocked, and how long the block that follows lasts (seconds; null: until support).
 */
export interface Tries {
  left: number;
  blockSeconds: number | null;
}

export interface SessionContext {
  ref: SessionRef;
  userId: string;
  mode: Mode;
  /** The normalized text being approved (approve mode only): for a payment or a batch, the broker's rendering. */
  transactionText: string | null;
  /** A payment or a batch being approved, as the broker answered it; null for a free text or a login. */
  transactionDetails: TransactionDetails | null;
  /** The language the broker rendered `transactionDetails` in. */
  transactionLang: TransactionLanguage;
  methods: Method[];
  clientName: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  extensionsLeft: number;
  lastSeq: number;
  method: Method | null;
  /**
   * The method remembered on this device for this user ID (src/remember.ts), if the broker offers it: it starts at
   * once instead of the list. Only a preference: the list stays one click away.
   */
  preferredMethod?: Method | null;
}

export type FlowState =
  | {
      step: 'user-id';
      userId: string;
      problem: UserIdProblem | null;
      busy: boolean;
      notice: 'cancelled' | null;
      /** The session being started is an approval from the page's login hint: no user ID is sent (or known). */
      hinted?: boolean;
    }
  | { step: 'approve'; session: SessionContext }
  | {
      step: 'method';
      session: SessionContext;
      busy: boolean;
      /** The remembered method being started at once (busy): the runner asks the broker for it. */
      starting?: Method;
    }
  | {
      step: 'app';
      session: SessionContext;
      device: DeviceKind;
      hint: PendingHint;
      appLink: string | null;
      qr: string | null;
      /** The pairing code served with the QR frame (6 digits), for users who cannot scan; absent until one came. */
      pairingCode?: string;
      /** With hint `qr-scanned`: whether the app scanned the QR code or took the pairing code (the broker says). */
      pairedBy?: PairedBy;
      busy: boolean;
    }
  | {
      step: 'code';
      session: SessionContext;
      method: CodeMethod;
      attemptsLeft: number | null;
      /** After a wrong code: how many are left, and what follows them. */
      tries: Tries | null;
      problem: 'empty' | 'format' | 'wrong' | 'used' | 'unavailable' | null;
      busy: boolean;
    }
  | {
      step: 'password';
      session: SessionContext;
      attemptsLeft: number | null;
      tries: Tries | null;
      problem: 'empty' | 'too-long' | 'wrong' | 'unavailable' | null;
      busy: boolean;
    }
  | {
      step: 'chip';
      session: SessionContext;
      phase: 'ready' | 'waiting';
      problem: 'failed' | 'cancelled' | null;
      attemptsLeft: number | null;
      tries: Tries | null;
    }
  | { step: 'done'; mode: Mode; method: Method | null; assertion: string; userId: string }
  | {
      step: 'error';
      code: FlowErrorCode;
      retryable: boolean;
      userId: string;
      mode: Mode;
      /** For `factor_blocked` / `blocked`: when the block ends (epoch ms); null: until support. */
      blockedUntil?: number | null;
      /** For `invalid_transaction_text` found before any call: which rule the page's text breaks. */
      textProblem?: TransactionTextProblem;
      /** For `invalid_transaction` found before any call: which rule the page's details break, and where. */
      transactionProblem?: TransactionDetailsProblem;
    };

export type Step = FlowState['step'];

/** What the host configured; checked before any network call. */
export interface StartConfig {
  clientId: string;
  nonce: string;
  mode: Mode;
  transactionText: string;
  /** In approve mode: a payment or a batch to approve instead of `transactionText`; the broker renders it. */
  transactionDetails?: TransactionDetails | null;
  /** The language the broker renders `transactionDetails` in (the element's). */
  transactionLang?: TransactionLanguage;
  /**
   * The method remembered on this device, with the user ID it was remembered for (src/remember.ts). It applies only
   * when the user ID sent is that one; the broker is never told it is a remembered choice.
   */
  remembered?: { userId: string; method: Method } | null;
  /**
   * Approve mode only: the `login_hint` of the user's login at this client (the element's `login-hint`). Given, an
   * approval starts without the user ID, for the user who logged in.
   */
  loginHint?: string;
}

export type FlowEvent =
  | { type: 'submit-user-id'; userId: string; config: StartConfig }
  | { type: 'start-with-hint'; config: StartConfig }
  | {
      type: 'session-created';
      ref: SessionRef;
      mode: Mode;
      transactionText: string;
      transactionDetails?: TransactionDetails | null;
      transactionLang?: TransactionLanguage;
      device: DeviceKind;
      methods: Method[];
      clientName: string;
      expiresAt: number;
      extensionsLeft: number;
      /** The method remembered on this device for the user ID just sent; absent or null: the list shows first. */
      preferredMethod?: Method | null;
    }
  | { type: 'continue-approval'; device: DeviceKind }
  | { type: 'show-methods' }
  | { type: 'choose-method'; method: Method; device: DeviceKind }
  | { type: 'method-chosen'; method: Method; device: DeviceKind; response: ChooseMethodResponse }
  | { type: 'status'; status: SessionStatusEvent }
  | { type: 'qr-frame'; frame: string; pairingCode?: string }
  | { type: 'submit-code'; code: string }
  | { type: 'submit-password'; password: string }
  | { type: 'chip-start' }
  | { type: 'chip-failed'; code: 'webauthn_unsupported' | 'webauthn_cancelled' }
  | { type: 'extended'; expiresAt: number; extensionsLeft: number }
  | {
      type: 'request-failed';
      code: FlowErrorCode;
      attemptsLeft?: number | undefined;
      /** With `attemptsLeft`: the length of the block that follows (seconds); absent: until support. */
      blockSeconds?: number | undefined;
      /** On `factor_blocked`: when the block ends (epoch ms); absent: until support. */
      blockedUntil?: number | undefined;
    }
  | { type: 'tick'; now: number }
  | { type: 'cancelled' }
  | { type: 'reset'; userId?: string };
