/** A clock whose time moves only when a test says so: timers run in order, with promises settled in between. */
import type { Clock } from '../src/transport/transport.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets pending promise chains (and the dev server's module loads) finish. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

export class FakeClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 25, 12, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward by `ms`, running every timer due on the way. */
  async tick(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle(1);
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
      await settle(1);
    }
    this.time = end;
    await settle(2);
  }

  get pending(): number {
    return this.timers.length;
  }
}

/**
 * The page comes back to the foreground. Test pages run side by side and only one is really in front, so the
 * page's visibility is set explicitly for the event instead of trusting the real one.
 */
export function returnToPage(): void {
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
  delete (document as { visibilityState?: unknown }).visibilityState;
}
