import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FlowController } from './controllers/flow-controller.js';
import { LightForm } from './controllers/light-form.js';
import { MitidCancelEvent, MitidErrorEvent, MitidStateEvent, MitidSuccessEvent } from './events.js';
import type { FlowState, Step } from './flow/machine.js';
import type { FlowRunner, WebAuthnPort } from './flow/runner.js';
import { loadLocale, registerLocale, translationFor, type Translation } from './i18n/index.js';
import { da } from './i18n/locales/da.js';
import { styles } from './mitid-login.styles.js';
import { systemClock, type Clock, type Transport } from './transport/transport.js';
import type { DeviceKind, Method, Mode } from '../protocol/page-api.js';
import type { QrMatrix } from './steps/qr.js';
import { TIME_WARNING_MS } from './steps/shared.js';
import type { StepActions, StepContext, StepView } from './steps/types.js';
import { renderUserIdStep } from './steps/user-id.js';
import { forgetRemembered, readRemembered, storeRemembered } from './remember.js';

export { REMEMBER_KEY } from './remember.js';

/** Steps where Escape (and the cancel button) cancel the session. */
const CANCELLABLE: ReadonlySet<Step> = new Set(['approve', 'method', 'app', 'code', 'password', 'chip']);

let instances = 0;

/**
 * MitID login and approval in one element: the user ID, then the MitID app (QR code or same-device link), a code
 * display, an audio code reader or a chip; in approve mode the text to approve is shown before and during
 * approval. Fires `mitid-success` with the broker's signed assertion for the page's back end to verify.
 *
 * The user-ID and password fields are rendered into the element's light DOM (a `<form>` slotted into the shadow
 * root) so that browsers and password managers can fill them; see docs/autofill.md.
 *
 * @attr {string} nonce - A fresh, server-made nonce (16–128 characters); it comes back inside the signed assertion. Read
 *   through HTMLElement's own `nonce` property, which survives the browser's nonce hiding under CSP.
 *
 * @summary Log in or approve with MitID.
 * @tag mitid-login
 *
 * @fires {MitidSuccessEvent} mitid-success - Logged in or approved; `detail: { assertion, method, mode }`.
 * @fires {MitidErrorEvent} mitid-error - The flow ended in an error; `detail: { code, message }`.
 * @fires {MitidCancelEvent} mitid-cancel - The user asked to cancel; cancelable (`preventDefault()` keeps the flow going).
 * @fires {MitidStateEvent} mitid-state - The step changed; `detail: { step }`.
 *
 * @slot form - Reserved: the element puts its own light-DOM `<form>` (inputs, labels, submit button) here.
 *
 * @csspart base - The card around everything.
 * @csspart brand - The "MitID" word mark.
 * @csspart heading - The step's heading (it receives focus when the step changes).
 * @csspart notice - Notices such as the approval reminder.
 * @csspart transaction - The box with the text to approve.
 * @csspart transaction-text - The text to approve itself.
 * @csspart qr - The QR code's frame.
 * @csspart hint - The app's status hint.
 * @csspart connection - The notice shown while the connection is lost and the element tries again.
 * @csspart time - Time left.
 * @csspart actions - The row of secondary buttons.
 * @csspart button - Every shadow-DOM button; each also has one of the parts below.
 * @csspart primary - The step's main action (continue, approve, open the app, try again).
 * @csspart cancel - Cancel.
 * @csspart more-time - "More time", offered before the session runs out.
 * @csspart method - A method in the list of methods.
 * @csspart other-method - "Choose another method".
 * @csspart retry - "Try again" after an error.
 * @csspart start-over - "Start over" after a result.
 * @csspart app-link - "Open the MitID app" on this device.
 * @csspart busy - The waiting indicator.
 * @csspart done - The success message.
 * @csspart error-message - The error message.
 *
 * @cssprop [--mitid-color-primary=#0052cc] - Buttons, links, brand.
 * @cssprop [--mitid-color-primary-hover=#003d99] - Buttons on hover.
 * @cssprop [--mitid-color-on-primary=#ffffff] - Text on primary buttons.
 * @cssprop [--mitid-color-text=#1b1f24] - Text.
 * @cssprop [--mitid-color-muted=#4b5563] - Secondary text.
 * @cssprop [--mitid-color-background=#ffffff] - Card and field background.
 * @cssprop [--mitid-color-surface=#f1f5fb] - Notices and the approval box.
 * @cssprop [--mitid-color-border=#6b7280] - Borders of the card and fields.
 * @cssprop [--mitid-color-error=#b42318] - Errors.
 * @cssprop [--mitid-color-success=#15703b] - Success.
 * @cssprop [--mitid-color-focus=#0052cc] - Focus ring.
 * @cssprop [--mitid-radius=0.375rem] - Corner radius.
 * @cssprop [--mitid-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif] - Font.
 * @cssprop [--mitid-font-size=1rem] - Base font size.
 * @cssprop [--mitid-line-height=1.5] - Line height.
 * @cssprop [--mitid-space=1rem] - Base spacing.
 * @cssprop [--mitid-max-width=30rem] - Maximum width.
 * @cssprop [--mitid-focus-ring=3px solid var(--mitid-color-focus)] - Focus outline.
 */
