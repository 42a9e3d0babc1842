/**
 * Drives one `<mitid-login>` as a user would: by the accessible names and roles of what it shows (its shadow root
 * and its light-DOM form), in the element's language, and reads back what a user perceives (step, heading, the two
 * live regions). It runs in the page and imports nothing but types, so every kind of test shares it:
 *
 * - @web/test-runner tests and Storybook play functions import it and act with synthetic events (the default
 *   {@link syntheticActor}); a test on a fake clock passes `settle` so that every action lets the clock answer.
 * - Playwright tests load the same module into the page (test/e2e/support/element.ts bundles it once with esbuild
 *   and evaluates it: no script tag, so the demo pages' CSP stays untouched) and give it a {@link remoteActor}:
 *   the harness decides *what* to act on and waits for the element, Playwright does the acting with real,
 *   trusted input (focus, keyboard, pointer), which is what the realism of an end-to-end test rests on.
 *
 * What is shared is therefore the finding (name matching as Playwright's `getByRole`/`getByLabel` do it), the
 * element's vocabulary ({@link WORDS}), the flows of a task (user ID → approval text → method → code → password)
 * and the waiting; what differs is only the actor. No test-framework import: meant for `mitid-login/testing`.
 */
import type { Method } from '../../protocol/page-api.js';
import type { Step } from '../../src/flow/machine.js';

/** A name to match: a string (case-insensitive substring, or whole and case-sensitive with `exact`) or a RegExp. */
export type Name = string | RegExp;

export interface NameMatch {
  exact?: boolean;
}

export type Lang = 'da' | 'en';

/** What the user reads on the element's controls, per language (the user's knowledge, not the catalogue's). */
export interface Words {
  userId: string;
  rememberUserId: string;
  forgetUserId: string;
  continue: string;
  continueApproval: string;
  otherMethod: string;
  code: string;
  password: string;
  submit: { login: string; approve: string };
  cancel: string;
  moreTime: string;
  useChip: string;
  openApp: string;
  retry: string;
  startOver: string;
  methods: Record<Method, string>;
}

export const WORDS: Record<Lang, Words> = {
  da: {
    userId: 'Bruger-ID',
    rememberUserId: 'Husk mit bruger-ID på denne enhed',
    forgetUserId: 'Glem mit bruger-ID på denne enhed',
    continue: 'Fortsæt',
    continueApproval: 'Fortsæt til godkendelse',
    otherMethod: 'Vælg en anden metode',
    code: 'Engangskode (6 cifre)',
    password: 'Adgangskode',
    submit: { login: 'Log på', approve: 'Godkend' },
    cancel: 'Afbryd',
    moreTime: 'Mere tid',
    useChip: 'Brug MitID chip',
    openApp: 'Åbn MitID app',
    retry: 'Prøv igen',
    startOver: 'Start forfra',
    methods: {
      app: 'MitID app',
      'code-display': 'MitID kodeviser',
      'code-reader': 'MitID kodeoplæser',
      chip: 'MitID chip',
    },
  },
  en: {
    userId: 'User ID',
    rememberUserId: 'Remember my user ID on this device',
    forgetUserId: 'Forget my user ID on this device',
    continue: 'Continue',
    continueApproval: 'Continue to approval',
    otherMethod: 'Choose another method',
    code: 'One-time code (6 digits)',
    password: 'Password',
    submit: { login: 'Log in', approve: 'Approve' },
    cancel: 'Cancel',
    moreTime: 'More time',
    useChip: 'Use MitID chip',
    openApp: 'Open the MitID app',
    retry: 'Try again',
    startOver: 'Start over',
    methods: {
      app: 'MitID app',
      'code-display': 'MitID code display',
      'code-reader': 'MitID audio code reader',
      chip: 'MitID chip',
    },
  },
};

/** The step each method leads to once chosen (the chip asks for the password first). */
const STEP_AFTER: Record<Method, Step> = {
  app: 'app',
  'code-display': 'code',
  'code-reader': 'code',
  chip: 'password',
};

