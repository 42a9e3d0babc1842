/**
 * The page API: what `<mitid-login>` (or any page-side client) and a broker say to each other, and the signed
 * assertion a relying party verifies. Part of the wire contract (`protocol/`): the element (`src/`), the broker
 * (`server/`), the verifier (`verify/`) and the demo import it, and nothing else from each other, so it holds only
 * types and constants: no DOM, no Node, no Lit. `docs/protocol.md` explains every field in prose. The API of the
 * MitID app and other authenticators is in ./app-api.ts.
 */

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
  | 'password-required' // waiting for the password (after the code, or before the chip)
  | 'chip-required'; // password accepted; waiting for the WebAuthn ceremony

/** Why a session failed. Stable: integrators switch on these. */
export type FailureCode =
  | 'rejected' // the user rejected the request in the app
  | 'expired' // the session ran out of time
  | 'cancelled' // the user (or the page) cancelled
  | 'locked' // too many wrong codes or passwords
  | 'parallel-session' // another session was started for the same user ID meanwhile; both are stopped
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
  | 'session_not_found'
  | 'invalid_token'
  | 'session_finished'
  | 'wrong_step'
  | 'method_unavailable'
  | 'wrong_code'
  | 'wrong_password'
  | 'locked'
  | 'extend_limit'
  | 'rate_limited'
  | 'qr_invalid'
  | 'qr_expired'
  | 'invalid_signature'
  | 'invalid_device'
  | 'webauthn_failed'
  /** 503: the broker's shared store (Redis) cannot be reached; nothing was changed. Retry shortly. */
  | 'store_unavailable'
  | 'internal';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Present on `wrong_code` / `wrong_password`: tries left before the session locks. */
    attempts_left?: number;
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
  user_id: string;
  nonce: string;
  /** Required when `mode` is `approve`, forbidden otherwise. */
  transaction?: { text: string };
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
}

// ---- POST /v1/sessions/{id}/method -------------------------------------------------------------------------

export interface ChooseMethodRequest {
  method: Method;
  /** Only for `app`: `same` when the app runs on this device (the element opens `app_link`). */
  device?: DeviceKind;
}

export interface ChooseMethodResponse {
  status: SessionStatusEvent;
  /** Only for `app` with `device: 'same'`: a link that opens this request in the app. Holds no user ID. */
  app_link?: string;
}

// ---- GET /v1/sessions/{id}/qr ------------------------------------------------------------------------------

export interface QrFrameResponse {
  /** The text to encode in the QR code. Changes every `refresh_ms`; the app refuses frames older than a few seconds. */
  frame: string;
  /** Seconds since the app step started; the same number is inside the frame. */
  seq: number;
  refresh_ms: number;
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
  /** While a code or password is asked for: tries left before the session locks. */
  attempts_left?: number;
}

/** Name of the SSE event that carries a {@link SessionStatusEvent}. Heartbeats are SSE comments. */
export const STATUS_EVENT = 'status';

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
  /** Only in approve mode: the exact text the user approved and its SHA-256 (hex of the UTF-8 bytes). */
  txn?: { text: string; sha256: string };
}
