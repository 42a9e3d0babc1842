/**
 * A budget for the broker's expensive work: password checks (scrypt: tens of milliseconds of a CPU and 16 MiB
 * each). At most `concurrent` run at once and `queued` wait; one more is refused at once with 503 `broker_busy`
 * and `Retry-After`, so a flood of checks costs the flooder a fast refusal instead of costing every user a queue
 * of seconds. The wait of a queued check is bounded too: at most `queued / concurrent` checks ahead of it.
 *
 * Waiting checks are served by priority (higher first; ../sessions/check-priority.ts: a user ID with more wrong
 * tries left, and fewer refusals lately, goes first), first come first served within one priority. A priority is
 * read again whenever a slot frees or the queue is full, since a waiting user ID's refusals may grow meanwhile.
 * When the queue is full, a check of a higher priority takes the place of the lowest waiting one, which is refused
 * with `broker_busy`. So attackers who got past their codes and flood wrong passwords sink while they wait, and a
 * real user's first try still gets in and waits only for the checks already running.
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

/** A number, or a function read whenever the queue is ordered. */
export type Priority = number | (() => number);

interface Waiter {
  priority: () => number;
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
  /** In arrival order; served by priority. */
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
  async run<T>(work: () => Promise<T>, priority: Priority = 0): Promise<T> {
    if (this.running < this.limits.concurrent) {
      this.running += 1;
    } else {
      const read = typeof priority === 'number' ? () => priority : priority;
      // The slot is handed over by the check that ends (below), so `running` stays as it is.
      await new Promise<void>((start, refuse) => this.enqueue({ priority: read, start, refuse }));
    }
    try {
      return await work();
    } finally {
      const next = this.take('highest');
      if (next) next.start();
      else this.running -= 1;
    }
  }

  private enqueue(waiter: Waiter): void {
    if (this.waiting.length >= this.limits.queued) {
      const lowest = this.waiting[this.pick('lowest')];
      if (!lowest || lowest.priority() >= waiter.priority()) throw busy();
      this.take('lowest');
      lowest.refuse(busy());
    }
    this.waiting.push(waiter);
  }

  /** The earliest waiter of the highest priority, or the latest of the lowest (-1 when none wait). */
  private pick(which: 'highest' | 'lowest'): number {
    let chosen = -1;
    let chosenPriority = 0;
    for (const [index, waiter] of this.waiting.entries()) {
      const priority = waiter.priority();
      const better = which === 'highest' ? priority > chosenPriority : priority <= chosenPriority;
      if (chosen === -1 || better) {
        chosen = index;
        chosenPriority = priority;
      }
    }
    return chosen;
  }

  private take(which: 'highest' | 'lowest'): Waiter | undefined {
    const index = this.pick(which);
    return index === -1 ? undefined : this.waiting.splice(index, 1)[0];
  }
}
