/** Tunable numbers of the broker. Defaults are what `npm start` uses; tests shorten or lengthen them. */
export interface BrokerSettings {
  /** Lifetime of a new session, and what one extension gives back. */
  sessionTtlMs: number;
  /** How many times the user may extend a session: WCAG 2.2.1 asks for at least ten. */
  maxExtensions: number;
  /**
   * How many times a session may change method after its first choice (then 409 `method_change_limit`): each
   * change is a status event, and a client flipping methods forever would grow the session without end.
   */
  maxMethodChanges: number;
  /**
   * Status events a session keeps for clients that resume (`Last-Event-ID`); older ones are dropped. Each event is a
   * full status, so a client resuming from before the kept window still ends up with the current one.
   */
  maxEventsPerSession: number;
  /**
   * Password checks (scrypt) one instance runs at once, and how many more may wait; one more is refused at once with
   * 503 `broker_busy` and `Retry-After` (authenticators/hash-budget.ts). A user ID has one check under way at most:
   * a second one meanwhile answers 429 `rate_limited`.
   */
  passwordChecksAtOnce: number;
  passwordChecksQueued: number;
  /**
   * Wrong codes, passwords and chip answers in a row, per user ID over all sessions, before its codes, password and
   * chip are blocked (PSD2 RTS art. 4 allows at most 5).
   */
  failureLimit: number;
  /** The lengths of the first, second, … block (ms); the block after the last one lasts until support lifts it. */
  blockSchedule: number[];
  /** Lifetime of a signed assertion. */
  assertionTtlSeconds: number;
  /**
   * Lifetime of a login assertion's `login_hint` (signing/login-hint.ts): how long after a login an approval may skip
   * the user ID. About a net bank's idle logout; default 30 minutes.
   */
  loginHintTtlSeconds: number;
  /** A new QR frame this often. */
  qrRefreshMs: number;
  /** A scanned frame older than this is refused with `qr_expired`. */
  qrMaxAgeMs: number;
  /**
   * A new pairing code (the QR code's non-visual twin, sessions/pairing-codes.ts) this often, and how long after
   * its issue one is accepted: long enough to be heard from a screen reader and typed on a phone, with the previous
   * code still good for half a minute after the next one appears (docs/security.md).
   */
  pairingCodeRefreshMs: number;
  pairingCodeMaxAgeMs: number;
  /** Wrong pairing codes one app device may send per window, before 429 `rate_limited`. */
  pairingWrongLimit: number;
  pairingWrongWindowMs: number;
  /** SSE comment heartbeat interval. */
  heartbeatMs: number;
  /** Longest `wait` of the long-poll. */
  longPollMaxSeconds: number;
  /** Status connections (event streams and waiting long-polls) one session may hold open at once. */
  maxStreamsPerSession: number;
  /** Status connections one broker instance holds open at most (10,000 streams took about 250 MiB). */
  maxOpenStreams: number;
  /** How long a finished session stays readable (its final status, for a client that reconnects). */
  finishedRetentionMs: number;
  /** How often expired sessions are failed and old ones dropped. */
  sweepIntervalMs: number;
  /** Lifetime of a chip enrolment (options → response). */
  enrolmentTtlMs: number;
  /**
   * Two app requests pending at once for one user ID (a fraudster racing the user, hoping the user approves the
   * wrong one): `stop-both` fails both with `parallel-session`, as MitID does, once the user's app has seen one
   * of them (sessions/parallel.ts); `allow` lets both go on. Default `stop-both`.
   */
  parallelAppRequests: 'allow' | 'stop-both';
  /** Pending app requests one user ID may have; a new one makes the oldest unseen one give way. */
  maxPendingAppRequests: number;
  /** How long after a login its assertion may be traded for an activation ticket (`POST /v1/activation-tickets`). */
  loginProofMs: number;
  /** How long an activation ticket is valid. */
  activationTicketTtlMs: number;
  /**
   * How long the access bought with a login's assertion (`POST /v1/identity/access`) lets the page show and change
   * the person's MitID; then they log in again.
   */
  identityAccessMs: number;
  /** How long a letter's activation code is valid. */
  letterTtlMs: number;
  /**
   * The waiting period of an app added by a ticket (a login), before it may approve anything: the identity's other
   * apps and its contact channel are told at once, so the owner can revoke a device they did not add. 0: none.
   */
  activationWaitMs: number;
  /** Apps and chip keys per identity; a new one beyond the cap revokes the oldest. */
  maxAppDevices: number;
  maxChipKeys: number;
  /** A device unused this long is forgotten; revoked authenticators are remembered (and refused clearly) this long. */
  deviceIdleMs: number;
  revokedRetentionMs: number;
}

