/**
 * Mounting `<mitid-login>` for @web/test-runner tests: on a fake clock with a scripted transport, with the in-page
 * harness (./login-harness.ts) to drive it as a user would. Every harness action lets the fake clock answer.
 */
import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import {
  ScriptedTransport,
  type ScriptedTransportOptions,
  FakeClock,
  settle,
  LoginHarness,
} from '../../testing/index.js';

export interface MountOptions {
  mode?: 'login' | 'approve';
  text?: string;
  lang?: string;
  device?: 'auto' | 'cross' | 'same';
  remember?: boolean;
  /** The element's `login-hint` (approve mode). */
  loginHint?: string;
  script?: ScriptedTransportOptions;
}

export async function mount(options: MountOptions = {}) {
  const clock = new FakeClock();
  const transport = new ScriptedTransport({ clock, ...options.script });
  const el = await fixture<MitidLogin>(
    html`<mitid-login
      client-id="netbank"
      nonce="nonce-0123456789abcdef"
      lang=${options.lang ?? 'da'}
      mode=${options.mode ?? 'login'}
      transaction-text=${options.text ?? ''}
      device=${options.device ?? 'cross'}
      ?remember-user-id=${options.remember ?? false}
      login-hint=${options.loginHint ?? ''}
      .transport=${transport}
      .clock=${clock}
    ></mitid-login>`,
  );
  await sessionLoaded(el);
  const events: Event[] = [];
  for (const name of ['mitid-success', 'mitid-error', 'mitid-cancel', 'mitid-state']) {
    el.addEventListener(name, (event) => events.push(event));
  }
  return { el, clock, transport, events, user: userOf(el, clock) };
}

/** The harness for an element on a fake clock: after each action the clock runs what is due, and the element renders. */
export function userOf(el: MitidLogin, clock: FakeClock): LoginHarness {
  return new LoginHarness(el, {
    settle: async () => {
      await clock.tick(0);
      await el.updateComplete;
    },
  });
}

/** Let the clock run `ms` and the element re-render. */
export async function advance(el: MitidLogin, clock: FakeClock, ms: number) {
  await clock.tick(ms);
  await el.updateComplete;
  await settle(1);
}

export function eventsOf<T extends Event>(events: Event[], type: string): T[] {
  return events.filter((event) => event.type === type) as T[];
}

/** The element fetches its session module right after the first render; wait for it before the test acts. */
export async function sessionLoaded(el: MitidLogin) {
  const flow = (el as unknown as { flow: { runner?: unknown } }).flow;
  for (let i = 0; i < 200 && !flow.runner; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!flow.runner) throw new Error('the session module did not load');
}
