/** The embedded session store: one process, plain maps. Mutations run synchronously, so they are atomic. */
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import { toStatusEvent } from '../sessions/status.js';
import type { SessionMutation, SessionRecord, SessionStore, StatusListener } from '../sessions/types.js';

import { DEFAULT_SETTINGS } from '../settings.js';

interface Entry {
  session: SessionRecord;
  events: SessionStatusEvent[];
}

export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byQrId = new Map<string, string>();
  private readonly byRequestId = new Map<string, string>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly listeners = new Map<string, Set<StatusListener>>();

  /**
   * `maxEvents`: the events kept per session (the broker's `maxEventsPerSession`). A client resuming from before the
   * kept window gets the newer events only; the newest is the current status.
   */
  constructor(private readonly maxEvents = DEFAULT_SETTINGS.maxEventsPerSession) {}

  async create(session: SessionRecord): Promise<void> {
    if (this.entries.has(session.id)) throw new Error('session id collision');
    const copy = structuredClone(session);
    this.entries.set(session.id, { session: copy, events: [toStatusEvent(copy)] });
    this.index(undefined, copy);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const entry = this.entries.get(id);
    return entry ? structuredClone(entry.session) : undefined;
  }

  async update(id: string, mutate: SessionMutation, options: { emit?: boolean } = {}) {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const draft = structuredClone(entry.session);
    const next = mutate(draft);
    if (!next) return undefined;
    const emit = options.emit ?? true;
    if (emit) next.seq = entry.session.seq + 1;
    this.index(entry.session, next);
    entry.session = structuredClone(next);
    if (emit) {
      const event = toStatusEvent(entry.session);
      entry.events.push(event);
      while (entry.events.length > this.maxEvents) entry.events.shift();
      for (const listener of this.listeners.get(id) ?? []) listener(event);
    }
    return structuredClone(next);
  }

  async delete(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.index(entry.session, undefined);
    this.entries.delete(id);
    this.listeners.delete(id);
  }

  async eventsAfter(id: string, afterSeq: number): Promise<SessionStatusEvent[]> {
    return (this.entries.get(id)?.events ?? []).filter((event) => event.seq > afterSeq);
  }

  subscribe(id: string, listener: StatusListener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  async findByQrId(qrId: string) {
    const id = this.byQrId.get(qrId);
    return id ? this.get(id) : undefined;
  }

  async findByRequestId(requestId: string) {
    const id = this.byRequestId.get(requestId);
    return id ? this.get(id) : undefined;
  }

  async listByUser(userId: string): Promise<SessionRecord[]> {
    const ids = [...(this.byUser.get(userId) ?? [])];
    // Pending ones only: its readers want those, and a user's finished sessions pile up for the retention time.
    return ids.flatMap((id) => {
      const entry = this.entries.get(id);
      return entry?.session.status === 'pending' ? [structuredClone(entry.session)] : [];
    });
  }

  async listStale(now: number, finishedBefore: number) {
    const expired: string[] = [];
    const finished: string[] = [];
    for (const [id, { session }] of this.entries) {
      if (session.status === 'pending' && session.expiresAt <= now) expired.push(id);
      else if (session.status !== 'pending' && (session.finishedAt ?? 0) < finishedBefore) finished.push(id);
    }
    return { expired, finished };
  }

  /** Number of sessions held: for tests and metrics. */
  get size(): number {
    return this.entries.size;
  }

  private index(before: SessionRecord | undefined, after: SessionRecord | undefined): void {
    if (before?.app && before.app.qrId !== after?.app?.qrId) this.byQrId.delete(before.app.qrId);
    if (before?.app && before.app.requestId !== after?.app?.requestId) this.byRequestId.delete(before.app.requestId);
    if (after?.app) {
      this.byQrId.set(after.app.qrId, after.id);
      this.byRequestId.set(after.app.requestId, after.id);
    }
    if (before && !after) {
      const set = this.byUser.get(before.userId);
      set?.delete(before.id);
      if (set?.size === 0) this.byUser.delete(before.userId);
    }
    if (after && !before) {
      let set = this.byUser.get(after.userId);
      if (!set) this.byUser.set(after.userId, (set = new Set()));
      set.add(after.id);
    }
  }
}
