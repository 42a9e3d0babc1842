/**
 * The `<mitid-enrol>` element: getting MitID in the net bank, the brochure's seven steps (shared/seeds/). The bank's
 * back end has done step 1 (it created the enrolment for a customer it identified, as a confidential client) and
 * hands the page an enrolment token; the element takes the person through steps 2 to 7 against the broker's
 * enrolment API (docs/protocol.md) and fires `mitid-enrolled` with the signed result for the bank to verify.
 * Long because its class comment documents every attribute, event, slot, part and custom property the manifest
 * publishes (docs/api-enrol.md), and because it holds the one place each step's answer is turned into the next
 * step, a refusal at a field, or the end; the steps' markup (./steps.ts), the calls (./client.ts) and the words
 * (./catalogue.ts) live elsewhere.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { chosenPasswordProblem, chosenUserIdProblem, contactProblem } from '../../protocol/rules.js';
import type {
  AppActivationResponse,
  ChosenPasswordProblem,
  ChosenUserIdProblem,
  ContactProblem,
  EnrolMethod,
  EnrolmentView,
} from '../../protocol/enrol-api.js';
import { LiveRegion } from '../controllers/announcer-controller.js';
import { FocusKeeper } from '../controllers/focus-keeper.js';
import { hostLang } from '../controllers/host-lang.js';
import { LightForm } from '../controllers/light-form.js';
import { styles } from '../mitid-login.styles.js';
import { loadQrEncoder, qrMatrix, type QrMatrix } from '../steps/qr.js';
import { enrolTranslation, type EnrolTranslation } from './catalogue.js';
import { EnrolClient, EnrolError } from './client.js';
import { MitidEnrolCancelEvent, MitidEnrolErrorEvent, MitidEnrolStepEvent, MitidEnrolledEvent } from './events.js';
import { enrolStyles, enrolFieldStyles } from './styles.js';
import {
  EMPTY_DRAFTS,
  PREVIOUS,
  STEP_NUMBERS,
  STEPS_IN_ALL,
  draftsOf,
  stepOf,
  type Drafts,
  type EnrolStep,
  type EnrolStepView,
  type FieldName,
  type Problem,
} from './steps.js';
import { renderEnrolStep } from './views.js';

let instances = 0;

/** How often the app step asks whether the app has been activated (the person can also press "I have activated"). */
export const APP_POLL_MS = 3000;

/** Codes after which the enrolment cannot go on: the bank starts a new one. */
const FATAL = new Set(['enrolment_expired', 'invalid_token', 'origin_not_allowed', 'missing_token']);

/**
 * Getting MitID in the net bank: the terms, the method (the app, a code display or an audio code reader), contact
 * details for notices, the user ID (never the CPR number), getting the app or the device, and its activation; the
 * progress shown as "Trin 3 af 7". Back and forward keep what was typed, and a reload comes back to the same step.
 *
 * The fields are rendered into the element's light DOM (a `<form>` slotted into the shadow root), so a browser or
 * password manager can save the new user ID and password; see docs/autofill.md.
 *
 * @summary Get MitID: the brochure's seven steps, started by the bank's back end.
 * @tag mitid-enrol
 *
 * @fires {MitidEnrolledEvent} mitid-enrolled - The person has MitID; `detail: { result, method, userId }`. Verify `result` on your back end with `verifyEnrolment`.
 * @fires {MitidEnrolErrorEvent} mitid-enrol-error - The enrolment cannot go on (expired, cancelled, unknown token); `detail: { code, message }`.
 * @fires {MitidEnrolCancelEvent} mitid-enrol-cancel - The person pressed Cancel; cancelable (`preventDefault()` keeps the enrolment), else the broker is told.
 * @fires {MitidEnrolStepEvent} mitid-enrol-step - The step changed; `detail: { step, number }`.
 *
 * @slot form - Reserved: the element puts its own light-DOM `<form>` (inputs, labels, buttons) here.
 *
 * @csspart base - The card around everything.
 * @csspart brand - The "MitID" word mark.
 * @csspart heading - The step's heading with its progress (it receives focus when the step changes).
 * @csspart progress - "Trin 3 af 7" inside the heading.
 * @csspart points - The list of MitID's advice on the terms step.
 * @csspart device-sent - The notice that the device was sent, with its serial number.
 * @csspart qr - The activation QR code's frame.
 * @csspart activation - The activation code paragraph beside the QR code (for those who cannot scan).
 * @csspart activation-code - The activation code itself.
 * @csspart hint - "Waiting for you to activate the app".
 * @csspart message - A problem with the step as a whole (no connection, too many tries).
 * @csspart busy - The waiting indicator.
 * @csspart done - The success message.
 * @csspart error-message - The message when the enrolment cannot go on.
 * @csspart cancel - Cancel.
 *
 * @cssprop [--mitid-color-primary=#0052cc] - Buttons, links, brand.
 * @cssprop [--mitid-color-text=#1b1f24] - Text.
 * @cssprop [--mitid-color-background=#ffffff] - Card and field background.
 * @cssprop [--mitid-color-error=#b42318] - Errors.
 * @cssprop [--mitid-max-width=30rem] - Maximum width. The other `--mitid-*` properties of `<mitid-login>` apply too.
 */