/** What the harness needs of the element: its public API (structural, so the harness imports no element). */
export interface LoginElement extends HTMLElement {
  readonly step: Step;
  readonly updateComplete: Promise<unknown>;
}

/** Who performs an action: synthetic DOM events in the page, or a driver outside it with trusted input. */
export interface Actor {
  fill(field: HTMLInputElement, value: string): Promise<void>;
  click(target: HTMLElement): Promise<void>;
  /** Enter in a field, which submits its form. */
  enter(field: HTMLInputElement): Promise<void>;
}

/**
 * Sets values and submits as a script can: what unit tests and play functions need, with no driver around. It
 * moves no focus, so a test still sees where the element itself puts it (on an invalid field, a new heading).
 */
export const syntheticActor: Actor = {
  async fill(field, value) {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  },
  async click(target) {
    target.click();
  },
  async enter(field) {
    field.form?.requestSubmit();
  },
};

/**
 * Hands every action to a driver through a page binding named `binding` (Playwright's `exposeBinding`), which
 * receives `{ action, target, value }`; `target` is a key of {@link actionTarget}, since only JSON crosses it.
 */
export function remoteActor(binding: string): Actor {
  const send = (action: 'fill' | 'click' | 'enter', element: HTMLElement, value?: string) => {
    const call = (globalThis as unknown as Record<string, unknown>)[binding];
    if (typeof call !== 'function') throw new Error(`no page binding ${binding}`);
    const target = nextTarget++;
    targets.set(target, element);
    return Promise.resolve(call({ action, target, value }) as Promise<void>).finally(() => targets.delete(target));
  };
  return {
    fill: (field, value) => send('fill', field, value),
    click: (target) => send('click', target),
    enter: (field) => send('enter', field),
  };
}

const targets = new Map<number, HTMLElement>();
let nextTarget = 1;

/** The element a pending {@link remoteActor} action is about, for the driver to get a handle on. */
export function actionTarget(target: number): HTMLElement {
  const element = targets.get(target);
  if (!element) throw new Error(`no pending action target ${target}`);
  return element;
}

export interface HarnessOptions {
  actor?: Actor;
  /** Awaited after every action; by default the element's next render. */
  settle?: () => Promise<unknown>;
  /** How long the waits wait (default 10 s). */
  timeoutMs?: number;
}

export type LoginEventType = 'mitid-success' | 'mitid-error' | 'mitid-cancel' | 'mitid-state';

export class LoginHarness<E extends LoginElement = LoginElement> {
  private readonly actor: Actor;
  private readonly settle: () => Promise<unknown>;
  private readonly timeoutMs: number;

