/**
 * Runs the flow: holds the machine's state, performs the calls each step needs through the transport, and feeds
 * their outcomes back as events. Everything a session does hangs off one AbortController, so stopping a session
 * (cancel, reset, the element leaving the page) stops every request, stream, timer and QR refresh at once.
 * DOM-free: WebAuthn comes in through a port that the element provides. Long because every user action's call and
 * every effect of a session (status stream, clock tick, QR refresh) share that one AbortController and the same
 * "is this still the current session" guard; split apart, each part would need the runner's private session.
 */
import {
  TransportError,
  isAbort,
  sleep,
  systemClock,
  type Clock,
  type ConnectionKind,
  type StatusSubscription,
  type Transport,
  type WebauthnOptionsJSON,
  type WebauthnResponseJSON,
} from '../transport/transport.js';
import type { DeviceKind, Method, SessionStatusEvent } from '../../protocol/page-api.js';
import { transactionRendering } from '../../protocol/transaction.js';
import {
  initialState,
  isRetryable,
  sessionOf,
  transition,
  type FlowErrorCode,
  type FlowEvent,
  type FlowState,
  type SessionContext,
  type StartConfig,
} from './machine.js';
import { usableMethods } from './usable-methods.js';

/** The browser's WebAuthn, as the runner sees it (the element loads @simplewebauthn/browser behind it). */
export interface WebAuthnPort {
  supported(): boolean;
  authenticate(options: WebauthnOptionsJSON): Promise<WebauthnResponseJSON>;
}

export interface RunnerOptions {
  /** The transport to use for the next session (resolved when a session starts). */
  transport: () => Transport;
  /** Loaded only when the chip step needs it. */
  webauthn: () => Promise<WebAuthnPort>;
  clock?: Clock;
  /** Called after every state change, with the state before it. */
  onChange: (state: FlowState, previous: FlowState) => void;
  /** Called every second while a session runs (time left changes without a state change). */
  onTick?: () => void;
  /** How the status subscription of the current session is connected (e.g. `reconnecting` while offline). */
  onConnection?: (kind: ConnectionKind) => void;
}

export interface RunConfig extends StartConfig {
  device: DeviceKind;
  /**
   * This browser's random key (src/browser-key.ts): a new session with it replaces this browser's unfinished one at
   * the broker, so a reload is never taken for a parallel request. Absent: none is sent.
   */
  browserKey?: string;
  /** Whether this browser has WebAuthn (src/device.ts): without it the chip is left out of the list. Absent: it has. */
  webauthn?: boolean;
}

export class FlowRunner {
  state: FlowState = initialState();
  private readonly clock: Clock;
  private session?: {
    abort: AbortController;
    transport: Transport;
    subscription?: StatusSubscription;
    ticking?: boolean;
    qrRunning?: boolean;
  };
  private lastConfig?: RunConfig;

