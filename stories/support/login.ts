/**
 * What every story shares: `<mitid-login>` on the scripted in-memory transport (never the network), the controls
 * for its attributes, and the in-page harness for play functions, which drives the element the way a user would
 * (type, submit, press, by accessible names in the story's language) and waits for the element, never for a fixed
 * time.
 */
import type { Args, ArgTypes, StoryContext } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import '../../src/define.js';
import { da } from '../../src/i18n/locales/da.js';
import { en } from '../../src/i18n/locales/en.js';
import type { Translation } from '../../src/i18n/translation.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import { ScriptedTransport, type ScriptedTransportOptions, LoginHarness } from '../../testing/index.js';
import type { Clock } from '../../src/transport/transport.js';
import type { TransactionDetails } from '../../protocol/transaction.js';

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
  /** Approve mode: the login's hint; the approval then asks for no user ID. */
  'login-hint': string;
  /** The `transaction` property: a payment or a batch to approve instead of `transaction-text`. */
  transaction?: TransactionDetails | null;
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
  'login-hint': '',
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
  'login-hint': { control: 'text' },
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
    .transaction=${args.transaction ?? null}
    device=${args.device}
    theme=${storyTheme(args, context)}
    ?remember-user-id=${args['remember-user-id']}
    client-id=${args['client-id']}
    nonce=${args.nonce}
    login-hint=${args['login-hint'] ?? ''}
    .transport=${transport}
    @mitid-success=${log.success}
    @mitid-error=${log.error}
    @mitid-cancel=${log.cancel}
    @mitid-state=${log.state}
  ></mitid-login>`;
}

// ---- play helpers: the in-page harness (testing/harness, LoginHarness) drives the element as a user would ------

/** Who the stories log in as (any valid user ID works with the scripted transport). */
export const STORY_USER_ID = 'anna.jensen';

/** The harness on the story's element (the first, or the one matching `selector`), rendered in its language. */
export async function loginIn(canvasElement: HTMLElement, selector = 'mitid-login'): Promise<LoginHarness<MitidLogin>> {
  const el = canvasElement.querySelector<MitidLogin>(selector);
  if (!el) throw new Error(`no ${selector} in the story`);
  await el.updateComplete;
  return new LoginHarness(el);
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

/** The QR code is drawn (the app step on another device). */
export function qrDrawn(user: LoginHarness): Promise<void> {
  return user.until(() => Boolean(user.shadow('[part="qr"] svg')), 'a QR code');
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
