/**
 * A budget for the broker's expensive work: password checks (scrypt: tens of milliseconds of a CPU and 16 MiB
 * each). At most `concurrent` run at once and `queued` wait; one more is refused at once with 503 `broker_busy`
 * and `Retry-After`, so a flood of checks costs the flooder a fast refusal instead of costing every user a queue
 * of seconds. The wait of a queued check is bounded too: at most `queued / concurrent` checks ahead of it.
 *
 * Waiting checks are served by priority (higher first; ../sessions/check-priority.ts: a user ID with more wrong
 * tries left, and fewer refusals lately, goes first), first come first served within one priority. When the queue
 * is full, a check of a higher priority takes the place of the lowest waiting one, which is refused with
 * `broker_busy`. So attackers who got past their codes and flood wrong passwords fill the queue with low
 * priorities, and a real user's first try still gets in and waits only for the checks ahead of it.
 *
 * Per process: each broker instance has its own CPUs to protect.
 */
import { BrokerError } from '../http/errors.js';

export interface HashBudgetLimits {
  /** Checks running at once (about the CPUs the broker may spend on them). */
  concurrent: number;
  /** Checks waiting for a slot at most. */
  queued: number;
}

interface Waiter {
  priority: number;
  start: () => void;
  refuse: (error: BrokerError) => void;
}

function busy(): BrokerError {
  return new BrokerError(
    'broker_busy',
    'The broker has too many password checks under way; nothing was checked. Try again shortly.',
  ).retryAfter(1);
}

export class HashBudget {
  private running = 0;
  /** Highest priority first; equal priorities in arrival order. */
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: HashBudgetLimits) {
    if (!(limits.concurrent >= 1) || !(limits.queued >= 0)) {
      throw new TypeError('A hash budget needs at least one concurrent check and a queue of 0 or more.');
    }
  }

  /** Checks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Runs `work` in a free slot. The decision is made at once, when `run` is called: it takes a slot, or joins the
   * queue (perhaps in the place of a lower priority), or is refused with `broker_busy`.
   */
  async run<T>(work: () => Promise<T>, priority = 0): Promise<T> {
    if (this.running < this.limits.concurrent) {
      this.running += 1;
    } else {
      // The slot is handed over by the check that ends (below), so `running` stays as it is.
      await new Promise<void>((start, refuse) => this.enqueue({ priority, start, refuse }));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start();
      else this.running -= 1;
    }
  }

  private enqueue(waiter: Waiter): void {
    if (this.waiting.length >= this.limits.queued) {
      const lowest = this.waiting.at(-1);
      if (!lowest || lowest.priority >= waiter.priority) throw busy();
      this.waiting.pop();
      lowest.refuse(busy());
    }
    const after = this.waiting.findIndex((queued) => queued.priority < waiter.priority);
    this.waiting.splice(after === -1 ? this.waiting.length : after, 0, waiter);
  }
}
