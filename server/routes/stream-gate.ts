/**
 * Caps on the status connections a broker instance holds open (event streams and waiting long-polls): a few per
 * session, since one page follows its session with one connection (a second tab, a reconnect racing the old one),
 * and a total that keeps an instance inside its memory. Not per address: many users share one address behind a
 * company or mobile NAT, and every connection already needs a session, which is rate-limited per address.
 * Counts are per instance; behind a load balancer each instance guards itself.
 */
import { BrokerError } from '../http/errors.js';

export interface StreamLimits {
  perSession: number;
  total: number;
}

/** What a refused stream's Retry-After says: the element's own reconnect delay (the stream's `retry: 2000`). */
const RETRY_AFTER_SECONDS = 2;

export class StreamGate {
  private readonly bySession = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: StreamLimits) {}

  /** Connections open now (all sessions). */
  get size(): number {
    return this.open;
  }

  /**
   * Takes a place for one connection following `sessionId`; the function returned gives it back (calling it more
   * than once is harmless). Throws `rate_limited` (429) when the session or the instance is full; the element then
   * backs off and tries again, keeping the session.
   */
  enter(sessionId: string): () => void {
    const mine = this.bySession.get(sessionId) ?? 0;
    if (mine >= this.limits.perSession) {
      throw new BrokerError(
        'rate_limited',
        'Too many open status connections for this session; close one first.',
      ).retryAfter(RETRY_AFTER_SECONDS);
    }
    if (this.open >= this.limits.total) {
      throw new BrokerError(
        'rate_limited',
        'The broker is following too many sessions right now; try again shortly.',
      ).retryAfter(RETRY_AFTER_SECONDS);
    }
    this.bySession.set(sessionId, mine + 1);
    this.open += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.open -= 1;
      const rest = (this.bySession.get(sessionId) ?? 1) - 1;
      if (rest > 0) this.bySession.set(sessionId, rest);
      else this.bySession.delete(sessionId);
    };
  }
}
