/**
 * Small shared state the broker keeps besides sessions: devices, notifications, chip credentials and enrolments,
 * rate-limit counters and TOTP replay memory. One interface, two homes: process memory (the embedded default) and
 * Redis (several instances). Time-to-live values only clean up; whatever decides validity (an enrolment's expiry,
 * a rate-limit window) reads the broker's clock and lives in the key or the value.
 */

export interface SharedState {
  get(key: string): Promise<string | undefined>;
  /** Stores `value`; `ttlMs` undefined keeps it for good. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Stores `value` only when `key` is absent; true when it was stored. */
  add(key: string, value: string, ttlMs?: number): Promise<boolean>;
  /** Reads and deletes in one step, so a value is used once even across instances. */
  take(key: string): Promise<string | undefined>;
  /** Adds one to a counter living `ttlMs` from its first hit; the new count. */
  count(key: string, ttlMs: number): Promise<number>;
  /** Raises the number at `key` to `value` when `value` is greater (or nothing is stored); true when raised. */
  raise(key: string, value: number, ttlMs: number): Promise<boolean>;
  /** Puts `value` first in the list at `key`, keeping the `max` newest. */
  push(key: string, value: string, max: number): Promise<void>;
  /** The list at `key`, newest first. */
  list(key: string): Promise<string[]>;
  /**
   * Compare-and-set: stores `next` only if the value at `key` is still `expected` (undefined: absent), atomically
   * across instances; true when it was stored. `ttlMs` undefined keeps it for good. For read-modify-write of a
   * JSON record, see {@link updateRecord}.
   */
  swap(key: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean>;
  /** Removes `key`. */
  delete(key: string): Promise<void>;
}

const MAX_SWAP_TRIES = 50;

/**
 * Applies `mutate` to the JSON record at `key` atomically (compare-and-set, retried when another instance wrote
 * first): `mutate` gets the current value (undefined when absent) and returns the next one, or undefined to change
 * nothing. Resolves with what is stored afterwards. `mutate` may run more than once; it must not have side effects.
 */
export async function updateRecord<T>(
  state: SharedState,
  key: string,
  mutate: (current: T | undefined) => T | undefined,
  ttlMs?: (next: T) => number | undefined,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < MAX_SWAP_TRIES; attempt += 1) {
    const raw = await state.get(key);
    const current = raw === undefined ? undefined : (JSON.parse(raw) as T);
    const next = mutate(current === undefined ? undefined : structuredClone(current));
    if (next === undefined) return current;
    if (await state.swap(key, raw, JSON.stringify(next), ttlMs?.(next))) return next;
  }
  throw new Error(`the record ${key} kept changing under an update`);
}

interface Slot {
  value: string | string[];
  expiresAt?: number;
}

/** The embedded default: plain maps, with lazy expiry by wall time (only for cleanup). */
export class MemorySharedState implements SharedState {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const value = this.read(key);
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.write(key, value, ttlMs);
  }

  async add(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.read(key) !== undefined) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async take(key: string): Promise<string | undefined> {
    const value = await this.get(key);
    this.slots.delete(key);
    return value;
  }

  async count(key: string, ttlMs: number): Promise<number> {
    const current = this.read(key);
    const next = (typeof current === 'string' ? Number(current) : 0) + 1;
    const slot = this.slots.get(key);
    if (current !== undefined && slot) slot.value = String(next);
    else this.write(key, String(next), ttlMs);
    return next;
  }

  async raise(key: string, value: number, ttlMs: number): Promise<boolean> {
    const current = this.read(key);
    if (typeof current === 'string' && Number(current) >= value) return false;
    this.write(key, String(value), ttlMs);
    return true;
  }

  async push(key: string, value: string, max: number): Promise<void> {
    const current = this.read(key);
    const list = Array.isArray(current) ? current : [];
    this.write(key, [value, ...list].slice(0, max));
  }

  async list(key: string): Promise<string[]> {
    const value = this.read(key);
    return Array.isArray(value) ? [...value] : [];
  }

  async swap(key: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean> {
    const current = this.read(key);
    if (Array.isArray(current) || current !== expected) return false;
    this.write(key, next, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.slots.delete(key);
  }

  /** Drops expired entries (the sweeper calls it). */
  prune(): void {
    const now = this.now();
    for (const [key, slot] of this.slots)
      if (slot.expiresAt !== undefined && slot.expiresAt <= now) this.slots.delete(key);
  }

  get size(): number {
    return this.slots.size;
  }

  private read(key: string): string | string[] | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt !== undefined && slot.expiresAt <= this.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot.value;
  }

  private write(key: string, value: string | string[], ttlMs?: number): void {
    this.slots.set(key, ttlMs === undefined ? { value } : { value, expiresAt: this.now() + ttlMs });
  }
}
