/**
 * Sessions in Redis, shared by every broker instance.
 *
 * Keys (prefix `mitid:` by default): the record `s:{id}` (JSON) and its event log `s:{id}:ev` (a Stream whose
 * entry ids are `<seq>-0`, so `Last-Event-ID` maps straight to a stream id). Both carry the same hash tag `{id}`,
 * so one Lua script writes them together on Redis Cluster too. Lookups (`qr:`, `rq:`, `u:`) and the expiry
 * index (`expiry`, a sorted set) are single keys written before the record and checked against it when read,
 * so a lookup left behind by a failure points nowhere harmful and the sweep repairs the expiry index.
 *
 * Transitions are compare-and-set: read the record, apply the mutation in JavaScript, and let a script write the
 * new record, append its event and publish it only if the record is still exactly what was read; otherwise read
 * again. Of two instances completing the same session, one wins and the other sees `session_finished`, and a
 * record and its event are always written together or not at all.
 *
 * Live events: the script publishes each event on `ev:{id}`; ./event-fanout.ts hands them to this instance's
 * listeners, in order and without gaps.
 */
import type { Redis } from 'ioredis';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import type { Clock } from '../clock.js';
import { toStatusEvent } from '../sessions/status.js';
import type { SessionMutation, SessionRecord, SessionStore, StatusListener } from '../sessions/types.js';
import { guard } from './connection.js';
import { EventFanout } from './event-fanout.js';

const MAX_CAS_TRIES = 50;

