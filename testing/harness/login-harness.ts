/**
 * Drives one `<mitid-login>` as a user would: by the accessible names and roles of what it shows (its shadow root
 * and its light-DOM form), in the element's language, and reads back what a user perceives (step, heading, the two
 * live regions). It runs in the page and imports nothing but types, so every kind of test shares it:
 *
 * - @web/test-runner tests and Storybook play functions import it and act with synthetic events (the default
 *   {@link syntheticActor}); a test on a fake clock passes `settle` so that every action lets the clock answer.
 * - Playwright tests load the same module into the page (`PageHarness` of mitid-login/testing/node,
 *   ../node/playwright.ts, evaluates it: no script tag, so the page's CSP stays untouched) with a {@link remoteActor}:
 *   the harness decides *what* to act on and waits for the element, Playwright does the acting with real,
 *   trusted input (focus, keyboard, pointer), which is what the realism of an end-to-end test rests on.
 *
 * What is shared is therefore the finding (name matching as Playwright's `getByRole`/`getByLabel` do it), the
 * element's vocabulary ({@link WORDS}), the flows of a task (user ID → approval text → method → code → password)
 * and the waiting; what differs is only the actor. No test-framework import: it ships in `mitid-login/testing`.
 *
 * Long because the class is one thing, a user's view of the element (read, find, act, task, wait); its vocabulary,
 * name matching and actors are beside it.
 */
import type { Method } from '../../protocol/page-api.js';
import type { Step } from '../../src/flow/machine.js';
import { syntheticActor, type Actor } from './actors.js';
import {
  escapeRegExp,
  fieldName,
  matches,
  normalize,
  ownName,
  perceivable,
  type Name,
  type NameMatch,
} from './names.js';
import { STEP_AFTER, WORDS, type Lang, type Words } from './words.js';

export { remoteActor, syntheticActor, type Actor } from './actors.js';
export type { Name, NameMatch } from './names.js';
export { WORDS, type Lang, type Words } from './words.js';

/** What the harness needs of the element: its public API (structural, so the harness imports no element). */
export interface LoginElement extends HTMLElement {
  readonly step: Step;
  readonly updateComplete: Promise<unknown>;
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

  /** The pairing code the app step shows, digits only (the app's way in without the QR code), or null. */
  pairingCode(): string | null {
    const code = this.shadowText('.pairing-code').replace(/\D/g, '');
    return code || null;
  }

  waitForPairingCode(): Promise<string> {
    return this.poll(() => this.pairingCode(), 'a pairing code');
  }

  /** The same-device step's "Åbn MitID app" link, as an absolute URL (give it to `AppDevice.openLink`). */
  appLink(): string | null {
    return this.findLink(this.words.openApp)?.href || null;
  }

  waitForAppLink(): Promise<string> {
    return this.poll(() => this.appLink(), 'the link that opens the MitID app');
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
   * Chooses a method, from wherever the element is after the user ID: the list shows first, unless a method is
   * remembered on this device (then that method's step, with "another method" as the way to the list). Throws
   * unless the element then shows that method's step.
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

  /** Types the password and presses the step's button ("Log in" or "Approve": the password always comes last). */
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
