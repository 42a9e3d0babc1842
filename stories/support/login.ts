/**
 * What every story shares: `<mitid-login>` on the scripted in-memory transport (never the network), the controls
 * for its attributes, and small play helpers that drive the element the way a user would (type, submit, click) and
 * wait for the element's own `mitid-state` events or its next render, never for a fixed time.
 */
import type { Args, ArgTypes, StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import '../../src/define.js';
import type { Step } from '../../src/flow/machine.js';
import { da } from '../../src/i18n/locales/da.js';
import { en } from '../../src/i18n/locales/en.js';
import type { Translation } from '../../src/i18n/translation.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import { ScriptedTransport, type ScriptedTransportOptions } from '../../src/transport/scripted-transport.js';
import type { Clock } from '../../src/transport/transport.js';

export type Lang = 'da' | 'en';

/** The element's attributes as story args (names as in HTML, so the manifest's descriptions match them). */
export interface LoginArgs extends Args {
  lang: Lang;
  mode: 'login' | 'approve';
  'transaction-text': string;
  device: 'auto' | 'cross' | 'same';
  theme: 'light' | 'dark' | 'auto';
  'remember-user-id': boolean;
  'client-id': string;
  nonce: string;
}

/** Story parameters this project adds: the transport's script, and how much time a new session has left. */
export interface ScriptParameters {
  script?: ScriptedTransportOptions;
  /** Sessions start with this little time left (the transport's clock runs behind the page's). */
  sessionLeftMs?: number;
}

const SESSION_MS = 5 * 60_000;
const clocks = new WeakMap<ScriptedTransport, ShiftedClock>();

export const defaultArgs: LoginArgs = {
  lang: 'da',
  mode: 'login',
  'transaction-text': '',
  device: 'cross',
  theme: 'light',
  'remember-user-id': false,
  'client-id': 'netbank',
  nonce: 'story-nonce-0123456789abcdef',
};

export const argTypes: Partial<ArgTypes<LoginArgs>> = {
  lang: { control: 'inline-radio', options: ['da', 'en'] },
  mode: { control: 'inline-radio', options: ['login', 'approve'] },
  'transaction-text': { control: 'text' },
  device: { control: 'inline-radio', options: ['auto', 'cross', 'same'] },
  theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  'remember-user-id': { control: 'boolean' },
  'client-id': { control: 'text' },
  nonce: { control: 'text' },
};

const log = {
  success: action('mitid-success'),
  error: action('mitid-error'),
  cancel: action('mitid-cancel'),
  state: action('mitid-state'),
};

/** The toolbar's language, when chosen, wins over the story's own `lang`. */
export function storyLang(args: LoginArgs, context: Pick<StoryContext, 'globals'>): Lang {
  const global = context.globals['lang'] as Lang | '' | undefined;
  return global || args.lang;
}

/** The toolbar's theme, when chosen, wins over the story's own `theme`. */
export function storyTheme(args: LoginArgs, context: Pick<StoryContext, 'globals'>): LoginArgs['theme'] {
  const global = context.globals['theme'] as LoginArgs['theme'] | '' | undefined;
  return global || args.theme;
}

export function translation(lang: string): Translation {
  return lang === 'en' ? en : da;
}

/** A fresh scripted transport per render: a story never shares a session with another. */
export function renderLogin(args: LoginArgs, context: StoryContext) {
  const { script = {}, sessionLeftMs } = context.parameters as ScriptParameters;
  const clock = sessionLeftMs === undefined ? undefined : new ShiftedClock(sessionLeftMs - SESSION_MS);
  const transport = new ScriptedTransport({ app: [], sessionMs: SESSION_MS, ...script, ...(clock ? { clock } : {}) });
  if (clock) clocks.set(transport, clock);
  return html`<mitid-login
    lang=${storyLang(args, context)}
    mode=${args.mode}
    transaction-text=${args['transaction-text']}
    device=${args.device}
    theme=${storyTheme(args, context)}
    ?remember-user-id=${args['remember-user-id']}
    client-id=${args['client-id']}
    nonce=${args.nonce}
    .transport=${transport}
    @mitid-success=${log.success}
    @mitid-error=${log.error}
    @mitid-cancel=${log.cancel}
    @mitid-state=${log.state}
  ></mitid-login>`;
}

// ---- play helpers -------------------------------------------------------------------------------------------

/** The story's element (the first, or the one matching `selector`), rendered in its language. */
export async function loginIn(canvasElement: HTMLElement, selector = 'mitid-login'): Promise<MitidLogin> {
  const el = canvasElement.querySelector<MitidLogin>(selector);
  if (!el) throw new Error(`no ${selector} in the story`);
  await el.updateComplete;
  return el;
}

export function scriptOf(el: MitidLogin): ScriptedTransport {
  if (!(el.transport instanceof ScriptedTransport)) throw new Error('the story has no scripted transport');
  return el.transport;
}

/** The transport's clock in a story with `sessionLeftMs`: set its `offsetMs` to 0 and new times are full length. */
export function clockOf(el: MitidLogin): ShiftedClock {
  const clock = clocks.get(scriptOf(el));
  if (!clock) throw new Error('the story has no sessionLeftMs parameter');
  return clock;
}

/** Resolves when the element shows `step` (at once if it already does), from its `mitid-state` events. */
export function stepShown(el: MitidLogin, step: Step): Promise<void> {
  if (el.step === step) return el.updateComplete.then(() => undefined);
  return new Promise((resolve) => {
    const listener = (event: HTMLElementEventMap['mitid-state']) => {
      if (event.detail.step !== step) return;
      el.removeEventListener('mitid-state', listener);
      void el.updateComplete.then(() => resolve());
    };
    el.addEventListener('mitid-state', listener);
  });
}

/**
 * Waits, render by render, until `condition` holds: for changes inside a step (a hint, a QR frame, a problem
 * message), which fire no `mitid-state`. Frames, not a fixed delay; gives up after about five seconds.
 */
export async function rendered(el: MitidLogin, condition: () => boolean, what: string): Promise<void> {
  for (let frame = 0; frame < 300; frame += 1) {
    await el.updateComplete;
    if (condition()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`the element never showed ${what} (step ${el.step})`);
}

export function shadowText(el: MitidLogin, selector: string): string {
  return el.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Types into a light-DOM field and submits the form, as a user pressing Enter. */
export async function submitField(el: MitidLogin, name: string, value: string): Promise<void> {
  await el.updateComplete;
  const input = el.querySelector<HTMLInputElement>(`form input[name="${name}"]`);
  if (!input) throw new Error(`no field ${name} at step ${el.step}`);
  input.value = value;
  input.closest('form')!.requestSubmit();
}

/** Clicks a shadow-DOM button by its part name (e.g. `method`, `more-time`, `cancel`, `primary`). */
export async function clickPart(el: MitidLogin, part: string, index = 0): Promise<void> {
  await el.updateComplete;
  const button = el.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${part}"]`)[index];
  if (!button) throw new Error(`no [part~=${part}] #${index} at step ${el.step}`);
  button.click();
}

/** Clicks a shadow-DOM button by its visible text (for buttons without a part name of their own). */
export async function clickText(el: MitidLogin, text: string): Promise<void> {
  await el.updateComplete;
  const buttons = [...(el.shadowRoot?.querySelectorAll<HTMLElement>('button, a') ?? [])];
  const button = buttons.find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
  if (!button) throw new Error(`no button "${text}" at step ${el.step}`);
  button.click();
}

/** User ID → the first method step. */
export async function startWith(el: MitidLogin, userId = 'anna.jensen'): Promise<void> {
  await submitField(el, 'username', userId);
}

/** User ID, then the method with that index on the method list, until `step` shows. */
export async function chooseMethod(el: MitidLogin, index: number, step: Step): Promise<void> {
  await startWith(el);
  await stepShown(el, 'method');
  await clickPart(el, 'method', index);
  await stepShown(el, step);
}

/** The QR code is drawn (the app step on another device). */
export function qrDrawn(el: MitidLogin): Promise<void> {
  return rendered(el, () => Boolean(el.shadowRoot?.querySelector('[part="qr"] svg')), 'a QR code');
}

/** A clock for the transport, running `offsetMs` behind the page's: sessions it makes end that much sooner. */
export class ShiftedClock implements Clock {
  constructor(public offsetMs: number) {}
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    return globalThis.setTimeout(callback, ms);
  }
  clearTimeout(handle: unknown): void {
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}