  constructor(private readonly options: RunnerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  now(): number {
    return this.clock.now();
  }

  /** Milliseconds until the session expires, or null outside a session. */
  timeLeft(): number | null {
    const session = sessionOf(this.state);
    return session ? Math.max(0, session.expiresAt - this.clock.now()) : null;
  }

  // ---- user actions -------------------------------------------------------------------------------------------

  async submitUserId(userId: string, config: RunConfig): Promise<void> {
    this.dispatch({ type: 'submit-user-id', userId, config });
    if (this.state.step !== 'user-id' || !this.state.busy) return;
    const remembered = config.remembered?.userId === this.state.userId ? config.remembered.method : null;
    await this.createSession(config, { user_id: this.state.userId }, remembered);
  }

  /**
   * Approve mode: starts the approval from the page's login hint, without a user ID. The remembered method, if any,
   * starts at once (its user ID cannot be compared: the page never learns who logged in); the list is one click away.
   */
  async startWithHint(config: RunConfig): Promise<void> {
    if (!config.loginHint) return;
    this.dispatch({ type: 'start-with-hint', config });
    if (this.state.step !== 'user-id' || !this.state.busy) return;
    await this.createSession(config, { login_hint: config.loginHint }, config.remembered?.method ?? null);
  }

  private async createSession(
    config: RunConfig,
    identity: { user_id: string } | { login_hint: string },
    preferredMethod: Method | null,
  ): Promise<void> {
    this.lastConfig = config;
    const run = this.beginSession();
    const text = config.mode === 'approve' ? config.transactionText.replace(/\r\n?/g, '\n') : '';
    const details = config.mode === 'approve' ? (config.transactionDetails ?? null) : null;
    const lang = config.transactionLang ?? 'da';
    try {
      const created = await run.transport.createSession(
        {
          client_id: config.clientId,
          mode: config.mode,
          ...identity,
          nonce: config.nonce,
          ...(config.mode === 'approve' ? { transaction: details ? { details } : { text } } : {}),
          ...(details ? { lang } : {}),
          ...(config.browserKey ? { browser_key: config.browserKey } : {}),
        },
        run.abort.signal,
      );
      if (!this.isCurrent(run)) return;
      this.dispatch({
        type: 'session-created',
        ref: { id: created.session_id, token: created.session_token },
        mode: config.mode,
        // A payment's text is the broker's rendering; the element shows what the app will show.
        transactionText: details ? (created.transaction?.text ?? transactionRendering(details, lang)) : text,
        transactionDetails: details ? (created.transaction?.details ?? details) : null,
        transactionLang: lang,
        device: config.device,
        methods: usableMethods(created.methods, config),
        clientName: created.client_name,
        expiresAt: Date.parse(created.expires_at) || this.clock.now() + 5 * 60_000,
        extensionsLeft: created.extensions_left,
        preferredMethod,
      });
      await this.chooseFirstIfPending();
    } catch (error) {
      this.failed(run, error);
    }
  }

  async continueApproval(device: DeviceKind): Promise<void> {
    this.dispatch({ type: 'continue-approval', device });
    await this.chooseFirstIfPending();
  }

  showMethods(): void {
    this.dispatch({ type: 'show-methods' });
  }

  async chooseMethod(method: Method, device: DeviceKind): Promise<void> {
    const run = this.session;
    const session = sessionOf(this.state);
    if (!run || !session) return;
    this.dispatch({ type: 'choose-method', method, device });
    try {
      const response = await run.transport.chooseMethod(
        session.ref,
        method === 'app' ? { method, device } : { method },
        run.abort.signal,
      );
      if (this.isCurrent(run)) this.dispatch({ type: 'method-chosen', method, device, response });
    } catch (error) {
      this.failed(run, error);
    }
  }

  async submitCode(code: string): Promise<void> {
    this.dispatch({ type: 'submit-code', code });
    if (this.state.step !== 'code' || !this.state.busy) return;
    await this.send((transport, ref, signal) => transport.submitCode(ref, code.replace(/\s+/g, ''), signal));
  }

  async submitPassword(password: string): Promise<void> {
    this.dispatch({ type: 'submit-password', password });
    if (this.state.step !== 'password' || !this.state.busy) return;
    await this.send((transport, ref, signal) => transport.submitPassword(ref, password, signal));
  }

  /** The chip: ask the broker for a challenge, let the browser talk to the security key, send the answer. */
  async startChip(): Promise<void> {
    const run = this.session;
    const session = sessionOf(this.state);
    if (!run || !session || this.state.step !== 'chip' || this.state.phase !== 'ready') return;
    this.dispatch({ type: 'chip-start' });
    let port: WebAuthnPort;
    try {
      port = await this.options.webauthn();
    } catch {
      if (this.isCurrent(run)) this.dispatch({ type: 'chip-failed', code: 'webauthn_unsupported' });
      return;
    }
    if (!port.supported()) {
      if (this.isCurrent(run)) this.dispatch({ type: 'chip-failed', code: 'webauthn_unsupported' });
      return;
    }
    try {
      const options = await run.transport.webauthnOptions(session.ref, run.abort.signal);
      if (!this.isCurrent(run)) return;
      let response: WebauthnResponseJSON;
      try {
        response = await port.authenticate(options);
      } catch (error) {
        if (this.isCurrent(run)) this.dispatch({ type: 'chip-failed', code: 'webauthn_cancelled' });
        void error;
        return;
      }
      if (!this.isCurrent(run)) return;
      const status = await run.transport.submitWebauthn(session.ref, response, run.abort.signal);
      if (status && this.isCurrent(run)) this.dispatch({ type: 'status', status });
    } catch (error) {
      this.failed(run, error);
    }
  }

  /** More time (WCAG 2.2.1). */
  async extend(): Promise<void> {
    const run = this.session;
    const session = sessionOf(this.state);
    if (!run || !session || session.extensionsLeft <= 0) return;
    try {
      const answer = await run.transport.extend(session.ref, run.abort.signal);
      if (!this.isCurrent(run)) return;
      this.dispatch({
        type: 'extended',
        expiresAt: Date.parse(answer.expires_at) || session.expiresAt,
        extensionsLeft: answer.extensions_left,
      });
    } catch (error) {
      this.failed(run, error);
    }
  }

  /** The user cancels: tell the broker (best effort), stop everything, back to the user-ID step. */
  cancel(): void {
    this.endSession(true);
    this.dispatch({ type: 'cancelled' });
  }

  /** Back to the start, keeping the user ID typed so far. */
  reset(): void {
    this.endSession(true);
    this.dispatch({ type: 'reset' });
  }

  /** Try again after an error, with the same user ID and configuration. */
  async retry(config?: RunConfig): Promise<void> {
    const userId = this.state.step === 'error' ? this.state.userId : '';
    this.reset();
    const runConfig = config ?? this.lastConfig;
    if (userId && runConfig) await this.submitUserId(userId, runConfig);
    else if (runConfig?.loginHint && runConfig.mode === 'approve') await this.startWithHint(runConfig);
  }

  /** The page became visible again (e.g. back from the app on the same phone): reconnect at once. */
  resume(): void {
    this.session?.subscription?.reconnectNow();
    this.dispatch({ type: 'tick', now: this.clock.now() });
    this.options.onTick?.();
  }

  /** The element left the page: abort all work. The broker is told (best effort) so the app stops waiting. */
  dispose(): void {
    this.endSession(true);
    // Quietly: a detached element fires no events. If it comes back, it starts from the user-ID step.
    this.state = transition(this.state, { type: 'reset' });
  }

  // ---- machinery ----------------------------------------------------------------------------------------------

  dispatch(event: FlowEvent): void {
    const previous = this.state;
    const next = transition(previous, event);
    if (next === previous) return;
    this.state = next;
    if (next.step === 'done' || next.step === 'error') this.endSession(false);
    else this.sync();
    this.options.onChange(next, previous);
  }

  private beginSession() {
    this.endSession(true);
    const run = { abort: new AbortController(), transport: this.options.transport() };
    this.session = run;
    return run;
  }

  private endSession(tellBroker: boolean) {
    const run = this.session;
    if (!run) return;
    this.session = undefined;
    const session = sessionOf(this.state);
    run.abort.abort();
    run.subscription?.close();
    if (tellBroker && session) run.transport.cancel(session.ref).catch(() => undefined);
  }

  private isCurrent(run: NonNullable<FlowRunner['session']>) {
    return this.session === run && !run.abort.signal.aborted;
  }

  /** Effects that follow from the state: the status subscription, the clock tick and the QR refresh. */
  private sync() {
    const run = this.session;
    const session = sessionOf(this.state);
    if (!run || !session) return;
    if (!run.subscription) {
      run.subscription = run.transport.subscribe(
        session.ref,
        session.lastSeq,
        {
          onStatus: (status) => this.isCurrent(run) && this.dispatch({ type: 'status', status }),
          onError: (error) => this.failed(run, error),
          onConnection: (kind) => this.isCurrent(run) && this.options.onConnection?.(kind),
        },
        run.abort.signal,
      );
    }
    if (!run.ticking) {
      run.ticking = true;
      void this.tickLoop(run);
    }
    if (this.wantsQr() && !run.qrRunning) {
      run.qrRunning = true;
      void this.qrLoop(run);
    }
  }

  private async tickLoop(run: NonNullable<FlowRunner['session']>) {
    while (this.isCurrent(run)) {
      try {
        await sleep(this.clock, 1000, run.abort.signal);
      } catch {
        return;
      }
      this.dispatch({ type: 'tick', now: this.clock.now() });
      if (this.isCurrent(run)) this.options.onTick?.();
    }
  }

  /**
   * QR frames are fetched only while a scan is awaited: not after the scan (the code has done its job) and not
   * past the deadline (the broker would refuse, and a page full of 409s helps nobody).
   */
  private wantsQr(): boolean {
    const state = this.state;
    return (
      state.step === 'app' &&
      state.device === 'cross' &&
      !state.busy &&
      state.hint === 'outstanding' &&
      this.clock.now() < state.session.expiresAt
    );
  }

  private async qrLoop(run: NonNullable<FlowRunner['session']>) {
    try {
      while (this.isCurrent(run) && this.wantsQr()) {
        const session = sessionOf(this.state)!;
        let delay = 1000;
        try {
          const frame = await run.transport.qrFrame(session.ref, run.abort.signal);
          if (!this.isCurrent(run)) return;
          this.dispatch({
            type: 'qr-frame',
            frame: frame.frame,
            ...(frame.pairing_code ? { pairingCode: frame.pairing_code } : {}),
          });
          delay = frame.refresh_ms > 0 ? frame.refresh_ms : 1000;
        } catch (error) {
          if (isAbort(error)) return;
          // A missed frame is not fatal: the next one comes in a second, and the status stream reports real ends.
        }
        await sleep(this.clock, delay, run.abort.signal);
      }
    } catch {
      // aborted
    } finally {
      run.qrRunning = false;
    }
  }

  private async send(
    call: (
      transport: Transport,
      ref: SessionContext['ref'],
      signal: AbortSignal,
    ) => Promise<SessionStatusEvent | undefined>,
  ) {
    const run = this.session;
    const session = sessionOf(this.state);
    if (!run || !session) return;
    try {
      const status = await call(run.transport, session.ref, run.abort.signal);
      if (status && this.isCurrent(run)) this.dispatch({ type: 'status', status });
    } catch (error) {
      this.failed(run, error);
    }
  }

  /** The remembered method starts at once (the machine put it in a busy step): the same call a click makes. */
  private async chooseFirstIfPending() {
    const state = this.state;
    if (state.step === 'app' && state.busy) await this.chooseMethod('app', state.device);
    else if (state.step === 'method' && state.busy && state.starting) {
      await this.chooseMethod(state.starting, this.lastConfig?.device ?? 'cross');
    }
  }

  private failed(run: NonNullable<FlowRunner['session']> | undefined, error: unknown) {
    if (isAbort(error) || (run && !this.isCurrent(run))) return;
    const code: FlowErrorCode = error instanceof TransportError ? error.code : 'internal';
    const attemptsLeft = error instanceof TransportError ? error.attemptsLeft : undefined;
    const tries = error instanceof TransportError ? error.tries : {};
    this.dispatch({ type: 'request-failed', code, attemptsLeft, ...tries });
  }
}

export { isRetryable };
