/**
 * A budget for the broker's expensive work: password checks (scrypt: tens of milliseconds of a CPU and 16 MiB
 * each). At most `concurrent` run at once and `queued` wait; one more is refused at once with 503 `broker_busy`
 * and `Retry-After`, so a flood of checks costs the flooder a fast refusal instead of costing every user a queue
 * of seconds. The wait of a queued check is bounded too: at most `queued / concurrent` checks ahead of it.
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

export class HashBudget {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

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
   * Runs `work` in a free slot, after the checks queued before it. The decision is made at once, when `run` is
   * called: it takes a slot, or joins the queue, or is refused with `broker_busy`.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrent) {
      this.running += 1;
    } else if (this.waiting.length < this.limits.queued) {
      // The slot is handed over by the check that ends (below), so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new BrokerError(
        'broker_busy',
        'The broker has too many password checks under way; nothing was checked. Try again shortly.',
      ).retryAfter(1);
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
