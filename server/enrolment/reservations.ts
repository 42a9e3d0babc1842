/**
 * User IDs reserved by enrolments: `uid:<user ID>` holds `{ by, until }`, the enrolment's key and its expiry, judged
 * by the broker's clock (a reservation past it is taken over; the store's expiry only cleans up). An identity's user
 * ID (seeded or enrolled) is taken for good, whatever the reservations say. A user ID an identity changed to (or
 * from: ../identity/user-ids.ts) is held for it for good in the same slot, `by: "identity:<its key>"`, so that an
 * enrolment and a change can never both get one, and a user ID given up is never someone else's.
 */
import type { Clock } from '../clock.js';
import { normalizeUserId, type IdentityDirectory } from '../config/identities.js';
import type { SharedState } from '../stores/shared-state.js';

interface Reservation {
  by: string;
  until: number;
}

function read(raw: string | undefined): Reservation | undefined {
  return raw === undefined ? undefined : (JSON.parse(raw) as Reservation);
}

function slotOf(normalizedUserId: string): string {
  return `uid:${normalizedUserId}`;
}

const IDENTITY = 'identity:';

export class UserIdReservations {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly directory: IdentityDirectory,
  ) {}

  /** True when `normalized` is an identity's, or reserved by another enrolment than `key`. The same lookups every time. */
  async heldByOther(normalized: string, key: string): Promise<boolean> {
    const known = await this.directory.holds(normalized, this.clock.now());
    const holder = read(await this.state.get(slotOf(normalized)));
    return known || (holder !== undefined && holder.by !== key && holder.until > this.clock.now());
  }

  /** Reserves `normalized` for the enrolment at `key` until `until`: true when it is now this enrolment's. */
  async claim(normalized: string, key: string, until: number): Promise<boolean> {
    if (await this.directory.holds(normalized, this.clock.now())) return false;
    const slot = slotOf(normalized);
    const mine = JSON.stringify({ by: key, until } satisfies Reservation);
    const ttl = until - this.clock.now();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const raw = await this.state.get(slot);
      const holder = read(raw);
      if (holder && holder.by !== key && holder.until > this.clock.now()) return false;
      if (holder?.by === key) return true;
      if (raw === undefined ? await this.state.add(slot, mine, ttl) : await this.state.swap(slot, raw, mine, ttl)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Holds `normalized` for good for the identity whose key is `identityKey` (a user-ID change): true when it is now
   * the identity's (or was already), false when it is another identity's key or held by anyone else.
   */
  async holdForIdentity(normalized: string, identityKey: string): Promise<boolean> {
    if (normalized !== identityKey && (await this.directory.holds(normalized, this.clock.now()))) return false;
    const slot = slotOf(normalized);
    const mine = JSON.stringify({
      by: `${IDENTITY}${identityKey}`,
      until: Number.MAX_SAFE_INTEGER,
    } satisfies Reservation);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const raw = await this.state.get(slot);
      const holder = read(raw);
      if (holder?.by === `${IDENTITY}${identityKey}`) return true;
      if (holder && holder.until > this.clock.now()) return false;
      if (raw === undefined ? await this.state.add(slot, mine) : await this.state.swap(slot, raw, mine)) return true;
    }
    return false;
  }

  /** The key of the identity that holds `normalized` by a user-ID change, if one does. */
  async identityHolding(normalized: string): Promise<string | undefined> {
    const by = read(await this.state.get(slotOf(normalized)))?.by;
    return by?.startsWith(IDENTITY) ? by.slice(IDENTITY.length) : undefined;
  }

  /** Frees `userId` if the enrolment at `key` holds it. */
  async release(userId: string, key: string): Promise<void> {
    const slot = slotOf(normalizeUserId(userId));
    const raw = await this.state.get(slot);
    // Compare-and-set to an already ended reservation: another enrolment's claim in between is never undone.
    if (raw !== undefined && read(raw)?.by === key) {
      await this.state.swap(slot, raw, JSON.stringify({ by: key, until: 0 } satisfies Reservation), 1);
    }
  }
}
