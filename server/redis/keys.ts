/**
 * The signing key ring in Redis (`keys`, one JSON value): every instance signs with the same current key and
 * publishes the same JWKS. A rotation on any instance is one script that appends the new key, retires the others
 * and publishes on `keys`; every instance reloads the ring when it hears that (and on its sweep as a fallback).
 * The private keys are in Redis: protect it like the keys themselves (ACL user, TLS, no public address).
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { KeyRing, type KeyRingBacking, type StoredSigningKey } from '../signing/keys.js';
import { guard } from './connection.js';

// ARGV: new key (JSON), now, publishRetiredForMs, channel
const APPEND_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
local keys = raw and cjson.decode(raw) or {}
local now = tonumber(ARGV[2])
local kept = {}
for _, key in ipairs(keys) do
  if key.retiredAt == nil then key.retiredAt = now end
  if now - key.retiredAt < tonumber(ARGV[3]) then table.insert(kept, key) end
end
table.insert(kept, cjson.decode(ARGV[1]))
local encoded = cjson.encode(kept)
redis.call('SET', KEYS[1], encoded)
redis.call('PUBLISH', ARGV[4], 'rotated')
return encoded`;

export class RedisKeyRingBacking implements KeyRingBacking {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    client.defineCommand('mitidAppendKey', { numberOfKeys: 1, lua: APPEND_SCRIPT });
  }

  get channel(): string {
    return `${this.prefix}keys`;
  }

  async append(key: StoredSigningKey, now: number, publishRetiredForMs: number): Promise<StoredSigningKey[]> {
    const call = (this.client as unknown as Record<string, (...args: string[]) => Promise<string>>).mitidAppendKey;
    if (!call) throw new Error('script mitidAppendKey is not defined');
    const encoded = await guard(() =>
      call.call(this.client, this.key(), JSON.stringify(key), String(now), String(publishRetiredForMs), this.channel),
    );
    return JSON.parse(encoded) as StoredSigningKey[];
  }

  async load(): Promise<StoredSigningKey[] | undefined> {
    const raw = await guard(() => this.client.get(this.key()));
    if (!raw) return undefined;
    const keys = JSON.parse(raw) as StoredSigningKey[];
    return keys.length > 0 ? keys : undefined;
  }

  /** Stores `keys` unless a ring is stored already; resolves with the stored ring either way. */
  async seed(keys: StoredSigningKey[]): Promise<StoredSigningKey[]> {
    await guard(() => this.client.set(this.key(), JSON.stringify(keys), 'NX'));
    return (await this.load()) ?? keys;
  }

  private key(): string {
    return `${this.prefix}keys`;
  }
}

/**
 * The instance's ring: the stored one, or, when Redis has none yet, `initial` (the keys file) or one new key,
 * stored so that instances starting together agree on one.
 */
export async function sharedKeyRing(
  backing: RedisKeyRingBacking,
  clock: Clock,
  publishRetiredForMs: number,
  initial: StoredSigningKey[] | undefined,
): Promise<KeyRing> {
  const stored = (await backing.load()) ?? (await backing.seed(initial ?? [await KeyRing.newStoredKey(clock)]));
  return KeyRing.fromStored(clock, publishRetiredForMs, stored, backing);
}