export class MitidLogin extends LitElement {
  static override styles = styles;

  /** Base URL of the broker; empty means the page's own origin. */
  @property() broker = '';

  /** The relying party's client ID, registered at the broker. */
  @property({ attribute: 'client-id' }) clientId = '';

  // `nonce` is HTMLElement's own property, not a Lit one: under a header-delivered CSP the browser hides (empties)
  // every `nonce` attribute after insertion, but the property keeps the value. See docs/element.md.

  /** `login`, or `approve` to have the user approve `transaction-text`. */
  @property() mode: Mode = 'login';

  /** In approve mode: the plain text to approve (at most 500 characters; new lines kept; never parsed as HTML). */
  @property({ attribute: 'transaction-text' }) transactionText = '';

  /** Language (`da`, `en`, or one added with `registerLocale`); else the closest `lang` around the element. */
  @property({ reflect: true }) override lang!: string;

  /** Where the MitID app runs: `auto` (same device on phones), `cross` (QR code) or `same` (open-app link). */
  @property() device: 'auto' | DeviceKind = 'auto';

  /** Offer "remember my user ID on this device" (off until the user ticks it). */
  @property({ type: Boolean, attribute: 'remember-user-id' }) rememberUserId = false;

  /** `light` (default), `dark`, or `auto` to follow the system. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** The broker client. Defaults to the HTTP transport for `broker`; stories and tests pass a scripted one. */
  @property({ attribute: false }) transport?: Transport;

  /** @internal */
  @state() private qr: QrMatrix | null = null;

  /** @internal */
  @state() private politeMessage = '';

  /** @internal */
  @state() private assertiveMessage = '';

  /** @internal */
  @state() private remembered = false;

  /** @internal The browser is offline or the status stream is reconnecting: shown and announced. */
  @state() private connectionLost = false;

  /** @internal Test seam: where WebAuthn comes from. */
  webauthnLoader: () => Promise<WebAuthnPort> = () => import('./webauthn.js').then((module) => module.browserWebAuthn);

  /** @internal Test seam: the clock for timers. */
  clock: Clock = systemClock;

  /** @internal */
  private readonly flow: FlowController = new FlowController(this, {
    transport: () => this.transport ?? new this.flow.session!.HttpTransport({ broker: this.broker, clock: this.clock }),
    webauthn: () => this.webauthnLoader(),
    clock: {
      now: () => this.clock.now(),
      setTimeout: (callback, ms) => this.clock.setTimeout(callback, ms),
      clearTimeout: (handle) => this.clock.clearTimeout(handle),
    },
    onChange: (next, previous) => this.handleFlowChange(next, previous),
    onTick: () => this.handleTick(),
    onConnection: (kind) => this.handleConnection(kind === 'reconnecting'),
    onNetwork: (online) => this.handleNetwork(online),
  });

