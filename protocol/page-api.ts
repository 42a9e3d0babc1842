/**
 * The page API: what `<mitid-login>` (or any page-side client) and a broker say to each other, and the signed
 * assertion a relying party verifies. Part of the wire contract (`protocol/`): the element (`src/`), the broker
 * (`server/`), the verifier (`verify/`) and the demo import it, and nothing else from each other, so it holds only
 * types and constants: no DOM, no Node, no Lit. `docs/protocol.md` explains every field in prose. The API of the
 * MitID app and other authenticators is in ./app-api.ts.
 */
import type { TransactionProblem, TransactionTextProblem } from './rules.js';
import type { EnrolProblem } from './enrol-api.js';
import type { TransactionDetails, TransactionLanguage } from './transaction.js';

export type { TransactionDetails, TransactionLanguage } from './transaction.js';

export const API_PREFIX = '/v1';

/** What a session is for: a plain login, or the approval of a transaction text (PSD2 dynamic linking). */
export type Mode = 'login' | 'approve';

/** The ways a user can prove who they are. */
export type Method = 'app' | 'code-display' | 'code-reader' | 'chip';

export const METHODS: readonly Method[] = ['app', 'code-display', 'code-reader', 'chip'];

/** Where the MitID app runs relative to the browser: another device (scan the QR) or this one (open a link). */
export type DeviceKind = 'cross' | 'same';

/** Overall state of a session. */
export type SessionStatus = 'pending' | 'complete' | 'failed';

/**
 * What the session is waiting for while `pending` (like BankID's hintCode). Every hint has a message key in
 * the element's catalogues.
 */
export type PendingHint =
  | 'method-required' // created; the user has not chosen a method yet
  | 'outstanding' // app chosen; waiting for the user to open the app (and scan the QR on cross-device)
  | 'qr-scanned' // the app scanned a fresh QR frame; waiting for the user to open the request
  | 'user-signing' // the user has the request open in the app (PIN / swipe)
  | 'code-required' // code display / code reader chosen; waiting for the 6-digit code
  | 'chip-required' // chip chosen; waiting for the WebAuthn ceremony (the key first, then the password)
  | 'password-required'; // the code or the key is right; waiting for the password, which is always asked last

/** Why a session failed. Stable: integrators switch on these. */
export type FailureCode =
  | 'rejected' // the user rejected the request in the app
  | 'expired' // the session ran out of time
  | 'cancelled' // the user (or the page) cancelled
  | 'locked' // the MitID is locked (by support); a correct first factor is needed to learn it
  | 'blocked' // too many wrong codes, passwords or chip answers for this user ID: see `blocked_until`
  | 'parallel-session' // the user's app had seen another request for the same user ID; both are stopped
  | 'superseded' // a newer login from the same browser and client replaced this one
  | 'internal'; // the broker could not finish; nothing was signed

/** Error codes of 4xx/5xx JSON answers: `{ error: { code, message } }`. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'unknown_client'
  | 'origin_not_allowed'
  | 'invalid_user_id'
  | 'cpr_user_id'
  | 'invalid_transaction_text'
  /** 400: the structured transaction (`transaction.details`) breaks a rule: see `reason` and `path`. */
  | 'invalid_transaction'
  /**
   * 400: the client is in MitID-compatible mode and the text (or the rendering of the details) is longer than MitID's
   * 130-character reference text.
   */
  | 'mitid_text_too_long'
  | 'session_not_found'
  | 'invalid_token'
  | 'session_finished'
  | 'wrong_step'
  | 'method_unavailable'
  | 'wrong_code'
  | 'wrong_password'
  /** 400: this code was accepted a moment ago; wait for the next one. Costs no try. */
  | 'code_used'
  /** 423: the identity's codes, password and chip are blocked after 5 wrong tries in a row: see `blocked_until`. */
  | 'factor_blocked'
  | 'locked'
  | 'extend_limit'
  | 'rate_limited'
  | 'qr_invalid'
  | 'qr_expired'
  /** 400: the pairing code typed in the app is wrong (counted: too many in a while answer `rate_limited`). */
  | 'pairing_invalid'
  /** 400: the pairing code is too old, or was used already for this login; type the one on the screen now. */
  | 'pairing_expired'
  | 'invalid_signature'
  | 'invalid_device'
  | 'webauthn_failed'
  /** 403: adding an authenticator needs proof: the letter's activation code, or a recent login at a high enough level. */
  | 'activation_required'
  /** 400: the activation code or ticket is wrong, used or expired (one answer for all, and for unknown user IDs). */
  | 'invalid_activation'
  /** 409: this app device is waiting for its activation to take effect (`active_from`). */
  | 'device_pending'
  /** 409: the user's app had seen another request for the same user ID; both are stopped. */
  | 'parallel_session'
  /** 503: the broker's shared store (Redis) cannot be reached; nothing was changed. Retry shortly. */
  | 'store_unavailable'
  /**
   * 503, with `Retry-After`: the broker has as much expensive work (password checks) queued as it takes; nothing
   * was checked and no try was counted. Retry shortly.
   */
  | 'broker_busy'
  /** 409: this session has changed method as often as it may (`maxMethodChanges`); start a new one. */
  | 'method_change_limit'
  /** 400: the `login_hint` is not one this broker sealed (tampered, truncated), or was given for a login. */
  | 'invalid_login_hint'
  /** 400: the `login_hint` is older than the broker's `loginHintTtlSeconds`; the user logs in again. */
  | 'login_hint_expired'
  /** 400: the `login_hint` was sealed for another client. */
  | 'login_hint_client'
  | 'internal';