export class MitidEnrol extends LitElement {
  static override styles = [styles, enrolStyles];

  /** Base URL of the broker; empty means the page's own origin. */
  @property() broker = '';

  /** The enrolment token your back end got from `POST /v1/enrolments` (opaque; valid 30 minutes, for your origins). */
  @property() token = '';

  /** Language: `da` (default) or `en`; else the closest `lang` around the element. */
  @property({ reflect: true }) override lang!: string;

  /** `light` (default), `dark`, or `auto` to follow the system. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** @internal Test seam: how the broker is reached. */
  fetchImpl?: typeof globalThis.fetch;

  /** @internal Test seam: how often the app step asks whether the app is active. */
  pollMs = APP_POLL_MS;

  @state() private step: EnrolStep = 'loading';
  @state() private busy = false;
  @state() private problem: Problem | null = null;
  @state() private message: string | null = null;
  @state() private activation: AppActivationResponse | null = null;
  @state() private qr: QrMatrix | null = null;
  private view: EnrolmentView | null = null;
  private drafts: Drafts = { ...EMPTY_DRAFTS };
  private client?: EnrolClient;
  private poll?: ReturnType<typeof setTimeout>;
  private announcedStep: EnrolStep | null = null;
  private enrolledFired = false;
  private generation = 0;

  private readonly idPrefix = `mitid-enrol-${++instances}`;
  private readonly polite = new LiveRegion('[role="status"]');
  private readonly assertive = new LiveRegion('[role="alert"]');
  private readonly form = new LightForm(this, (event) => void this.handleSubmit(event));
  private readonly focusKeeper = new FocusKeeper(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('h2'),
    () => this.form.focusInvalid(),
  );
  private fields: EnrolStepView['fields'];

  override connectedCallback(): void {
    super.connectedCallback();
    const form = this.form.ensure();
    form.addEventListener('input', this.keepDraft);
    form.addEventListener('change', this.keepDraft);
    this.form.adoptStyles(enrolFieldStyles);
    if (!this.hasUpdated) return;
    // Moved in the page: a load cut short starts again, and the app step asks again whether the app is active.
    if (this.step === 'loading') void this.load();
    else this.schedulePoll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('token') || changed.has('broker')) void this.load();
    if (changed.has('lang') && changed.get('lang') !== undefined) {
      this.polite.clear();
      this.assertive.clear();
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    this.focusKeeper.before();
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.polite.show(this.renderRoot);
    this.assertive.show(this.renderRoot);
    this.form.render(this.fields);
    this.focusKeeper.after();
  }

  /** The step shown now: `loading`, `terms`, `method`, `contact`, `user-id`, `get`, `activate`, `done` or `error`. */
  get currentStep(): EnrolStep {
    return this.step;
  }

  private get t(): EnrolTranslation {
    return enrolTranslation(hostLang(this));
  }

