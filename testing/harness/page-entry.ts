/**
 * What a driver outside the page loads into it (`PageHarness`, ../node/playwright.ts, evaluates this file as one
 * classic script, built with the package or bundled with esbuild from the sources, leaving
 * `globalThis.mitidHarness`): the harness, the calls the driver makes through `page.evaluate`, and the log of the
 * element's `mitid-success` and `mitid-error` events from the moment the harness is in the page.
 *
 * The log is what makes the driver's "next event" exact. A test asks for the next event and then acts
 * (`const failed = mitid.nextError(); await phone.decide(request, 'reject')`); the question travels to the page
 * over the browser's debugging channel, the answer to the action over the broker's status stream, and on a loaded
 * machine the event can arrive first. A listener added only when the question arrives then misses it. The log has
 * been listening since the harness came in, and every call tells the driver how far the log had got when the call
 * ended, so the driver asks for the first event after that point: the one the action caused, wherever it raced.
 */
import { LoginHarness } from './login-harness.js';
import { remoteActor } from './actors.js';

export { actionTarget } from './actors.js';
export { LoginHarness };

/** The events a driver can wait for. */
export type LoggedEventType = 'mitid-success' | 'mitid-error';

/** How far the log had got, in this page (a reload brings a new `page`, whose log starts again). */
export interface LogPosition {
  readonly page: string;
  readonly seq: number;
}

interface Logged {
  readonly seq: number;
  readonly type: LoggedEventType;
  readonly target: EventTarget | null;
  readonly detail: unknown;
}

/** Enough for any test's events; the oldest go first. */
const LOG_LIMIT = 200;
const log: Logged[] = [];
const listeners = new Set<() => void>();
const pageId = crypto.randomUUID();
let seq = 0;

for (const type of ['mitid-success', 'mitid-error'] as const) {
  // On the document, in the capture phase: heard before any of the page's own listeners, and whether or not the
  // event bubbles.
  document.addEventListener(
    type,
    (event) => {
      log.push({ seq: ++seq, type, target: event.target, detail: (event as CustomEvent<unknown>).detail });
      if (log.length > LOG_LIMIT) log.shift();
      for (const listener of [...listeners]) listener();
    },
    { capture: true },
  );
}

function position(): LogPosition {
  return { page: pageId, seq };
}

/**
 * The entry a driver outside the page calls (`PageHarness`, through `page.evaluate`): the harness
 * on the element matching `selector`, acting through `binding`, then one of its members (a method is called
 * with `args`; a property is read). Only JSON, RegExps and step names cross, so results are plain values; with the
 * result comes the log's position when the call ended.
 */
export async function driverCall(
  binding: string,
  selector: string,
  member: keyof LoginHarness,
  args: unknown[],
  timeoutMs: number,
): Promise<{ value: unknown; position: LogPosition }> {
  const harness = await LoginHarness.find(selector, { actor: remoteActor(binding), timeoutMs });
  const found: unknown = harness[member];
  const value =
    typeof found === 'function' ? await (found as (...values: unknown[]) => unknown).apply(harness, args) : found;
  return { value, position: position() };
}

/**
 * The first `type` event of the element matching `selector` logged after `after` (from the start of the log when
 * `after` is another page's), as soon as there is one; rejects after `timeoutMs`.
 */
export function nextLoggedEvent(
  selector: string,
  type: LoggedEventType,
  after: LogPosition | null,
  timeoutMs: number,
): Promise<{ detail: unknown; position: LogPosition }> {
  const from = after?.page === pageId ? after.seq : 0;
  return new Promise((resolve, reject) => {
    const find = (): boolean => {
      const element = document.querySelector(selector);
      const found = log.find((entry) => entry.seq > from && entry.type === type && entry.target === element);
      if (!found) return false;
      resolve({ detail: found.detail, position: { page: pageId, seq: found.seq } });
      return true;
    };
    if (find()) return;
    if (!document.querySelector(selector)) {
      reject(new Error(`no ${selector} on the page`));
      return;
    }
    const listener = (): void => {
      if (!find()) return;
      listeners.delete(listener);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      listeners.delete(listener);
      reject(new Error(`no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    listeners.add(listener);
  });
}
