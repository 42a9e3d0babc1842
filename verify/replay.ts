/** Replay memory for `verifyAssertion` and `verifyEnrolment`: a token (its `jti`) is accepted once. */

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

/*
 * The replay store used when none is given. It forgets a jti once the token could no longer pass the expiry check
 * at the time the verification ran (`currentDate` included), so a test verifying at a fixed date is served as a live
 * back end is; the time is set right before the synchronous `remember`, so no other call interleaves.
 */
let defaultStoreTime = 0;
const defaultReplayStore = new MemoryReplayStore(() => defaultStoreTime);

/**
 * Whether this is the first use of `jti`, remembered until `until`: in `store`, in the process's default store when
 * `store` is undefined (`now`: the verification's time, epoch ms), or not at all when it is `false`.
 */
export async function firstUse(
  store: ReplayStore | false | undefined,
  jti: string,
  until: Date,
  now: number,
): Promise<boolean> {
  if (store === false) return true;
  if (store) return store.remember(jti, until);
  defaultStoreTime = now;
  return defaultReplayStore.remember(jti, until);
}