/** An error answer: the page API's codes (`ErrorCode`), or another API's (the enrolment API's `EnrolErrorCode`). */
export interface ErrorBody<Code extends string = ErrorCode> {
  error: {
    code: Code;
    message: string;
    /**
     * Present on `wrong_code`, `wrong_password` and `webauthn_failed`: wrong tries left for this user ID (over all
     * sessions) before its codes, password and chip are blocked.
     */
    attempts_left?: number;
    /** With `attempts_left`: how long (seconds) the block that follows the last try lasts; absent: until support. */
    block_seconds?: number;
    /** On `factor_blocked` (and a session failed with `blocked`): when the block ends (ISO 8601); absent: until support. */
    blocked_until?: string;
    /** On `device_pending`: when the device's activation takes effect (ISO 8601). */
    active_from?: string;
    /**
     * Which rule is broken: of the text on `invalid_transaction_text` (protocol/rules.ts), of the details on
     * `invalid_transaction`, and on the enrolment API's refusals (`EnrolProblem`).
     */
    reason?: TransactionTextProblem | TransactionProblem | EnrolProblem;
    /** On `invalid_transaction`: where in the details (`payments[1].payee.account.iban`). */
    path?: string;
    /** On `mitid_text_too_long`: the text's length and the limit, in characters. */
    length?: number;
    limit?: number;
  };
}

/** Limits both sides enforce; the element checks them before any network call, the broker again. */
export const LIMITS = {
  userIdMaxLength: 64,
  transactionTextMaxLength: 500,
  nonceMinLength: 16,
  nonceMaxLength: 128,
  passwordMaxLength: 128,
  codeLength: 6,
} as const;

// ---- POST /v1/sessions -------------------------------------------------------------------------------------

export interface CreateSessionRequest {
  client_id: string;
  mode: Mode;
  /** The user ID the user typed. Required, unless an approval gives `login_hint` instead (never both). */
  user_id?: string;
  /**
   * Approvals only, instead of `user_id`: the `login_hint` claim of this client's recent login assertion. The
   * approval is then for the identity that logged in, and no user ID is asked for.
   */
  login_hint?: string;
  nonce: string;
  /**
   * Required when `mode` is `approve`, forbidden otherwise: either a free `text` (a consent, a document's text) or
   * the `details` of a payment or a batch, which the broker renders in `lang` and the device signs; exactly one.
   */
  transaction?: { text: string; details?: never } | { details: TransactionDetails; text?: never };
  /** The language the broker renders `transaction.details` in: `da` (the default) or `en`. */
  lang?: TransactionLanguage;
  /**
   * A random value the element keeps for this browser (16–128 characters of base64url). A new session with the same
   * value, client and user ID replaces an unfinished earlier one (`superseded`), so a reload or a second tab is never
   * taken for a fraudster's parallel request. The broker keeps only a hash of it with the client ID.
   */
  browser_key?: string;
}

export interface CreateSessionResponse {
  session_id: string;
  /** Bearer token for every later call of this session; ≥ 128 random bits. Never put it in a URL. */
  session_token: string;
  /** ISO 8601 instant. */
  expires_at: string;
  /** Methods offered; the same for every user ID, so that the list reveals nothing about the user. */
  methods: Method[];
  /** The relying party's display name, as the app will show it. */
  client_name: string;
  /** How many more times the user may extend the session. */
  extensions_left: number;
  /**
   * In approve mode: the text the user is shown and approves (the normalized free text, or the broker's rendering of
   * the details in the session's language), and the details as the broker keeps them.
   */
  transaction?: { text: string; details?: TransactionDetails };
}

// ---- POST /v1/sessions/{id}/method -------------------------------------------------------------------------

export interface ChooseMethodRequest {
  method: Method;
  /** Only for `app`: `same` when the app runs on this device (the element opens `app_link`). */
  device?: DeviceKind;
}

export interface ChooseMethodResponse {
  status: SessionStatusEvent;
  /**
   * Only for `app` with `device: 'same'`: a link that opens this request in the app, with a one-time secret in its
   * fragment (the request is not listed in the app: only this link opens it). Holds no user ID.
   */
  app_link?: string;
}

// ---- GET /v1/sessions/{id}/qr ------------------------------------------------------------------------------

