/**
 * Everything one broker instance keeps in Redis, over two connections: the session store with its event fan-out,
 * the shared state (devices, chip credentials, rate limits, TOTP replay memory), the signing key ring and the
 * secrets behind QR frames and pairwise subjects.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { DEFAULT_KEY_PREFIX, guard, openRedis } from './connection.js';
import { RedisKeyRingBacking } from './keys.js';
import { RedisSessionStore } from './session-store.js';
import { RedisSharedState } from './shared-state.js';

export { RedisSessionStore } from './session-store.js';
export { RedisSharedState } from './shared-state.js';

export interface RedisParts {
  client: Redis;
  subscriber: Redis;
  store: RedisSessionStore;
  state: RedisSharedState;
  keys: RedisKeyRingBacking;
  /** A secret shared by all instances (made by the first one to ask). */
  secret(name: string): Promise<Buffer>;
  /** Calls `listener` when another instance rotated the signing keys, and after a reconnect. */
  onKeysChanged(listener: () => void): void;
  /** Redis answers (for a readiness check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function connectRedis(options: {
  url: string;
  clock: Clock;
  retentionMs: number;
  /** Status events kept per session. */
  maxEventsPerSession: number;
  prefix?: string;
}): Promise<RedisParts> {
  const prefix = options.prefix ?? DEFAULT_KEY_PREFIX;
  const client = await openRedis(options.url, 'mitid-broker');
  let subscriber: Redis;
  try {
    subscriber = await openRedis(options.url, 'mitid-broker-sub', true);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const store = new RedisSessionStore({
    client,
    subscriber,
    clock: options.clock,
    retentionMs: options.retentionMs,
    maxEvents: options.maxEventsPerSession,
    prefix,
  });
  const state = new RedisSharedState(client, prefix);
  const keys = new RedisKeyRingBacking(client, prefix);
  const keyListeners = new Set<() => void>();
  const keysChanged = () => {
    for (const listener of keyListeners) listener();
  };
  subscriber.on('message', (channel: string) => {
    if (channel === keys.channel) keysChanged();
  });
  subscriber.on('ready', keysChanged);
  await subscriber.subscribe(keys.channel);

  return {
    client,
    subscriber,
    store,
    state,
    keys,
    async secret(name) {
      const key = `${prefix}secret:${name}`;
      await guard(() => client.set(key, randomBytes(32).toString('base64url'), 'NX'));
      const value = await guard(() => client.get(key));
      if (!value) throw new Error(`secret ${name} missing`);
      return Buffer.from(value, 'base64url');
    },
    onKeysChanged(listener) {
      keyListeners.add(listener);
    },
    async ping() {
      await guard(async () => {
        // The subscriber brings other instances' session events to this one's streams: ready means both are up.
        if (subscriber.status !== 'ready') throw new Error(`subscriber ${subscriber.status}`);
        await client.ping();
      });
    },
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