const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('XADD', KEYS[2], ARGV[3] .. '-0', 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
return 1`;

// ARGV: expected record, new record, event ('' for none), seq, ttl ms, max events, channel
const UPDATE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[3] ~= '' then
  redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[6], ARGV[4] .. '-0', 'e', ARGV[3])
  redis.call('PUBLISH', ARGV[7], ARGV[3])
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`;

export interface RedisSessionStoreOptions {
  client: Redis;
  subscriber: Redis;
  clock: Clock;
  /** How long a finished session stays readable (the broker's finishedRetentionMs). */
  retentionMs: number;
  prefix: string;
  /**
   * Events kept per session (the broker's `maxEventsPerSession`), trimmed exactly: with `MAXLEN ~` Redis trims only
   * whole stream nodes (100 entries), far more than a small cap.
   */
  maxEvents: number;
}

export class RedisSessionStore implements SessionStore {
  private readonly client: Redis;
  private readonly fanout: EventFanout;
  private readonly clock: Clock;
  private readonly retentionMs: number;
  private readonly prefix: string;
  private readonly maxEvents: number;

  constructor(options: RedisSessionStoreOptions) {
    this.client = options.client;
    this.clock = options.clock;
    this.retentionMs = options.retentionMs;
    this.prefix = options.prefix;
    this.maxEvents = options.maxEvents;
    this.client.defineCommand('mitidCreateSession', { numberOfKeys: 2, lua: CREATE_SCRIPT });
    this.client.defineCommand('mitidUpdateSession', { numberOfKeys: 2, lua: UPDATE_SCRIPT });
    this.fanout = new EventFanout({
      subscriber: options.subscriber,
      channel: (id) => this.channel(id),
      idOfChannel: (channel) => {
        const prefix = this.key('ev:{');
        return channel.startsWith(prefix) && channel.endsWith('}') ? channel.slice(prefix.length, -1) : undefined;
      },
      eventsAfter: (id, afterSeq) => this.eventsAfter(id, afterSeq),
    });
  }

  async create(session: SessionRecord): Promise<void> {
    const ttl = this.ttlOf(session);
    await guard(async () => {
      // Indexes first: should the record never be written, they point at nothing and are skipped.
      // Separate single-key commands (not MULTI): on Redis Cluster these keys live in different slots.
      await Promise.all([
        this.client.zadd(this.key('expiry'), session.expiresAt, session.id),
        this.client.sadd(this.key(`u:${session.userId}`), session.id),
      ]);
      await this.extendUserIndex(session.userId, ttl);
      const created = await this.run('mitidCreateSession', [
        this.recordKey(session.id),
        this.eventsKey(session.id),
        JSON.stringify(session),
        JSON.stringify(toStatusEvent(session)),
        String(session.seq),
        String(ttl),
      ]);
      if (created !== 1) throw new Error('session id collision');
    });
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const raw = await guard(() => this.client.get(this.recordKey(id)));
    return raw ? (JSON.parse(raw) as SessionRecord) : undefined;
  }

  async update(id: string, mutate: SessionMutation, options: { emit?: boolean } = {}) {
    const emit = options.emit ?? true;
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt += 1) {
      const raw = await guard(() => this.client.get(this.recordKey(id)));
      if (!raw) return undefined;
      const current = JSON.parse(raw) as SessionRecord;
      const next = mutate(JSON.parse(raw) as SessionRecord);
      if (!next) return undefined;
      if (emit) next.seq = current.seq + 1;
      const ttl = this.ttlOf(next);
      await this.indexBefore(current, next, ttl);
      const event = emit ? JSON.stringify(toStatusEvent(next)) : '';
      const written = await guard(() =>
        this.run('mitidUpdateSession', [
          this.recordKey(id),
          this.eventsKey(id),
          raw,
          JSON.stringify(next),
          event,
          String(next.seq),
          String(ttl),
          String(this.maxEvents),
          this.channel(id),
        ]),
      );
      if (written === 1) {
        await this.indexAfter(current, next);
        return next;
      }
      // Someone else changed the session meanwhile: apply the mutation again to what they wrote.
    }
    throw new Error('session update kept conflicting');
  }

  async delete(id: string): Promise<void> {
    const session = await this.get(id);
    await guard(async () => {
      await this.client.del(this.recordKey(id), this.eventsKey(id));
      if (session) await this.indexAfter(session, undefined);
    });
  }

  async eventsAfter(id: string, afterSeq: number): Promise<SessionStatusEvent[]> {
    const entries = await guard(() => this.client.xrange(this.eventsKey(id), `${afterSeq + 1}-0`, '+'));
    return entries.flatMap(([, fields]) => {
      const index = fields.indexOf('e');
      const raw = index >= 0 ? fields[index + 1] : undefined;
      return raw ? [JSON.parse(raw) as SessionStatusEvent] : [];
    });
  }

  subscribe(id: string, listener: StatusListener): () => void {
    return this.fanout.subscribe(id, listener);
  }

  async findByQrId(qrId: string) {
    const session = await this.lookup(`qr:${qrId}`);
    return session?.app?.qrId === qrId ? session : undefined;
  }

  async findByRequestId(requestId: string) {
    const session = await this.lookup(`rq:${requestId}`);
    return session?.app?.requestId === requestId ? session : undefined;
  }

  /** The user's pending sessions (and any that finished a moment ago): what the app list and the parallel check need. */
  async listByUser(userId: string): Promise<SessionRecord[]> {
    const ids = await guard(() => this.client.smembers(this.key(`u:${userId}`)));
    const sessions = await Promise.all(ids.map((id) => this.get(id)));
    const gone = ids.filter((_, index) => !sessions[index]);
    if (gone.length > 0) await guard(() => this.client.srem(this.key(`u:${userId}`), ...gone));
    return sessions.filter((session): session is SessionRecord => session?.userId === userId);
  }

  /**
   * Pending sessions whose time ran out, from the expiry index. Entries the index got wrong (a session extended,
   * finished or gone while a write failed halfway) are repaired here. Finished sessions leave by their TTL, so
   * `finished` is always empty.
   */
  async listStale(now: number): Promise<{ expired: string[]; finished: string[] }> {
    const due = await guard(() => this.client.zrangebyscore(this.key('expiry'), '-inf', now, 'LIMIT', 0, 500));
    const expired: string[] = [];
    for (const id of due) {
      const session = await this.get(id);
      if (!session || session.status !== 'pending') {
        await guard(() => this.client.zrem(this.key('expiry'), id));
      } else if (session.expiresAt > now) {
        await guard(() => this.client.zadd(this.key('expiry'), session.expiresAt, id));
      } else {
        expired.push(id);
      }
    }
    return { expired, finished: [] };
  }

  /** Sessions with listeners on this instance (for tests and metrics). */
  get followed(): number {
    return this.fanout.followed;
  }

  /** The user's index lives as long as its longest-lived session: a TTL set when none, raised otherwise. */
  private async extendUserIndex(userId: string, ttl: number): Promise<void> {
    const key = this.key(`u:${userId}`);
    await this.client.pexpire(key, ttl, 'NX');
    await this.client.pexpire(key, ttl, 'GT');
  }

  private async lookup(name: string): Promise<SessionRecord | undefined> {
    const id = await guard(() => this.client.get(this.key(name)));
    return id ? this.get(id) : undefined;
  }

  private async indexBefore(current: SessionRecord, next: SessionRecord, ttl: number): Promise<void> {
    const app = next.app;
    if (!app || (app.qrId === current.app?.qrId && app.requestId === current.app.requestId)) return;
    await guard(() =>
      Promise.all([
        this.client.set(this.key(`qr:${app.qrId}`), next.id, 'PX', ttl),
        this.client.set(this.key(`rq:${app.requestId}`), next.id, 'PX', ttl),
      ]),
    );
  }

  /** Best effort: a failure here leaves entries the readers and the sweep already tolerate. */
  private async indexAfter(before: SessionRecord, after: SessionRecord | undefined): Promise<void> {
    try {
      const calls: Array<Promise<unknown>> = [];
      if (before.app && before.app.qrId !== after?.app?.qrId)
        calls.push(this.client.del(this.key(`qr:${before.app.qrId}`)));
      if (before.app && before.app.requestId !== after?.app?.requestId) {
        calls.push(this.client.del(this.key(`rq:${before.app.requestId}`)));
      }
      // The user index lists pending sessions only (its readers want those), so it stays small however many
      // times a user logs in.
      if (!after || after.status !== 'pending') calls.push(this.client.srem(this.key(`u:${before.userId}`), before.id));
      if (!after || after.status !== 'pending') calls.push(this.client.zrem(this.key('expiry'), before.id));
      else if (after.expiresAt !== before.expiresAt) {
        calls.push(this.client.zadd(this.key('expiry'), after.expiresAt, after.id));
        calls.push(this.extendUserIndex(after.userId, this.ttlOf(after)));
        // The app step's look-ups live as long as the session (an extension moves both).
        if (after.app) {
          calls.push(this.client.pexpire(this.key(`qr:${after.app.qrId}`), this.ttlOf(after)));
          calls.push(this.client.pexpire(this.key(`rq:${after.app.requestId}`), this.ttlOf(after)));
        }
      }
      await Promise.all(calls);
    } catch {
      // repaired later
    }
  }

  private ttlOf(session: SessionRecord): number {
    const now = this.clock.now();
    const until =
      session.status === 'pending'
        ? Math.max(session.expiresAt, now) + this.retentionMs
        : (session.finishedAt ?? now) + this.retentionMs;
    return Math.max(1000, Math.ceil(until - now));
  }

  private run(command: 'mitidCreateSession' | 'mitidUpdateSession', args: string[]): Promise<unknown> {
    const client = this.client as unknown as Record<string, (...values: string[]) => Promise<unknown>>;
    const call = client[command];
    if (!call) throw new Error(`script ${command} is not defined`);
    return call.apply(this.client, args);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  private recordKey(id: string): string {
    return this.key(`s:{${id}}`);
  }

  private eventsKey(id: string): string {
    return this.key(`s:{${id}}:ev`);
  }

  private channel(id: string): string {
    return this.key(`ev:{${id}}`);
  }
}