export const DEFAULT_SETTINGS: BrokerSettings = {
  sessionTtlMs: 3 * 60_000,
  maxExtensions: 10,
  maxMethodChanges: 10,
  maxEventsPerSession: 32,
  passwordChecksAtOnce: 2,
  passwordChecksQueued: 8,
  failureLimit: 5,
  blockSchedule: [15 * 60_000, 60 * 60_000, 24 * 60 * 60_000],
  assertionTtlSeconds: 120,
  loginHintTtlSeconds: 30 * 60,
  qrRefreshMs: 1000,
  qrMaxAgeMs: 5000,
  pairingCodeRefreshMs: 120_000,
  pairingCodeMaxAgeMs: 150_000,
  pairingWrongLimit: 5,
  pairingWrongWindowMs: 10 * 60_000,
  heartbeatMs: 15_000,
  longPollMaxSeconds: 30,
  maxStreamsPerSession: 4,
  maxOpenStreams: 20_000,
  finishedRetentionMs: 10 * 60_000,
  sweepIntervalMs: 1000,
  enrolmentTtlMs: 5 * 60_000,
  parallelAppRequests: 'stop-both',
  maxPendingAppRequests: 5,
  loginProofMs: 10 * 60_000,
  activationTicketTtlMs: 10 * 60_000,
  identityAccessMs: 10 * 60_000,
  letterTtlMs: 90 * 24 * 60 * 60_000,
  activationWaitMs: 60 * 60_000,
  maxAppDevices: 10,
  maxChipKeys: 20,
  deviceIdleMs: 400 * 24 * 60 * 60_000,
  revokedRetentionMs: 30 * 24 * 60 * 60_000,
};

export interface RateLimitSettings {
  windowMs: number;
  /** Sessions one address may start per window. */
  sessionsPerAddress: number;
  /** Sessions one client may start per window (all addresses together). */
  sessionsPerClient: number;
  /** Code, password, chip, activation and enrolment attempts per address per window. */
  attemptsPerAddress: number;
  /** The same attempts per client per window. */
  attemptsPerClient: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  windowMs: 60_000,
  sessionsPerAddress: 60,
  sessionsPerClient: 6000,
  attemptsPerAddress: 60,
  attemptsPerClient: 6000,
};

/**
 * The HTTP server's own limits against slow clients: a request whose headers or body trickle in is answered 408 and
 * closed, an idle keep-alive socket is closed, and connections over the cap are dropped as they arrive. They are
 * set when the server is made (buildApp's `server` option), not per request.
 */
export interface ServerSettings {
  /** The whole request (headers and body) must arrive within this; 408 otherwise. At most a few KB are ever sent. */
  requestTimeoutMs: number;
  /** The headers must arrive within this (at most `requestTimeoutMs`). */
  headersTimeoutMs: number;
  /**
   * An idle keep-alive socket is closed after this. Behind a load balancer, make it longer than the balancer's own
   * idle timeout, or the balancer may send a request on a socket the broker is closing.
   */
  keepAliveTimeoutMs: number;
  /**
   * A socket with no bytes either way for this long is closed: a backstop for what the other timeouts miss. Longer
   * than a long-poll's wait and an event stream's heartbeat gap, which are quiet on purpose; 0 for none.
   */
  connectionTimeoutMs: number;
  /** How often the server looks for requests past their timeouts (so a timeout may be overrun by up to this). */
  connectionsCheckingIntervalMs: number;
  /** Open connections at most; more are dropped at once. Above `maxOpenStreams`, with room for other calls. */
  maxConnections: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 10_000,
  connectionTimeoutMs: 60_000,
  connectionsCheckingIntervalMs: 1_000,
  maxConnections: 25_000,
};
