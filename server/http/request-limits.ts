/**
 * The broker's rate limits as the routes use them: session starts and guesses (codes, passwords, chip answers,
 * activations, enrolments), each counted per address (IPv6 per /64) and per client. The counting itself is the
 * RateLimiter's.
 *
 * Every key is made of checked values only: a client id the registry knows (the routes check it first), and an
 * address that parses as one. Behind a trusted proxy the address comes from X-Forwarded-For, which a client can
 * write; a value that is no address would otherwise be a key of the client's choosing, one counter per made-up
 * value: all such values share one counter instead.
 */
import { isIP } from 'node:net';
import type { RateLimitSettings } from '../settings.js';
import { addressBucket } from './client-address.js';
import type { RateLimiter } from './rate-limit.js';

/** The counter of every address that is not an IP address (or an IP prefix such as `2001:db8::/64`). */
export const UNPARSABLE_ADDRESS = 'unparsable';

export function addressKey(address: string): string {
  if (isIP(address)) return address;
  const prefix = /^(.{2,39})\/(\d{1,3})$/.exec(address);
  return prefix?.[1] && isIP(prefix[1]) ? address : UNPARSABLE_ADDRESS;
}

export class RequestLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: RateLimitSettings,
  ) {}

  /** One session start from `address` for the registered client `clientId`; throws `rate_limited` over either. */
  sessionStart(address: string, clientId: string): Promise<void> {
    return this.limiter.hit(
      [`session:address:${addressKey(addressBucket(address))}`, this.limits.sessionsPerAddress],
      [`session:client:${clientId}`, this.limits.sessionsPerClient],
    );
  }

  /**
   * One enrolment created by the authenticated client `clientId`: its back end's calls share one address, so only
   * the client is counted (on counters of their own, with the session starts' numbers).
   */
  enrolmentStart(clientId: string): Promise<void> {
    return this.limiter.hit([`enrolment:client:${clientId}`, this.limits.sessionsPerClient]);
  }

  /** One guess from `address` (and for `clientId`, when the call belongs to a client's session). */
  attempt(address: string, clientId?: string): Promise<void> {
    const keys: Array<[string, number]> = [
      [`attempt:address:${addressKey(addressBucket(address))}`, this.limits.attemptsPerAddress],
    ];
    if (clientId) keys.push([`attempt:client:${clientId}`, this.limits.attemptsPerClient]);
    return this.limiter.hit(...keys);
  }
}