export interface QrFrameResponse {
  /** The text to encode in the QR code. Changes every `refresh_ms`; the app refuses frames older than a few seconds. */
  frame: string;
  /** Seconds since the app step started; the same number is inside the frame. */
  seq: number;
  refresh_ms: number;
  /**
   * The pairing code (6 digits) for users who cannot scan: typed into the app (`POST /v1/app/pair`) it does what a
   * scan does. Shown grouped ("123 456"); a new one every few minutes, at the latest after `pairing_refresh_ms`.
   */
  pairing_code?: string;
  /** Milliseconds until the pairing code changes. */
  pairing_refresh_ms?: number;
}

// ---- POST /v1/sessions/{id}/code | /password ---------------------------------------------------------------

export interface CodeRequest {
  code: string;
}

export interface PasswordRequest {
  password: string;
}

// ---- WebAuthn (chip) ---------------------------------------------------------------------------------------
// POST /v1/sessions/{id}/webauthn/options → PublicKeyCredentialRequestOptionsJSON (from @simplewebauthn)
// POST /v1/sessions/{id}/webauthn { response: AuthenticationResponseJSON } → SessionStatusEvent

// ---- POST /v1/sessions/{id}/extend -------------------------------------------------------------------------

export interface ExtendResponse {
  expires_at: string;
  extensions_left: number;
}

// ---- Status: SSE `GET /v1/sessions/{id}/events`, long-poll `GET /v1/sessions/{id}?wait=N&after=ID` ----------

/**
 * One status event. On the event stream it is the `data` of an event named `status` whose `id` equals `seq`;
 * the long-poll answers the newest one. `seq` grows by one per change, so a client resumes after the last
 * `seq` it saw (`Last-Event-ID` or `after`).
 */
export interface SessionStatusEvent {
  seq: number;
  status: SessionStatus;
  /** While pending. */
  hint?: PendingHint;
  /** When failed. */
  code?: FailureCode;
  /** The method chosen, once chosen. */
  method?: Method;
  expires_at: string;
  extensions_left: number;
  /** On `complete`: the signed assertion (compact JWS) for the relying party's back end. */
  assertion?: string;
  /** While a code or password is asked for: wrong tries left for this user ID before its factors are blocked. */
  attempts_left?: number;
  /** When failed with `blocked`: when the block ends (ISO 8601); absent: until support. */
  blocked_until?: string;
  /**
   * With hint `qr-scanned`: how the app found the request, by a scan of the QR code (`scan`) or by the pairing code
   * typed into it (`code`), so the page can say which. Absent from brokers that do not tell.
   */
  paired_by?: PairedBy;
}

/** How the MitID app found a cross-device request: the QR code scanned, or the pairing code typed. */
export type PairedBy = 'scan' | 'code';

/** Name of the SSE event that carries a {@link SessionStatusEvent}. Heartbeats are SSE comments. */
export const STATUS_EVENT = 'status';

// ---- POST /v1/activation-tickets ---------------------------------------------------------------------------
// A relying party's page (a net bank) lets a user who has just logged in add an authenticator: it sends the login's
// assertion, from the same origin it was made for, within minutes of the login; the broker answers with a one-time
// ticket the user types or scans into the new device. A login at Substantial may add an app; one at High also a chip.

export interface ActivationTicketRequest {
  /** The assertion of a login completed a few minutes ago, exactly as the element handed it over. */
  assertion: string;
}

export interface ActivationTicketResponse {
  /** The one-time ticket, `XXXX-XXXX`, to type into the new app (or scan as `MITID-ACTIVATE:<ticket>`). */
  activation_ticket: string;
  expires_at: string;
  /** What the ticket may add: `app`, and `chip` after a login at High. */
  kinds: Array<'app' | 'chip'>;
  /** An app added with the ticket becomes active this long after its activation (the broker's waiting period). */
  wait_seconds: number;
}

// ---- Assertion -----------------------------------------------------------------------------------------------

/** NSIS levels of assurance, as URIs. */
export const ACR = {
  low: 'https://data.gov.dk/concept/core/nsis/loa/Low',
  substantial: 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
  high: 'https://data.gov.dk/concept/core/nsis/loa/High',
} as const;

export type Acr = (typeof ACR)[keyof typeof ACR];

/** Claims of the compact JWS (ES256, `kid` in the header) that the broker signs on completion. */
export interface AssertionClaims {
  iss: string;
  aud: string;
  /** Pairwise pseudonym: the same user gets a different `sub` at every client. */
  sub: string;
  iat: number;
  exp: number;
  auth_time: number;
  jti: string;
  nonce: string;
  origin: string;
  acr: Acr;
  amr: string[];
  /** The method the user approved with. */
  method: Method;
  mode: Mode;
  /** The identity's display name. */
  name: string;
  /**
   * Only in approve mode: the exact text the user approved and its SHA-256 (hex of the UTF-8 bytes); for a payment or
   * a batch also its `details` and `details_sha256`, the hex SHA-256 of their RFC 8785 canonical JSON, which the
   * user's device signed with the text.
   */
  txn?: { text: string; sha256: string; details?: TransactionDetails; details_sha256?: string };
  /**
   * Only in login mode: an opaque, sealed, short-lived value bound to this client and identity; give it as
   * `login_hint` to start an approval for the same user without asking for the user ID again.
   */
  login_hint?: string;
}