  /** Reads the enrolment as the broker has it, and shows its first step not done (also after a reload). */
  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.stopPolling();
    this.client = undefined;
    this.view = null;
    this.drafts = { ...EMPTY_DRAFTS };
    this.activation = null;
    this.qr = null;
    this.enrolledFired = false;
    this.problem = null;
    this.message = null;
    if (!this.token) {
      // Setting the token later starts the enrolment then.
      this.fail(new EnrolError('missing_token', 'no enrolment token'));
      return;
    }
    this.client = new EnrolClient({ broker: this.broker, token: this.token, fetch: this.fetchImpl });
    this.go('loading');
    try {
      const view = await this.client.current();
      if (generation !== this.generation) return;
      this.show(view);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  private readonly keepDraft = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const drafts = this.drafts;
    switch (input.name) {
      case 'terms':
        drafts.accepted = input.checked;
        break;
      case 'method':
        if (input.checked) drafts.method = input.value as EnrolMethod;
        break;
      case 'email':
        drafts.email = input.value;
        break;
      case 'phone':
        drafts.phone = input.value;
        break;
      case 'user_id':
        drafts.userId = input.value;
        break;
      case 'serial':
        drafts.serial = input.value;
        break;
      case 'code':
        drafts.code = input.value;
        break;
    }
  };

  /** Shows the enrolment as the broker answered: its first step not done, or `next` when given. */
  private show(view: EnrolmentView, next: EnrolStep = stepOf(view)): void {
    this.view = view;
    this.drafts = draftsOf(view, this.drafts);
    if (view.result) {
      this.go('done');
      this.fireEnrolled(view.result);
      return;
    }
    this.go(next);
  }

  private go(step: EnrolStep): void {
    this.problem = null;
    this.message = null;
    if (step !== this.step) {
      this.polite.clear();
      this.assertive.clear();
      this.step = step;
      if (step !== 'loading' || this.hasUpdated) this.focusKeeper.request('heading');
    }
    if (step === 'activate' && this.drafts.method === 'app') void this.startApp(false);
    else this.stopPolling();
    if (this.announcedStep !== step) {
      this.announcedStep = step;
      this.dispatchEvent(new MitidEnrolStepEvent({ step, number: STEP_NUMBERS[step] ?? null }));
    }
    this.requestUpdate();
  }

  private fireEnrolled(result: string) {
    this.stopPolling();
    if (this.enrolledFired) return;
    this.enrolledFired = true;
    const method = this.view?.method ?? (this.drafts.method || 'app');
    const userId = this.view?.user_id ?? this.drafts.userId;
    // The heading ("Du har nu MitID") is read as it takes focus; the region adds what it does not say.
    this.polite.say(this.t.done.text(userId));
    this.dispatchEvent(new MitidEnrolledEvent({ result, method, userId }));
  }

  private fail(error: unknown) {
    const t = this.t;
    const code = error instanceof EnrolError ? error.code : 'internal';
    if (FATAL.has(code) || (error instanceof EnrolError && error.status === 401)) {
      this.stopPolling();
      const message = code === 'missing_token' ? t.errors.missingToken : t.errors.expired;
      this.go('error');
      this.message = message;
      this.assertive.say(message);
      this.dispatchEvent(new MitidEnrolErrorEvent({ code, message }));
      return;
    }
    const message =
      code === 'network' ? t.errors.network : code === 'rate_limited' ? t.errors.rateLimited : t.errors.generic;
    if (this.step === 'loading') {
      this.go('error');
      this.dispatchEvent(new MitidEnrolErrorEvent({ code, message }));
    }
    this.say(message);
  }

  /** A field's problem: shown at the field, said once (again when the same one comes back), focus moved there. */
  private refuse(field: FieldName, text: string) {
    this.problem = { field, text };
    this.message = null;
    this.assertive.say(text);
    this.focusKeeper.request('field');
    this.requestUpdate();
  }

