/**
 * Reading the broker's error answer (`ErrorBody`, ./page-api.ts) as a client receives it: the stable code and the
 * details clients act on, whatever the body holds. One reading for `<mitid-login>`'s transport and `<mitid-enrol>`'s
 * client, so that both name the same failure the same way: a body without a code is `rate_limited` on 429,
 * `internal` on a 5xx (the broker's, or a proxy's in front of it), else `bad_response`. Pure: no DOM, no fetch.
 */

/** An error answer as read: its code and message, and the details that were well formed. */
export interface ReadError {
  code: string;
  message: string;
  status: number;
  attemptsLeft?: number;
  blockSeconds?: number;
  /** ms since the epoch */
  blockedUntil?: number;
  reason?: string;
}

/** The error in a non-2xx answer with HTTP `status` and `body` (parsed JSON, or undefined when it was none). */
export function readError(status: number, body: unknown): ReadError {
  const error = (body as { error?: Record<string, unknown> } | null | undefined)?.error;
  if (!error || typeof error['code'] !== 'string') {
    const code = status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'bad_response';
    return { code, message: `HTTP ${status}`, status };
  }
  const read: ReadError = { code: error['code'], message: String(error['message'] ?? error['code']), status };
  if (typeof error['attempts_left'] === 'number') read.attemptsLeft = error['attempts_left'];
  if (typeof error['block_seconds'] === 'number') read.blockSeconds = error['block_seconds'];
  const until = typeof error['blocked_until'] === 'string' ? Date.parse(error['blocked_until']) : NaN;
  if (!Number.isNaN(until)) read.blockedUntil = until;
  if (typeof error['reason'] === 'string') read.reason = error['reason'];
  return read;
}
