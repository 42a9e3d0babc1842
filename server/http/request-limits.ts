/**
 * The broker's rate limits as the routes use them: session starts and guesses (codes, passwords, chip answers,
 * activations, enrolments), each counted per address (IPv6 per /64) and per client. The counting itself is the RateLimiter's.
 */
import type { RateLimitSettings } from '../settings.js';
import { addressBucket } from './client-address.js';
import type { RateLimiter } from './rate-limit.js';

export class RequestLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: RateLimitSettings,
  ) {}

  /** One session start from `address` for `clientId`; throws `rate_limited` over either limit. */
  sessionStart(address: string, clientId: string): Promise<void> {
    return this.limiter.hit(
      [`session:address:${addressBucket(address)}`, this.limits.sessionsPerAddress],
      [`session:client:${clientId}`, this.limits.sessionsPerClient],
    );
  }

  /** One guess from `address` (and for `clientId`, when the call belongs to a client's session). */
  attempt(address: string, clientId?: string): Promise<void> {
    const keys: Array<[string, number]> = [
      [`attempt:address:${addressBucket(address)}`, this.limits.attemptsPerAddress],
    ];
    if (clientId) keys.push([`attempt:client:${clientId}`, this.limits.attemptsPerClient]);
    return this.limiter.hit(...keys);
  }
}