  /** @internal */
  private readonly idPrefix = `mitid-login-${++instances}`;

  /** @internal */
  private readonly form: LightForm = new LightForm(this, (event) => this.handleSubmit(event));

  /** @internal */
  private fields: StepView['fields'];

  /** @internal */
  private focusTarget: 'heading' | 'field' | null = null;

  /** @internal */
  private qrFrame: string | null = null;

  /** @internal */
  private warned = false;

  /** @internal */
  private streamReconnecting = false;

  /** @internal */
  private browserOffline = false;

  /** @internal */
  private localeReady: Promise<unknown> = Promise.resolve();

  /** @internal */
  private lastTranslation: Translation | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.form.ensure();
    this.form.adoptStyles();
    this.addEventListener('keydown', this.handleKeydown);
    const state = this.flow.state;
    if (this.rememberUserId && state.step === 'user-id') {
      const stored = readRemembered();
      this.remembered = stored !== null;
      if (stored && !state.userId) this.flow.prefill(stored);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.handleKeydown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!translationFor(this.resolvedLang)) {
      // A language that fails to load leaves Danish in place rather than an empty element.
      this.localeReady = loadLocale(this.resolvedLang)
        .catch(() => registerLocale(this.resolvedLang, da))
        .then(() => this.requestUpdate());
    }
    const state = this.flow.state;
    const frame = state.step === 'app' && state.device === 'cross' ? state.qr : null;
    if (frame !== this.qrFrame) {
      this.qrFrame = frame;
      if (!frame) this.qr = null;
      else void this.drawQr(frame);
    }
    if (state.step === 'app' && state.device === 'cross')
      void this.flow.session?.loadQrEncoder().catch(() => undefined);
  }

  /** Also waits for a language that is still loading, so `await el.updateComplete` means "showing, in its language". */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let round = 0; round < 3 && !translationFor(this.resolvedLang); round += 1) {
      await this.localeReady;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.form.render(this.fields);
    const target = this.focusTarget;
    this.focusTarget = null;
    if (target === 'heading') this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    if (target === 'field') this.form.focusInvalid();
  }

  /** The step shown now. */
  get step(): Step {
    return this.flow.state.step;
  }

  /** Starts the flow with the user ID in the field, as if the user pressed Continue. */
  start(): void {
    const value = this.form.field('username')?.value ?? '';
    void this.submitUserId(value);
  }

  /** Cancels the session (the broker is told) and goes back to the user-ID step. Fires no `mitid-cancel`. */
  cancel(): void {
    this.flow.runner?.cancel();
  }

  /** Abandons any session and shows the user-ID step again. */
  reset(): void {
    this.flow.runner?.reset();
  }

  /** @internal */
  private readonly actions: StepActions = {
    cancel: () => this.requestCancel(),
    showMethods: () => this.flow.runner?.showMethods(),
    chooseMethod: (method: Method) => void this.flow.runner?.chooseMethod(method, this.resolveDevice()),
    continueApproval: () => void this.flow.runner?.continueApproval(this.resolveDevice()),
    extend: () => void this.handleExtend(),
    startChip: () => void this.flow.runner?.startChip(),
    retry: () => void this.flow.runner?.retry(this.runConfig()),
    startOver: () => this.flow.runner?.reset(),
    forgetUserId: () => this.handleForget(),
  };

  private handleFlowChange(next: FlowState, previous: FlowState) {
    const t = this.t;
    if (next.step !== previous.step) {
      // A new step has a new stream (or none): what the last one said about the connection is over.
      this.streamReconnecting = false;
      this.updateConnection();
      this.focusTarget = 'heading';
      this.warned = false;
      this.emit(new MitidStateEvent({ step: next.step }));
      if (next.step === 'done') {
        this.politeMessage = t.doneText[next.mode];
        this.emit(new MitidSuccessEvent({ assertion: next.assertion, method: next.method, mode: next.mode }));
      } else if (next.step === 'error') {
        const message = this.flow.session!.errorMessage(t, next.code);
        this.assertiveMessage = message;
        this.emit(new MitidErrorEvent({ code: next.code, message }));
      } else if (next.step === 'user-id' && next.notice === 'cancelled') {
        this.politeMessage = t.cancelledNotice;
      }
    } else {
      const problem = fieldProblem(next, t);
      if (problem && problem !== fieldProblem(previous, t)) {
        this.focusTarget = 'field';
        this.assertiveMessage = problem;
      }
      if (next.step === 'app' && previous.step === 'app' && next.hint !== previous.hint) {
        this.politeMessage = t.hints[next.hint];
      }
      if (next.step === 'chip' && next.phase === 'waiting') this.politeMessage = t.chipWaiting;
    }
    this.requestUpdate();
  }

  private handleTick() {
    const left = this.flow.runner?.timeLeft() ?? null;
    if (left !== null && left <= TIME_WARNING_MS && !this.warned) {
      this.warned = true;
      const state = this.flow.state;
      const extensionsLeft = 'session' in state ? state.session.extensionsLeft : 0;
      this.assertiveMessage = extensionsLeft > 0 ? this.t.timeWarning : this.t.noMoreTime;
    }
    this.requestUpdate();
  }

  private handleConnection(reconnecting: boolean) {
    this.streamReconnecting = reconnecting;
    this.updateConnection();
  }

  private handleNetwork(online: boolean) {
    this.browserOffline = !online;
    this.updateConnection();
  }

  /** Shows (and politely announces) a lost connection while a session or the user-ID step waits for it. */
  private updateConnection() {
    const step = this.flow.state.step;
    const lost = (this.browserOffline || this.streamReconnecting) && step !== 'done' && step !== 'error';
    if (lost === this.connectionLost) return;
    this.connectionLost = lost;
    this.politeMessage = lost ? this.t.connectionLost : this.t.connectionRestored;
  }

  private async handleExtend() {
    await this.flow.runner?.extend();
    this.warned = false;
    this.politeMessage = this.t.extended;
  }

  private handleForget() {
    forgetRemembered();
    this.remembered = false;
    this.flow.prefill('');
    const input = this.form.field('username');
    if (input) {
      input.value = '';
      input.focus();
    }
    this.politeMessage = this.t.userIdForgotten;
  }

  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !CANCELLABLE.has(this.step)) return;
    event.preventDefault();
    this.requestCancel();
  };

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(this.form.element);
    const state = this.flow.state;
    if (state.step === 'user-id') {
      if (this.rememberUserId) {
        const remember = data.get('remember') === 'on';
        if (remember) storeRemembered(String(data.get('username') ?? '').trim());
        else forgetRemembered();
        this.remembered = remember;
      }
      void this.submitUserId(String(data.get('username') ?? ''));
    } else if (state.step === 'code') {
      void this.flow.runner?.submitCode(String(data.get('one-time-code') ?? ''));
    } else if (state.step === 'password') {
      const input = this.form.field('password');
      void this.flow.runner?.submitPassword(String(data.get('password') ?? '')).then(() => {
        // A wrong password is cleared so the next try starts empty; a right one is never kept in the page.
        if (input) input.value = '';
      });
    }
  };

  /** Every event goes out here (documented with `@fires` on the class). */
  private emit(event: Event) {
    this.dispatchEvent(event);
  }

  private requestCancel() {
    const event = new MitidCancelEvent(this.step);
    this.emit(event);
    if (!event.defaultPrevented) this.flow.runner?.cancel();
  }

  private async submitUserId(value: string) {
    let runner: FlowRunner;
    try {
      runner = await this.flow.load();
    } catch {
      // The session module could not be fetched (offline): the error step needs it too, so say it in the field.
      this.assertiveMessage = this.t.errors.network;
      return;
    }
    return runner.submitUserId(value, this.runConfig());
  }

  private runConfig() {
    return {
      clientId: this.clientId,
      nonce: this.nonce ?? '',
      mode: this.mode === 'approve' ? ('approve' as const) : ('login' as const),
      transactionText: this.transactionText ?? '',
      device: this.resolveDevice(),
    };
  }

  private resolveDevice(): DeviceKind {
    if (this.device === 'same' || this.device === 'cross') return this.device;
    // A phone cannot scan its own screen: on a small touch screen, open the app on this device instead.
    const phone = globalThis.matchMedia?.('(pointer: coarse) and (max-width: 60em)').matches ?? false;
    return phone ? 'same' : 'cross';
  }

  private async drawQr(frame: string) {
    try {
      const session = this.flow.session!;
      const encoder = await session.loadQrEncoder();
      if (this.qrFrame === frame) this.qr = session.qrMatrix(encoder, frame);
    } catch {
      // Without the encoder the text alternative and the other methods remain.
    }
  }

  private get resolvedLang(): string {
    // No `document` when rendered on a server (Lit SSR): then only the element's own `lang` counts.
    return (
      this.lang ||
      this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
      globalThis.document?.documentElement.lang ||
      ''
    );
  }

  /** The catalogue, or null while the element's first language is still loading (a switch keeps the old one). */
  private get translation(): Translation | null {
    const found = translationFor(this.resolvedLang);
    if (found) this.lastTranslation = found;
    return found ?? this.lastTranslation;
  }

  /** For handlers: the catalogue, Danish while another language loads. */
  private get t(): Translation {
    return this.translation ?? da;
  }

  override render() {
    const t = this.translation;
    if (!t) {
      this.fields = undefined;
      return nothing;
    }
    const view = this.renderStep(t);
    this.fields = view.fields;
    return html`<section class="card" part="base" aria-labelledby="heading">
      <p class="brand" part="brand">${t.brand}</p>
      <h2 id="heading" part="heading" tabindex="-1">${view.heading}</h2>
      ${this.connectionLost ? html`<p class="notice connection" part="connection">${t.connectionLost}</p>` : nothing}
      ${view.content} ${view.fields ? html`<slot name="form"></slot>` : nothing} ${view.actions ?? nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.politeMessage}</div>
      <div class="sr-only" role="alert" aria-atomic="true">${this.assertiveMessage}</div>
    </section>`;
  }

  private renderStep(t: Translation): StepView {
    const state = this.flow.state;
    const context = {
      t,
      actions: this.actions,
      mode: this.mode === 'approve' ? 'approve' : 'login',
      id: (name: string) => `${this.idPrefix}-${name}`,
      timeLeftMs: this.flow.runner?.timeLeft() ?? null,
      qr: this.qr,
      rememberOffered: this.rememberUserId,
      remembered: this.remembered,
    } satisfies Omit<StepContext, 'state'>;
    if (state.step === 'user-id') return renderUserIdStep({ ...context, state });
    // Every later step exists only once the session module is loaded; each renderer narrows the state itself.
    const render = this.flow.session!.renderers[state.step] as (context: StepContext) => StepView;
    return render({ ...context, state });
  }
}

function fieldProblem(state: FlowState, t: Translation): string | null {
  if (state.step === 'user-id' && state.problem) return t.userIdProblems[state.problem];
  if (state.step === 'code' && state.problem) return t.codeProblems[state.problem];
  if (state.step === 'password' && state.problem) return t.passwordProblems[state.problem];
  if (state.step === 'chip' && state.problem) return t.chipProblems[state.problem];
  return null;
}
