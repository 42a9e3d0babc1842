/**
 * The `<mitid-login>` element: its public API, and the glue between the flow, the controllers and the steps.
 * Long because its class comment documents every attribute, event, slot, part and custom property that the
 * manifest (custom-elements.json, docs/api.md) publishes, and that documentation stays beside the class.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { AnnouncerController } from './controllers/announcer-controller.js';
import { CancelKeyController } from './controllers/cancel-key-controller.js';
import { FlowController } from './controllers/flow-controller.js';
import { FocusKeeper } from './controllers/focus-keeper.js';
import { LightForm } from './controllers/light-form.js';
import { LocalizeController } from './controllers/localize-controller.js';
import { LoginHintController } from './controllers/login-hint-controller.js';
import { QrController } from './controllers/qr-controller.js';
import { RememberController } from './controllers/remember-controller.js';
import { MitidCancelEvent, MitidErrorEvent, MitidStateEvent, MitidSuccessEvent } from './events.js';
import type { FlowState, Step } from './flow/machine.js';
import type { FlowRunner, WebAuthnPort } from './flow/runner.js';
import type { FirstStepTranslation } from './i18n/index.js';
import { browserKey } from './browser-key.js';
import { hasWebAuthn, resolveDevice } from './device.js';
import { styles } from './mitid-login.styles.js';
import { systemClock, type Clock, type Transport } from './transport/transport.js';
import type { DeviceKind, Method, Mode } from '../protocol/page-api.js';
import type { TransactionDetails } from '../protocol/transaction.js';
import { errorMessage } from './steps/messages.js';
import type { StepActions, StepContext, StepView } from './steps/types.js';
import { renderUserIdStep } from './steps/user-id.js';

export { REMEMBER_KEY } from './remember.js';

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
 * @csspart transaction-amount - An amount of a payment or a batch to approve (isolated, on one line).
 * @csspart transaction-account - A payee's account number of a payment or a batch to approve (isolated, on one line).
 * @csspart qr - The QR code's frame.
 * @csspart pairing - The pairing code paragraph beside the QR code (for users who cannot scan).
 * @csspart pairing-code - The pairing code itself ("123 456").
 * @csspart hint - The app's status hint.
 * @csspart connection - The notice shown while the connection is lost and the element tries again.
 * @csspart connection-restored - The notice that the connection is back, shown (and said) until the step changes.
 * @csspart time-extended - The notice that more time was given, shown (and said) until the next time warning.
 * @csspart time - Time left.
 * @csspart actions - The row of secondary buttons.
 * @csspart button - Every shadow-DOM button; each also has one of the parts below.
 * @csspart primary - The step's main action (continue, approve, open the app, try again).
 * @csspart cancel - Cancel (also "Yes, cancel" in the question Escape asks).
 * @csspart cancel-question - The question Escape asks before cancelling.
 * @csspart keep-going - "No, continue" in that question.
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

  /**
   * In approve mode: the `login_hint` claim of the user's login assertion at this client, as your back end kept it.
   * The approval then starts at once for the user who logged in, without asking for the user ID; refused by the
   * broker (expired, another client, not valid), the user is offered the user-ID step for the same transaction. An
   * opaque value: it reveals no user ID to the page. Verify the approval with `expectedSub` (docs/verify.md).
   */
  @property({ attribute: 'login-hint' }) loginHint = '';

  /**
   * In approve mode, instead of `transaction-text`: a payment or a batch as data (PSD2 dynamic linking), e.g.
   * `{ kind: 'payment', amount: { value: '2300.00', currency: 'DKK' }, payee: { name: 'Jens Hansen', account:
   * { reg: '9978', number: '000123456' } } }`. The broker renders it in the element's language, the user's app signs
   * it, and your back end checks it with `verifyAssertion(…, { expectedTransaction })`. Property only.
   */
  @property({ attribute: false }) transaction: TransactionDetails | null = null;

  /** Language (`da`, `en`, or one added with `registerLocale`); else the closest `lang` around the element. */
  @property({ reflect: true }) override lang!: string;

  /** Where the MitID app runs: `auto` (same device on phones), `cross` (QR code) or `same` (open-app link). */
  @property() device: 'auto' | DeviceKind = 'auto';

  /** Offer "remember my user ID on this device" (off until ticked); its last method then starts at once. */
  @property({ type: Boolean, attribute: 'remember-user-id' }) rememberUserId = false;

  /** `light` (default), `dark`, or `auto` to follow the system. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** The broker client. Defaults to the HTTP transport for `broker`; stories and tests pass a scripted one. */
  @property({ attribute: false }) transport?: Transport;

  /** @internal Test seam: where WebAuthn comes from. */
  webauthnLoader: () => Promise<WebAuthnPort> = () => import('./webauthn.js').then((module) => module.browserWebAuthn);

  /** @internal Test seam: the clock for timers. */
  clock: Clock = systemClock;

  private readonly flow: FlowController = new FlowController(this, {
    transport: ({ HttpTransport }) => this.transport ?? new HttpTransport({ broker: this.broker, clock: this.clock }),
    webauthn: () => this.webauthnLoader(),
    clock: {
      now: () => this.clock.now(),
      setTimeout: (callback, ms) => this.clock.setTimeout(callback, ms),
      clearTimeout: (handle) => this.clock.clearTimeout(handle),
    },
    onChange: (next, previous) => this.handleFlowChange(next, previous),
    onTick: () => this.handleTick(),
    onConnection: (kind) => this.announcer.streamChanged(kind === 'reconnecting'),
    onNetwork: (online) => this.announcer.networkChanged(online),
  });
  private readonly localize = new LocalizeController(this);
  private readonly announcer = new AnnouncerController(this, {
    step: () => this.step,
    t: () => this.localize.t,
    whole: () => this.localize.whole,
  });
  private readonly qr = new QrController(this, this.flow);
  private readonly remember = new RememberController(this, this.flow);
  private readonly loginHints = new LoginHintController(this, this.flow, () => void this.startWithHint());
  private readonly cancelKey = new CancelKeyController(this, () => this.requestCancel());
  private readonly form = new LightForm(this, (event) => this.handleSubmit(event));

  private readonly idPrefix = `mitid-login-${++instances}`;
  private fields: StepView['fields'];
  private readonly focusKeeper = new FocusKeeper(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('h2'),
    () => this.form.focusInvalid(),
  );
  /** The user just submitted: the answer is news even when it is the problem shown already. */
  private answerExpected = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.form.ensure();
    this.form.adoptStyles();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.localize.load();
    if (changed.has('lang') && changed.get('lang') !== undefined) this.announcer.clear();
  }

  // Not in willUpdate: server rendering runs that too, and has no focus to keep.
  protected override update(changed: PropertyValues<this>): void {
    this.focusKeeper.before();
    super.update(changed);
  }

  /** Also waits for a language that is still loading, so `await el.updateComplete` means "showing, in its language". */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.localize.whenShowing(() => super.getUpdateComplete());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.form.render(this.fields);
    this.focusKeeper.after();
  }

  /** The step shown now. */
  get step(): Step {
    return this.flow.state.step;
  }

  /** Starts the flow with the user ID in the field, as if the user pressed Continue. */
  start(): void {
    void this.submitUserId(this.form.field('username')?.value ?? '');
  }

  /** Cancels the session (the broker is told) and goes back to the user-ID step. Fires no `mitid-cancel`. */
  cancel(): void {
    this.flow.runner?.cancel();
  }

  /** Abandons any session and shows the user-ID step again. */
  reset(): void {
    this.flow.runner?.reset();
  }

  private readonly actions: StepActions = {
    cancel: () => this.requestCancel(),
    showMethods: () => this.flow.runner?.showMethods(),
    chooseMethod: (method: Method) => void this.flow.runner?.chooseMethod(method, resolveDevice(this.device)),
    continueApproval: () => void this.flow.runner?.continueApproval(resolveDevice(this.device)),
    extend: () => void this.handleExtend(),
    startChip: () => void this.flow.runner?.startChip(),
    retry: () => void (this.loginHints.leaveRefused() || this.flow.runner?.retry(this.runConfig())),
    startOver: () => void (this.loginHints.leaveRefused() || this.flow.runner?.reset()),
    forgetUserId: () => this.handleForget(),
    readPairingCode: () => this.announcer.readPairingCode(this.flow.progress.state),
  };

  private handleFlowChange(next: FlowState, previous: FlowState) {
    const answered = this.answerExpected;
    this.answerExpected = false;
    const said = this.announcer.flowChanged(next, previous, answered, this.clock.now());
    if (said === 'problem') this.focusKeeper.request('field');
    if (next.step !== previous.step) {
      this.focusKeeper.request('heading');
      this.emit(new MitidStateEvent({ step: next.step }));
      if (next.step === 'done') {
        this.remember.succeeded(next.userId, next.method);
        this.emit(new MitidSuccessEvent({ assertion: next.assertion, method: next.method, mode: next.mode }));
      } else if (next.step === 'error') {
        const t = this.localize.whole;
        const message = t ? errorMessage(t, next, this.clock.now()) : next.code;
        this.emit(new MitidErrorEvent({ code: next.code, message }));
      }
    }
    this.requestUpdate();
  }

  private handleTick() {
    const state = this.flow.state;
    this.announcer.timeLeft(
      this.flow.runner?.timeLeft() ?? null,
      'session' in state ? state.session.extensionsLeft : 0,
    );
    this.requestUpdate();
  }

  private async handleExtend() {
    await this.flow.runner?.extend();
    this.announcer.timeExtended();
  }

  private handleForget() {
    this.remember.forget();
    const input = this.form.field('username');
    if (input) {
      input.value = '';
      input.focus();
    }
    this.announcer.sayPolitely(this.localize.t.userIdForgotten);
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.answerExpected = true;
    const data = new FormData(this.form.element);
    const state = this.flow.state;
    if (state.step === 'user-id' && this.loginHints.hint) {
      void this.startWithHint();
    } else if (state.step === 'user-id') {
      const userId = String(data.get('username') ?? '');
      this.remember.submitted(userId, data.get('remember') === 'on');
      void this.submitUserId(userId);
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
      // The later steps' module could not be fetched (offline): the error step needs it too, so say it in the field.
      this.announcer.sayAssertively(this.localize.t.errors.network);
      return;
    }
    return runner.submitUserId(value, this.runConfig());
  }

  private async startWithHint() {
    const runner = await this.flow.load().catch(() => undefined);
    if (runner) await runner.startWithHint(this.runConfig());
    else this.announcer.sayAssertively(this.localize.t.errors.network);
  }

  private runConfig() {
    return {
      clientId: this.clientId,
      nonce: this.nonce ?? '',
      mode: this.mode === 'approve' ? ('approve' as const) : ('login' as const),
      transactionText: this.transactionText ?? '',
      transactionDetails: this.transaction ?? null,
      transactionLang: this.localize.lang.toLowerCase().startsWith('en') ? ('en' as const) : ('da' as const),
      device: resolveDevice(this.device),
      browserKey: browserKey(),
      webauthn: hasWebAuthn(),
      remembered: this.remember.method,
      ...(this.loginHints.hint ? { loginHint: this.loginHints.hint } : {}),
    };
  }

  override render() {
    const t = this.localize.translation;
    if (!t) {
      this.fields = undefined;
      return nothing;
    }
    const view = this.renderStep(t);
    this.fields = view.fields;
    return html`<section class="card" part="base" aria-labelledby="heading">
      <p class="brand" part="brand">${t.brand}</p>
      <h2 id="heading" part="heading" tabindex="-1">${view.heading}</h2>
      ${this.announcer.connectionLost ? html`<p class="notice connection" part="connection">${t.connectionLost}</p>` : nothing}
      ${this.announcer.connectionRestored ? html`<p class="notice connection" part="connection-restored">${t.connectionRestored}</p>` : nothing}
      ${this.announcer.timeWasExtended ? html`<p class="notice" part="time-extended">${this.localize.whole?.extended}</p>` : nothing}
      ${view.content} ${view.fields ? html`<slot name="form"></slot>` : nothing} ${view.actions ?? nothing}
      ${this.cancelKey.render(t, this.mode === 'approve' ? 'approve' : 'login')}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
      <div class="sr-only" role="alert" aria-atomic="true"></div>
    </section>`;
  }

  private renderStep(t: FirstStepTranslation): StepView {
    const { state, laterSteps } = this.flow.progress;
    const context = {
      actions: this.actions,
      mode: this.mode === 'approve' ? 'approve' : 'login',
      id: (name: string) => `${this.idPrefix}-${name}`,
      timeLeftMs: this.flow.runner?.timeLeft() ?? null,
      now: this.clock.now(),
      qr: this.qr.matrix,
      rememberOffered: this.rememberUserId,
      remembered: this.remember.remembered,
      hinted: this.loginHints.hint !== undefined,
    } satisfies Omit<StepContext, 'state' | 't'>;
    // Until the later steps' module is there, the flow can only be at the user-ID step, which speaks from the
    // catalogue's first part.
    if (!laterSteps) return renderUserIdStep({ ...context, t, state });
    // FlowController.load completes the catalogues before it hands over the module, so this holds.
    const whole = this.localize.whole;
    if (!whole) throw new Error('mitid-login: the later steps arrived without the rest of their catalogue');
    return laterSteps.renderStep({ ...context, t: whole, state });
  }
}
