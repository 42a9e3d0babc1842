/** Replay memory for `verifyAssertion`: an assertion (its `jti`) is accepted once. */

/** Remembers seen `jti`s until the assertion would have expired anyway. */
export interface ReplayStore {
  /** Records `jti`; resolves `false` when it was already recorded (a replay). */
  remember(jti: string, expiresAt: Date): Promise<boolean> | boolean;
}

/** A process-local replay store. Use a shared one (e.g. Redis `SET NX PX`) when several back ends verify. */
export class MemoryReplayStore implements ReplayStore {
  private readonly seen = new Map<string, number>();

  /** `now` is for tests that verify at a fixed `currentDate`. */
  constructor(private readonly now: () => number = Date.now) {}

  remember(jti: string, expiresAt: Date): boolean {
    const now = this.now();
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expiresAt.getTime());
    return true;
  }
}