  constructor(
    readonly element: E,
    options: HarnessOptions = {},
  ) {
    this.actor = options.actor ?? syntheticActor;
    this.settle = options.settle ?? (() => element.updateComplete);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The element matching `selector` once it is on the page and defined (waits, as a user waits for a page). */
  static async find<E extends LoginElement = LoginElement>(
    selector = 'mitid-login',
    options: HarnessOptions = {},
  ): Promise<LoginHarness<E>> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const element = await poll(
      () => {
        const found = document.querySelector<E>(selector);
        return found && customElements.get(found.localName) && found.shadowRoot ? found : null;
      },
      `a defined ${selector}`,
      timeoutMs,
    );
    await element.updateComplete;
    return new LoginHarness(element, options);
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  get step(): Step {
    return this.element.step;
  }

  /** The element's language as its vocabulary knows it: its own `lang`, else the closest one around it. */
  get lang(): Lang {
    const lang = this.element.lang || this.element.closest('[lang]')?.getAttribute('lang') || 'da';
    return lang.toLowerCase().startsWith('en') ? 'en' : 'da';
  }

  get words(): Words {
    return WORDS[this.lang];
  }

  heading(): string {
    return normalize(this.shadow('h2')?.textContent ?? '');
  }

  /** What the polite live region (`role="status"`) says now. */
  politeAnnouncement(): string {
    return normalize(this.shadow('[role="status"]')?.textContent ?? '');
  }

  /** What the assertive live region (`role="alert"`) says now. */
  assertiveAnnouncement(): string {
    return normalize(this.shadow('[role="alert"]')?.textContent ?? '');
  }

  /** The text of the shadow-root element matching `selector`, whitespace collapsed ('' if there is none). */
  shadowText(selector: string): string {
    return normalize(this.shadow(selector)?.textContent ?? '');
  }

  /** For what has no name or role of its own (a QR code's path, a part): a query in the shadow root. */
  shadow<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  /** A light-DOM form field by its `name`: the form's contract with password managers (`username`, …). */
  formField(name: string): HTMLInputElement {
    const found = this.element.querySelector<HTMLInputElement>(`form input[name="${name}"]`);
    if (!found) throw new Error(`no light-DOM input named ${name} (step ${this.step})`);
    return found;
  }

  // ---- finding, by role and accessible name --------------------------------------------------------------------

  /** The field labelled `label` (as `getByLabel`), or null. */
  findField(label: Name, match: NameMatch = {}): HTMLInputElement | null {
    return this.single(
      this.fields().filter((field) => matches(fieldName(field), label, match)),
      'field',
      label,
    );
  }

  field(label: Name, match: NameMatch = {}): HTMLInputElement {
    return this.found(this.findField(label, match), 'field', label, () => this.fields().map(fieldName));
  }

  /** The button named `name` (as `getByRole('button', { name })`), or null. */
  findButton(name: Name, match: NameMatch = {}): HTMLElement | null {
    return this.single(
      this.ofRole('button').filter((node) => matches(ownName(node), name, match)),
      'button',
      name,
    );
  }

  button(name: Name, match: NameMatch = {}): HTMLElement {
    return this.found(this.findButton(name, match), 'button', name, () => this.ofRole('button').map(ownName));
  }

  findLink(name: Name, match: NameMatch = {}): HTMLAnchorElement | null {
    const links = this.ofRole('link').filter((node) => matches(ownName(node), name, match));
    return this.single(links, 'link', name) as HTMLAnchorElement | null;
  }

  link(name: Name, match: NameMatch = {}): HTMLAnchorElement {
    return this.found(this.findLink(name, match), 'link', name, () => this.ofRole('link').map(ownName));
  }

  /** The names of the buttons a user sees now, in document order (shadow root, then the form). */
  buttonNames(): string[] {
    return this.ofRole('button').map(ownName);
  }

  waitForField(label: Name, match: NameMatch = {}): Promise<HTMLInputElement> {
    return this.poll(() => this.findField(label, match), `a field labelled ${String(label)}`);
  }

  waitForButton(name: Name, match: NameMatch = {}): Promise<HTMLElement> {
    return this.poll(() => this.findButton(name, match), `a button named ${String(name)}`);
  }

  // ---- acting ---------------------------------------------------------------------------------------------------

  /** Types `value` into the field labelled `label`. */
  async fill(label: Name, value: string, match: NameMatch = {}): Promise<void> {
    await this.actor.fill(await this.waitForField(label, match), value);
    await this.settle();
  }

  /** Presses the button named `name`. */
  async press(name: Name, match: NameMatch = {}): Promise<void> {
    await this.actor.click(await this.waitForButton(name, match));
    await this.settle();
  }

  /** Types `value` into the field labelled `label` and presses Enter, which submits the element's form. */
  async submitField(label: Name, value: string, match: NameMatch = {}): Promise<void> {
    const field = await this.waitForField(label, match);
    await this.actor.fill(field, value);
    await this.actor.enter(field);
    await this.settle();
  }

  /** Presses Enter in the form's first field: submits what is typed (after a paste, say). */
  async submit(): Promise<void> {
    const [field] = this.fields();
    if (!field) throw new Error(`no field to press Enter in at step ${this.step}`);
    await this.actor.enter(field);
    await this.settle();
  }

  // ---- tasks, in the element's language ---------------------------------------------------------------------------

  /** Types the user ID and presses Enter. */
  submitUserId(userId: string): Promise<void> {
    return this.submitField(this.words.userId, userId, { exact: true });
  }

  /** Types the one-time code and presses Enter. */
  submitCode(code: string): Promise<void> {
    return this.submitField(this.words.code, code);
  }

  /** Types the password and presses Enter. */
  submitPassword(password: string): Promise<void> {
    return this.submitField(this.words.password, password, { exact: true });
  }

  /** Types the user ID and continues; in approve mode also reads past the "approve the following?" step. */
  async enterUserId(userId: string): Promise<void> {
    await this.fill(this.words.userId, userId, { exact: true });
    await this.press(this.words.continue, { exact: true });
    if ((await this.leaveStep('user-id')) === 'approve') await this.continueApproval();
  }

  /** On the approval text: "Continue to approval", then waits for the next step. */
  async continueApproval(): Promise<void> {
    await this.press(this.words.continueApproval);
    await this.leaveStep('approve');
  }

  /**
   * Chooses a method, from wherever the element is after the user ID: it may open on the app (its default), with
   * "another method" as the way to the list. Throws unless the element then shows that method's step.
   */
  async chooseMethod(method: Method): Promise<void> {
    let step = this.step;
    if (step === 'user-id') step = await this.leaveStep('user-id');
    if (step === 'app' && method === 'app') return;
    if (step !== 'method') {
      await this.press(this.words.otherMethod);
      step = await this.leaveStep(step);
    }
    await this.press(new RegExp(`^${escapeRegExp(this.words.methods[method])}`));
    const next = await this.leaveStep('method');
    if (next !== STEP_AFTER[method]) throw new Error(`chose ${method} but the element went to ${next}`);
  }

  /** Types the one-time code and presses "Continue". */
  async enterCode(code: string): Promise<void> {
    await this.fill(this.words.code, code);
    await this.press(this.words.continue, { exact: true });
  }

  /** Types the password and presses the step's button ("Log in", "Approve", or "Continue" before the chip). */
  async enterPassword(password: string): Promise<void> {
    await this.fill(this.words.password, password, { exact: true });
    const { submit } = this.words;
    const names = [submit.login, submit.approve, this.words.continue].map(escapeRegExp).join('|');
    await this.press(new RegExp(`^(${names})$`));
  }

  cancel(): Promise<void> {
    return this.press(this.words.cancel, { exact: true });
  }

  moreTime(): Promise<void> {
    return this.press(this.words.moreTime);
  }

  otherMethod(): Promise<void> {
    return this.press(this.words.otherMethod);
  }

  /** On the chip step: the button that opens the browser's security-key prompt. */
  useChip(): Promise<void> {
    return this.press(this.words.useChip);
  }

  // ---- waiting --------------------------------------------------------------------------------------------------

  /** Resolves once the element shows `step` (at once if it does), rendered. */
  async waitForStep(step: Step): Promise<void> {
    await this.poll(() => this.step === step, `the ${step} step`);
    await this.element.updateComplete;
  }

  /** Resolves with the step the element goes to from `step` (after an action that starts a network call). */
  async leaveStep(step: Step): Promise<Step> {
    await this.poll(() => this.step !== step, `a step after ${step}`);
    await this.element.updateComplete;
    return this.step;
  }

  /** The detail of the next `type` event from the element (set it up before the action that causes it). */
  nextEvent<Detail = unknown>(type: LoginEventType): Promise<Detail> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.element.removeEventListener(type, listener);
        reject(new Error(`no ${type} within ${this.timeoutMs} ms (step ${this.step})`));
      }, this.timeoutMs);
      const listener = (event: Event) => {
        clearTimeout(timer);
        resolve((event as CustomEvent<Detail>).detail);
      };
      this.element.addEventListener(type, listener, { once: true });
    });
  }

  /** Waits, render by render, until `condition` holds: for changes inside a step, which fire no `mitid-state`. */
  async until(condition: () => boolean, what: string): Promise<void> {
    await this.poll(() => condition() || null, what);
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  private get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error('the element has no shadow root yet');
    return root;
  }

  /** Shadow root first, then the light-DOM form: the order a user meets them in. */
  private all(selector: string): HTMLElement[] {
    return [
      ...this.root.querySelectorAll<HTMLElement>(selector),
      ...this.element.querySelectorAll<HTMLElement>(selector),
    ].filter(perceivable);
  }

  private fields(): HTMLInputElement[] {
    return this.all('input, textarea, select').filter(
      (node): node is HTMLInputElement => (node as HTMLInputElement).type !== 'hidden',
    );
  }

  private ofRole(role: 'button' | 'link'): HTMLElement[] {
    if (role === 'link') return this.all('a[href], [role="link"]');
    return this.all('button, [role="button"], input[type="submit"], input[type="button"]').filter(
      (node) => !node.matches('[role]:not([role="button"])'),
    );
  }

  private single<T extends HTMLElement>(found: T[], kind: string, name: Name): T | null {
    if (found.length > 1)
      throw new Error(
        `${found.length} ${kind}s match ${String(name)} at step ${this.step}: ${found.map(ownName).join(' | ')}`,
      );
    return found[0] ?? null;
  }

  private found<T>(node: T | null, kind: string, name: Name, seen: () => string[]): T {
    if (node) return node;
    throw new Error(`no ${kind} ${String(name)} at step ${this.step} (there are: ${seen().join(' | ') || 'none'})`);
  }

  private poll<T>(check: () => T | null | false, what: string): Promise<T> {
    return poll(check, `${what} (step ${this.step})`, this.timeoutMs);
  }
}

