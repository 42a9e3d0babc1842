/**
 * Fixed-window counters for guessing-prone calls (session creation, codes, passwords), keyed by address and by
 * client separately. The counters live in the shared state, so with Redis every instance counts together.
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
      throw new BrokerError('rate_limited', 'Too many attempts; wait a minute and try again.');
    }
  }
}
