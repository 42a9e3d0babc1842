/**
 * Wrong tries counted per user ID, over every session and every broker instance (the record lives in the shared
 * state and changes by compare-and-set): wrong codes, wrong passwords and failed chip answers together. After
 * {@link FailurePolicy.limit} wrong tries in a row (PSD2 RTS art. 4(3)(a) allows at most 5), the user ID's codes,
 * password and chip are blocked for the next period of the schedule; after the last period, until support lifts the
 * block. While blocked, no try is checked or counted. A completed login or approval resets the count and the
 * escalation (a block already running runs out).
 *
 * Counted by the user ID as typed, known or not: an unknown user ID is blocked exactly like a known one, so the
 * answers never tell whether a MitID exists. The MitID app is not blocked: its PIN is checked on the phone, and a
 * stranger who guesses codes must not lock its owner out of every method.
 */
import type { Clock } from '../clock.js';
import { updateRecord, type SharedState } from '../stores/shared-state.js';

export interface FailurePolicy {
  /** Wrong tries in a row before a block. */
  limit: number;
  /** The lengths of the first, second, … block (ms); after the last one the next block lasts until support. */
  blockSchedule: readonly number[];
}

interface FailureRecord {
  /** Wrong tries since the last block or success. */
  consecutive: number;
  /** Blocks so far (escalation), reset by a success. */
  blocks: number;
  blockedUntil?: number;
  /** Blocked until support lifts it. */
  permanent?: boolean;
}

export type FailureStanding =
  | {
      blocked: false;
      attemptsLeft: number;
      /** Length of the block the last try would start; undefined: permanent. */ nextBlockMs: number | undefined;
    }
  | { blocked: true; /** Undefined: until support. */ until: number | undefined };

// A count without a block is forgotten a day after its last wrong try (PSD2's "within a given period of time");
// a block is remembered a day past its end (for the escalation), a block until support for a year. Unknown user IDs
// get records too, so their number is bounded by the rate limits times these lifetimes.
const DAY_MS = 86_400_000;

function keepFor(record: FailureRecord, now: number): number {
  if (record.permanent) return 365 * DAY_MS;
  return Math.max(DAY_MS, (record.blockedUntil ?? now) - now + DAY_MS);
}

export class FailureCounter {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly policy: FailurePolicy,
  ) {}

  /** Where the user ID stands now. */
  async standing(userId: string): Promise<FailureStanding> {
    const raw = await this.state.get(key(userId));
    return this.standingOf(raw === undefined ? undefined : (JSON.parse(raw) as FailureRecord));
  }

  /** Counts one wrong try (none while blocked) and returns the standing after it. */
  async fail(userId: string): Promise<FailureStanding> {
    const now = this.clock.now();
    const next = await updateRecord<FailureRecord>(
      this.state,
      key(userId),
      (current) => {
        const record = this.current(current, now);
        if (record.permanent || (record.blockedUntil !== undefined && record.blockedUntil > now)) return undefined;
        record.consecutive += 1;
        if (record.consecutive >= this.policy.limit) {
          const period = this.policy.blockSchedule[record.blocks];
          record.blocks += 1;
          record.consecutive = 0;
          if (period === undefined) record.permanent = true;
          else record.blockedUntil = now + period;
        }
        return record;
      },
      (record) => keepFor(record, now),
    );
    return this.standingOf(next);
  }

  /** A completed login or approval: the count and the escalation start over. */
  async succeed(userId: string): Promise<void> {
    const now = this.clock.now();
    await updateRecord<FailureRecord>(
      this.state,
      key(userId),
      (current) => {
        if (!current || (current.consecutive === 0 && current.blocks === 0)) return undefined;
        if (current.permanent) return undefined; // only support lifts it
        const running = current.blockedUntil !== undefined && current.blockedUntil > now;
        return running
          ? { consecutive: 0, blocks: 0, blockedUntil: current.blockedUntil }
          : { consecutive: 0, blocks: 0 };
      },
      (record) => keepFor(record, now),
    );
  }

  /** Support lifts a block (and forgets the count). */
  async lift(userId: string): Promise<void> {
    await this.state.delete(key(userId));
  }

  /** The record with a block that has run out turned into a fresh count. */
  private current(record: FailureRecord | undefined, now: number): FailureRecord {
    if (!record) return { consecutive: 0, blocks: 0 };
    if (record.blockedUntil !== undefined && record.blockedUntil <= now) {
      return { consecutive: 0, blocks: record.blocks };
    }
    return { ...record };
  }

  private standingOf(stored: FailureRecord | undefined): FailureStanding {
    const now = this.clock.now();
    const record = this.current(stored, now);
    if (record.permanent) return { blocked: true, until: undefined };
    if (record.blockedUntil !== undefined) return { blocked: true, until: record.blockedUntil };
    return {
      blocked: false,
      attemptsLeft: this.policy.limit - record.consecutive,
      nextBlockMs: this.policy.blockSchedule[record.blocks],
    };
  }
}

function key(userId: string): string {
  return `fail:${userId}`;
}
