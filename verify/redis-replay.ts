/**
 * A replay store for `verifyAssertion` shared by several relying-party back ends: `SET jti NX PX` in Redis, so an
 * assertion is accepted once across all of them. Give it any ioredis client (or one with the same `set`).
 */
import type { ReplayStore } from './replay.js';

export interface RedisSetNx {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
}

export class RedisReplayStore implements ReplayStore {
  constructor(
    private readonly client: RedisSetNx,
    private readonly prefix = 'mitid:jti:',
    private readonly now: () => number = Date.now,
  ) {}

  async remember(jti: string, expiresAt: Date): Promise<boolean> {
    // Kept a minute past expiry: a verifier's clock tolerance may still accept the assertion then.
    const ttl = Math.max(1000, expiresAt.getTime() - this.now() + 60_000);
    return (await this.client.set(`${this.prefix}${jti}`, '1', 'PX', ttl, 'NX')) === 'OK';
  }
}