  private async run(call: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problem = null;
    this.message = null;
    try {
      await call();
    } catch (error) {
      if (!this.refusedAtField(error)) {
        if (error instanceof EnrolError && error.code === 'wrong_step') await this.reload();
        else this.fail(error);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The broker's answer was about a field: shown there. */
  private refusedAtField(error: unknown): boolean {
    if (!(error instanceof EnrolError)) return false;
    const t = this.t;
    switch (error.code) {
      case 'user_id_refused':
        this.refuse(
          'user_id',
          t.userId.problems[(error.reason ?? 'common') as ChosenUserIdProblem] ?? t.userId.problems.common,
        );
        return true;
      case 'user_id_taken':
        this.refuse('user_id', t.userId.taken);
        return true;
      case 'invalid_contact': {
        const reason = (error.reason ?? 'none') as ContactProblem;
        this.refuse(reason === 'phone' ? 'phone' : 'email', t.contact.problems[reason] ?? t.contact.problems.none);
        return true;
      }
      case 'password_refused':
        this.refuse(
          'password',
          t.device.passwordProblems[(error.reason ?? 'common') as ChosenPasswordProblem] ??
            t.device.passwordProblems.common,
        );
        return true;
      case 'wrong_code':
        this.refuse('code', t.device.wrongCode(error.attemptsLeft ?? 1));
        return true;
      case 'code_used':
        this.refuse('code', t.device.codeUsed);
        return true;
      default:
        return false;
    }
  }

  private async reload() {
    if (!this.client) return;
    try {
      this.show(await this.client.current());
    } catch (error) {
      this.fail(error);
    }
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.busy) return;
    const t = this.t;
    const drafts = this.drafts;
    switch (this.step) {
      case 'terms':
        if (!drafts.accepted) return this.refuse('terms', t.terms.missing);
        return this.run(async () => this.show(await client.acceptTerms(), 'method'));
      case 'method': {
        const method = drafts.method;
        if (!method) return this.refuse('method', t.method.missing);
        return this.run(async () => this.show(await client.chooseMethod(method), 'contact'));
      }
      case 'contact': {
        const contact = {
          ...(drafts.email.trim() ? { email: drafts.email.trim() } : {}),
          ...(drafts.phone.trim() ? { phone: drafts.phone.trim() } : {}),
        };
        const problem = contactProblem(contact);
        if (problem) return this.refuse(problem === 'phone' ? 'phone' : 'email', t.contact.problems[problem]);
        return this.run(async () => this.show(await client.giveContact(contact), 'user-id'));
      }
      case 'user-id': {
        const userId = drafts.userId.trim();
        const problem = chosenUserIdProblem(userId, { emails: drafts.email ? [drafts.email] : [] });
        if (problem) return this.refuse('user_id', t.userId.problems[problem]);
        return this.run(async () => this.show(await client.reserveUserId(userId), 'get'));
      }
      case 'get':
        if (drafts.method === 'app' || drafts.method === 'chip') return this.go('activate');
        if (this.view?.device?.method === drafts.method) return this.go('activate');
        return this.run(async () => this.orderDevice(client));
      case 'activate':
        if (drafts.method === 'app') return this.run(async () => this.checkApp(client));
        if (drafts.method === 'chip') return this.registerChip(client);
        return this.activateDevice(client);
      default:
        return undefined;
    }
  }

  private async orderDevice(client: EnrolClient) {
    const view = await client.sendDevice();
    this.show(view, 'get');
    if (view.device) this.polite.say(this.t.device.sent(view.device.serial));
  }

  private activateDevice(client: EnrolClient) {
    const t = this.t;
    const password = this.form.field('password')?.value ?? '';
    const serial = this.drafts.serial.trim();
    const code = this.drafts.code.replace(/\s/g, '');
    if (!serial) return this.refuse('serial', t.device.missing);
    if (!code) return this.refuse('code', t.device.missing);
    const problem = chosenPasswordProblem(password, this.drafts.userId);
    if (problem) return this.refuse('password', t.device.passwordProblems[problem]);
    return this.run(async () => this.show(await client.activateDevice({ serial, code, password })));
  }

  /**
   * Step 7 for a chip: the password checked here first, then the broker's registration options, the browser's key
   * prompt (WebAuthn, through its own JSON methods), and the key's answer with the password. The prompt cancelled,
   * an unsupported browser or a key known already is said at the step; the password stays typed.
   */
  private registerChip(client: EnrolClient) {
    const t = this.t;
    const password = this.form.field('password')?.value ?? '';
    const problem = chosenPasswordProblem(password, this.drafts.userId);
    if (problem) return this.refuse('password', t.device.passwordProblems[problem]);
    const json = globalThis.PublicKeyCredential as
      | (typeof PublicKeyCredential & Partial<Pick<typeof PublicKeyCredential, 'parseCreationOptionsFromJSON'>>)
      | undefined;
    if (!json?.parseCreationOptionsFromJSON || !navigator.credentials) return this.say(t.chip.unsupported);
    return this.run(async () => {
      const { options } = await client.chipKeyOptions();
      let credential: Credential | null;
      try {
        credential = await navigator.credentials.create({
          publicKey: json.parseCreationOptionsFromJSON(options as PublicKeyCredentialCreationOptionsJSON),
        });
      } catch (error) {
        const name = (error as { name?: unknown } | null)?.name;
        return this.say(name === 'InvalidStateError' ? t.chip.known : t.chip.cancelled);
      }
      if (!(credential instanceof PublicKeyCredential)) return this.say(t.chip.cancelled);
      try {
        this.show(await client.registerChipKey({ response: credential.toJSON(), password }));
      } catch (error) {
        if (error instanceof EnrolError && error.code === 'webauthn_failed') return this.say(t.chip.failed);
        throw error;
      }
      return undefined;
    });
  }

  /** Says `text` at the step (urgent), without leaving it; heard again when the same text comes again. */
  private say(text: string) {
    this.message = text;
    this.assertive.say(text);
    this.requestUpdate();
  }

  private async startApp(fresh: boolean) {
    const client = this.client;
    if (!client || (this.activation && !fresh)) {
      this.schedulePoll();
      return;
    }
    await this.run(async () => {
      const activation = await client.startApp();
      this.activation = activation;
      this.qr = null;
      this.polite.say(`${this.t.app.codeText} ${activation.activation_code}`);
      try {
        const encoder = await loadQrEncoder();
        if (this.activation === activation) this.qr = qrMatrix(encoder, activation.qr_text);
      } catch {
        // Without the encoder the activation code in text remains.
      }
      this.schedulePoll();
    });
  }

  private async checkApp(client: EnrolClient) {
    const view = await client.current();
    if (view.result) this.show(view);
    else this.polite.say(this.t.app.waiting);
  }

  private schedulePoll() {
    this.stopPolling();
    if (this.step !== 'activate' || this.drafts.method !== 'app' || !this.isConnected) return;
    this.poll = setTimeout(() => {
      const client = this.client;
      if (!client || this.busy) return this.schedulePoll();
      void client
        .current()
        .then((view) => (view.result ? this.show(view) : this.schedulePoll()))
        .catch((error: unknown) =>
          error instanceof EnrolError && error.code === 'network' ? this.schedulePoll() : this.fail(error),
        );
    }, this.pollMs);
  }

  private stopPolling() {
    if (this.poll !== undefined) clearTimeout(this.poll);
    this.poll = undefined;
  }

  private readonly actions = {
    back: () => {
      const previous = PREVIOUS[this.step];
      if (previous && !this.busy) this.go(previous);
    },
    orderDevice: () => {
      const client = this.client;
      if (client) void this.run(async () => this.orderDevice(client));
    },
    newAppCode: () => void this.startApp(true),
  };

  private requestCancel() {
    const event = new MitidEnrolCancelEvent(this.step);
    this.dispatchEvent(event);
    if (event.defaultPrevented || !this.client) return;
    const client = this.client;
    void this.run(async () => {
      await client.cancel();
      this.fail(new EnrolError('enrolment_expired', 'cancelled', 410));
    });
  }

  override render() {
    const t = this.t;
    const view = renderEnrolStep(
      {
        step: this.step,
        t,
        id: (name: string) => `${this.idPrefix}-${name}`,
        drafts: this.drafts,
        view: this.view,
        problem: this.problem,
        busy: this.busy,
        activation: this.activation,
        qr: this.qr,
        actions: this.actions,
      },
      this.message,
    );
    this.fields = view.fields;
    const number = STEP_NUMBERS[this.step];
    const ongoing = this.step !== 'done' && this.step !== 'error' && this.step !== 'loading';
    return html`<section class="card" part="base" aria-labelledby="heading">
      <p class="brand" part="brand">${t.brand}</p>
      <h2 id="heading" part="heading" tabindex="-1">
        ${number ? html`<span class="progress" part="progress">${t.progress(number, STEPS_IN_ALL)}</span>` : nothing}
        ${view.heading}
      </h2>
      ${view.content}
      ${this.message && this.step !== 'error' ? html`<p class="error-message" part="message">${this.message}</p>` : nothing}
      ${view.fields ? html`<slot name="form"></slot>` : nothing}
      ${ongoing ? html`<div class="actions"><button type="button" part="button cancel" @click=${() => this.requestCancel()}>${t.cancel}</button></div>` : nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
      <div class="sr-only" role="alert" aria-atomic="true"></div>
    </section>`;
  }
}
