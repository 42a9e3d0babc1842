/** The broker's small shared state in Redis: every operation touches one key, so it works on Redis Cluster too. */
import type { Redis } from 'ioredis';
import type { SharedState } from '../stores/shared-state.js';
import { guard } from './connection.js';

const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

const RAISE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

// ARGV: '1' when a value is expected (else the key must be absent), the expected value, the next value, ttl ms ('' = none)
const SWAP_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[4] == '' then redis.call('SET', KEYS[1], ARGV[3]) else redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4]) end
return 1`;

type Script = (key: string, ...args: string[]) => Promise<number>;

export class RedisSharedState implements SharedState {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    client.defineCommand('mitidCount', { numberOfKeys: 1, lua: COUNT_SCRIPT });
    client.defineCommand('mitidRaise', { numberOfKeys: 1, lua: RAISE_SCRIPT });
    client.defineCommand('mitidSwap', { numberOfKeys: 1, lua: SWAP_SCRIPT });
  }

  async get(key: string): Promise<string | undefined> {
    return (await guard(() => this.client.get(this.key(key)))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await guard(() =>
      ttlMs === undefined ? this.client.set(this.key(key), value) : this.client.set(this.key(key), value, 'PX', ttlMs),
    );
  }

  async add(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const result = await guard(() =>
      ttlMs === undefined
        ? this.client.set(this.key(key), value, 'NX')
        : this.client.set(this.key(key), value, 'PX', ttlMs, 'NX'),
    );
    return result === 'OK';
  }

  async take(key: string): Promise<string | undefined> {
    return (await guard(() => this.client.getdel(this.key(key)))) ?? undefined;
  }

  async count(key: string, ttlMs: number): Promise<number> {
    return guard(() => this.script('mitidCount')(this.key(key), String(ttlMs)));
  }

  async raise(key: string, value: number, ttlMs: number): Promise<boolean> {
    return (await guard(() => this.script('mitidRaise')(this.key(key), String(value), String(ttlMs)))) === 1;
  }

  async push(key: string, value: string, max: number): Promise<void> {
    await guard(() =>
      this.client
        .multi()
        .lpush(this.key(key), value)
        .ltrim(this.key(key), 0, max - 1)
        .exec(),
    );
  }

  async list(key: string): Promise<string[]> {
    return guard(() => this.client.lrange(this.key(key), 0, -1));
  }

  async swap(key: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean> {
    const args = [expected === undefined ? '0' : '1', expected ?? '', next, ttlMs === undefined ? '' : String(ttlMs)];
    return (await guard(() => this.script('mitidSwap')(this.key(key), ...args))) === 1;
  }

  async delete(key: string): Promise<void> {
    await guard(() => this.client.del(this.key(key)));
  }

  private script(name: 'mitidCount' | 'mitidRaise' | 'mitidSwap'): Script {
    const call = (this.client as unknown as Record<string, Script | undefined>)[name];
    if (!call) throw new Error(`script ${name} is not defined`);
    return call.bind(this.client);
  }

  private key(name: string): string {
    return `${this.prefix}st:${name}`;
  }
}