/**
 * The entry a driver outside the page calls (test/e2e/support/element.ts, through `page.evaluate`): the harness
 * on the element matching `selector`, acting through `binding`, then one of its members (a method is called
 * with `args`; a property is read). Only JSON, RegExps and step names cross, so results are plain values.
 */
export async function driverCall(
  binding: string,
  selector: string,
  member: keyof LoginHarness,
  args: unknown[],
  timeoutMs: number,
): Promise<unknown> {
  const harness = await LoginHarness.find(selector, { actor: remoteActor(binding), timeoutMs });
  const value: unknown = harness[member];
  return typeof value === 'function' ? (value as (...values: unknown[]) => unknown).apply(harness, args) : value;
}

/** Checks every 20 ms (timers, not animation frames: a background test page may get none). */
async function poll<T>(check: () => T | null | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Playwright's rules: substring and case-insensitive, or whole and case-sensitive with `exact`; a RegExp tests. */
function matches(actual: string, name: Name, { exact = false }: NameMatch): boolean {
  if (name instanceof RegExp) return name.test(actual);
  const wanted = normalize(name);
  return exact ? actual === wanted : actual.toLowerCase().includes(wanted.toLowerCase());
}

/** Rendered, and not hidden from assistive technology. */
function perceivable(node: HTMLElement): boolean {
  if (node.closest('[aria-hidden="true"]')) return false;
  return typeof node.checkVisibility === 'function' ? node.checkVisibility() : node.getClientRects().length > 0;
}

/** The text a screen reader would take from the subtree, without what is hidden from it. */
function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
  return [...node.childNodes].map(textOf).join('');
}

function labelledBy(node: HTMLElement): string | null {
  const ids = node.getAttribute('aria-labelledby');
  if (!ids) return null;
  const root = node.getRootNode() as Document | ShadowRoot;
  return normalize(
    ids
      .split(/\s+/)
      .map((id) => textOf(root.getElementById(id) ?? document.createTextNode('')))
      .join(' '),
  );
}

/** Accessible name of a button or link: aria-labelledby, aria-label, else its contents. */
function ownName(node: HTMLElement): string {
  return labelledBy(node) ?? normalize(node.getAttribute('aria-label') ?? textOf(node));
}

/** Accessible name of a field: aria-labelledby, aria-label, its labels, else title or placeholder. */
function fieldName(field: HTMLInputElement): string {
  const byLabels = [...(field.labels ?? [])].map(textOf).join(' ');
  return (
    labelledBy(field) ??
    normalize(field.getAttribute('aria-label') ?? (byLabels || field.title || field.placeholder || ''))
  );
}
