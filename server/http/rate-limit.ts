/**
 * Fixed-window counters for guessing-prone calls (session creation, codes, passwords), keyed by address and by
 * client separately. In memory: with several broker instances each counts alone, which still bounds guessing.
 */
import type { Clock } from '../clock.js';
import { BrokerError } from './errors.js';

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit on every key; throws `rate_limited` when any key is over its limit. */
  hit(...keys: Array<[key: string, limit: number]>): void {
    const now = this.clock.now();
    if (this.windows.size > 10_000) this.prune(now);
    const over = keys.some(([key, limit]) => {
      let window = this.windows.get(key);
      if (!window || now - window.start >= this.windowMs) this.windows.set(key, (window = { start: now, count: 0 }));
      window.count += 1;
      return window.count > limit;
    });
    if (over) throw new BrokerError('rate_limited', 'Too many attempts; wait a minute and try again.');
  }

  prune(now = this.clock.now()): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
