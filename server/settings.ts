/** Tunable numbers of the broker. Defaults are what `npm start` uses; tests shorten or lengthen them. */
export interface BrokerSettings {
  /** Lifetime of a new session, and what one extension gives back. */
  sessionTtlMs: number;
  /** How many times the user may extend a session: WCAG 2.2.1 asks for at least ten. */
  maxExtensions: number;
  /** Wrong codes, passwords and chip attempts, together, before the session locks. */
  maxAttempts: number;
  /** Lifetime of a signed assertion. */
  assertionTtlSeconds: number;
  /** A new QR frame this often. */
  qrRefreshMs: number;
  /** A scanned frame older than this is refused with `qr_expired`. */
  qrMaxAgeMs: number;
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
   * wrong one): `stop-both` fails both with `parallel-session`, as MitID does; `allow` lists both in the app,
   * each with its service name. Default `stop-both` (the element shows the `parallel-session` message).
   */
  parallelAppRequests: 'allow' | 'stop-both';
}

export const DEFAULT_SETTINGS: BrokerSettings = {
  sessionTtlMs: 3 * 60_000,
  maxExtensions: 10,
  maxAttempts: 3,
  assertionTtlSeconds: 120,
  qrRefreshMs: 1000,
  qrMaxAgeMs: 5000,
  heartbeatMs: 15_000,
  longPollMaxSeconds: 30,
  maxStreamsPerSession: 4,
  maxOpenStreams: 20_000,
  finishedRetentionMs: 10 * 60_000,
  sweepIntervalMs: 1000,
  enrolmentTtlMs: 5 * 60_000,
  parallelAppRequests: 'stop-both',
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
