/**
 * The priority of a user ID's password check in the hash budget (../authenticators/hash-budget.ts): its wrong
 * tries left first, then how often its tries were refused lately (fewer first): `broker_busy`, or `rate_limited`
 * because one of its checks was under way. Attackers who flood wrong passwords send tries while theirs wait, so
 * their checks sink below a real user's first one, which then takes the place of one of theirs in a full queue. The refusals are remembered per instance, for one window, then forgotten
 * all together (the map holds only user IDs that were refused within it, each past its first factor).
 */
import type { Clock } from '../clock.js';

const REFUSALS_COUNTED = 999;

export class CheckPriorities {
  private refusals = new Map<string, number>();
  private windowStart: number;

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 60_000,
  ) {
    this.windowStart = clock.now();
  }

  priority(userId: string, attemptsLeft: number): number {
    this.expire();
    return attemptsLeft * (REFUSALS_COUNTED + 1) - Math.min(this.refusals.get(userId) ?? 0, REFUSALS_COUNTED);
  }

  refused(userId: string): void {
    this.expire();
    this.refusals.set(userId, (this.refusals.get(userId) ?? 0) + 1);
  }

  /** A check ran: the user ID starts over. */
  checked(userId: string): void {
    this.refusals.delete(userId);
  }

  private expire(): void {
    const now = this.clock.now();
    if (now - this.windowStart < this.windowMs) return;
    this.windowStart = now;
    this.refusals = new Map();
  }
}
