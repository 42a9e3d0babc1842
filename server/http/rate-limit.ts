/**
 * Fixed-window counters for guessing-prone calls (session creation, codes, passwords), keyed by address and by
 * client separately. The counters live in the shared state, so with Redis every instance counts together.
 *
 * Hand-written on purpose. Neither rate-limiter-flexible (v11: RateLimiterMemory, RateLimiterRedis) nor
 * @fastify/rate-limit (LocalStore, RedisStore) takes a clock: their windows run on `Date.now()` and timers in
 * memory and on Redis's own `PEXPIRE`/`PTTL` time in Redis. The broker reads time only through its `Clock`, and the
 * tests that pass a window by moving a ManualClock (test/server/hardening/guessing.test.ts "the window passes",
 * the Redis instances sharing one ManualClock) cannot move theirs. Making them follow the broker's clock means
 * putting the clock's window number into every key, which leaves the library nothing to do but what
 * `SharedState.count` (INCR with an expiry, on memory or Redis, Cluster included) already does. @fastify/rate-limit
 * also limits one key per route before the handler, while a hit here counts several keys with their own limits
 * (address and client) inside the handler, where the client is known (the validated body, or the session).
 */
import type { Clock } from '../clock.js';
import type { SharedState } from '../stores/shared-state.js';
import { BrokerError } from './errors.js';

export class RateLimiter {
  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly state: SharedState,
  ) {}

  /** Counts one hit on every key; throws `rate_limited` when any key is over its limit. */
  async hit(...keys: Array<[key: string, limit: number]>): Promise<void> {
    // Windows are aligned to the broker's clock, so every instance agrees on which window a hit falls in.
    const window = Math.floor(this.clock.now() / this.windowMs);
    const counts = await Promise.all(keys.map(([key]) => this.state.count(`rl:${window}:${key}`, this.windowMs)));
    if (counts.some((count, index) => count > (keys[index]?.[1] ?? 0))) {
      const windowEndsIn = (window + 1) * this.windowMs - this.clock.now();
      throw new BrokerError('rate_limited', 'Too many attempts; wait a minute and try again.').retryAfter(
        windowEndsIn / 1000,
      );
    }
  }
}
