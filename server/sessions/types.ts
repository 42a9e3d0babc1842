/** What the broker remembers about one session, and the store interface that keeps it. */
import type {
  DeviceKind,
  FailureCode,
  Method,
  Mode,
  PairedBy,
  PendingHint,
  SessionStatus,
  SessionStatusEvent,
} from '../../protocol/page-api.js';
import type { BrowserFamily } from '../../protocol/app-api.js';
import type { TransactionDetails } from '../../protocol/transaction.js';

/** The app step of a session: one request in the MitID app. */
export interface AppStep {
  requestId: string;
  /** Random id inside every QR frame of this step. */
  qrId: string;
  /** Server challenge the device signs with its decision; fresh per request. */
  challenge: string;
  device: DeviceKind;
  /** When the app step started (ms): QR frames count seconds from here. */
  startedAt: number;
  /** The device that scanned a fresh frame (cross-device only). */
  scannedBy?: string;
  /** The newest frame second scanned, so a frame is never accepted twice. */
  lastScannedSecond?: number;
  /** The newest pairing-code window accepted, so a pairing code is never accepted twice for this session. */
  lastPairedWindow?: number;
  /** How the device that "scanned" found the request: the QR code, or the pairing code typed in the app. */
  pairedBy?: PairedBy;
  openedBy?: string;
  /**
   * Same-device only: SHA-256 of the one-time secret in the app link. Only the link opens the request (it is never
   * listed), and only once; then the secret is spent.
   */
  linkSecretHash?: string;
}

export interface SessionRecord {
  id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: string;
  clientId: string;
  clientName: string;
  origin: string;
  mode: Mode;
  /** Normalized user ID as typed; may match no identity. */
  userId: string;
  nonce: string;
  transactionText?: string;
  /** Hex SHA-256 of `transactionText`. */
  transactionSha256?: string;
  /** A payment or a batch: the details `transactionText` renders (validated), and hex SHA-256 of their JCS. */
  transactionDetails?: TransactionDetails;
  transactionDetailsSha256?: string;
  createdAt: number;
  /** The browser family the creating request's User-Agent names (shown in the app; the header is not kept). */
  browser?: BrowserFamily;
  expiresAt: number;
  extensionsLeft: number;
  status: SessionStatus;
  hint?: PendingHint;
  failure?: FailureCode;
  method?: Method;
  /** Method choices after the first one (absent: none yet). */
  methodChanges?: number;
  /** The user ID's wrong tries left (over all sessions) as last seen by this session: for its status events. */
  attemptsLeft: number;
  codeVerified: boolean;
  /** The chip answered (the password comes after it). */
  chipVerified: boolean;
  /**
   * SHA-256 of client ID and the element's browser key: a new session with the same value and user ID replaces this
   * one while it is unfinished (a reload, a second tab), instead of looking like a parallel request.
   */
  browserHash?: string;
  app?: AppStep;
  /** Challenge of the WebAuthn options last handed out; used once. */
  webauthnChallenge?: string;
  assertion?: string;
  finishedAt?: number;
  /** When failed with `blocked`: when the block ends (undefined: until support). */
  blockedUntil?: number;
  /** Sequence number of the newest status event. */
  seq: number;
}

export type SessionMutation = (session: SessionRecord) => SessionRecord | undefined;

export type StatusListener = (event: SessionStatusEvent) => void;

/**
 * Where sessions live. The in-memory store is the embedded default; a shared store (Redis) implements the same
 * calls so the routes never know the difference. `update` must apply the mutation atomically and, when it
 * returns a record, append its status event to the session's log and tell every subscriber, on any instance.
 */
export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /**
   * Applies `mutate` to the current record. Returning a record saves it; `emit: false` saves it without a status
   * event (for changes the client does not see, like a WebAuthn challenge). Returning undefined changes nothing.
   * The mutation may throw; then nothing changes.
   */
  update(id: string, mutate: SessionMutation, options?: { emit?: boolean }): Promise<SessionRecord | undefined>;
  delete(id: string): Promise<void>;
  /** Status events with `seq` greater than `afterSeq`, oldest first. */
  eventsAfter(id: string, afterSeq: number): Promise<SessionStatusEvent[]>;
  /** Calls `listener` for each new status event of the session; returns the unsubscribe function. */
  subscribe(id: string, listener: StatusListener): () => void;
  findByQrId(qrId: string): Promise<SessionRecord | undefined>;
  findByRequestId(requestId: string): Promise<SessionRecord | undefined>;
  /** Sessions started for a (normalized) user ID: at least every pending one (a shared store may drop finished ones). */
  listByUser(userId: string): Promise<SessionRecord[]>;
  /** Ids of pending sessions past `expiresAt`, and of finished ones that ended before `finishedBefore`. */
  listStale(now: number, finishedBefore: number): Promise<{ expired: string[]; finished: string[] }>;
}
