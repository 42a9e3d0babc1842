/**
 * An in-memory broker that follows a script: drives stories and tests deterministically (hints as they change,
 * completion, rejection, wrong tries counted over all its sessions as the broker counts them per user ID, a block,
 * a used code, expiry, a dropped network…) with no server. It checks input like the real broker, so the
 * element's error paths can be exercised too. DOM-free. Long because it plays every endpoint of the page API;
 * it stays one module so a story reads one file to know what the broker would say.
 */
import { transactionDetailsProblem, transactionTextProblem, userIdProblem } from '../protocol/rules.js';
import { transactionRendering, type TransactionDetails } from '../protocol/transaction.js';
import {
  TransportError,
  isTerminal,
  systemClock,
  type Clock,
  type ConnectionKind,
  type SessionRef,
  type StatusHandlers,
  type StatusSubscription,
  type Transport,
  type TransportErrorCode,
  type WebauthnResponseJSON,
} from '../src/transport/transport.js';
import type {
  ChooseMethodRequest,
  ChooseMethodResponse,
  CreateSessionRequest,
  CreateSessionResponse,
  FailureCode,
  Method,
  PendingHint,
  QrFrameResponse,
  SessionStatusEvent,
} from '../protocol/page-api.js';

/** One scripted happening in the app, `after` milliseconds after the previous one. */
export type AppScriptStep = { after: number } & ({ hint: PendingHint } | { complete: true } | { fail: FailureCode });

export interface ScriptedTransportOptions {
  clock?: Clock;
  methods?: Method[];
  clientName?: string;
  sessionMs?: number;
  extensions?: number;
  /** What the app does once the app method is chosen; `[]` waits for {@link ScriptedTransport.push}. */
  app?: AppScriptStep[];
  code?: string;
  password?: string;
  /** Wrong tries before the block, over every session of this transport (the broker's count per user ID). */
  attempts?: number;
  /** The block that follows the last wrong try, seconds; null: until support. */
  blockSeconds?: number | null;
  /**
   * How long a right code counts as used once accepted, ms, as a real code display's code does until the display
   * turns over. 0 (the default): the one scripted code works again at once, so an offline page can log in and then
   * approve.
   */
  usedCodeMs?: number;
  /** Start blocked (codes, password and chip), until this epoch ms, or until support (null). */
  blockedUntil?: number | null;
  /**
   * Pairing codes served with the QR frames, one per `pairingCodeMs` from the app step's start (the last one stays);
   * none by default, as a broker without pairing codes.
   */
  pairingCodes?: string[];
  pairingCodeMs?: number;
  /** Make `createSession` fail with this code. */
  createError?: TransportErrorCode;
  /** Milliseconds every call takes. */
  latencyMs?: number;
}

export interface ScriptedCall {
  name: string;
  args: unknown[];
}

interface ScriptedSession {
  ref: SessionRef;
  request: CreateSessionRequest;
  method?: Method;
  history: SessionStatusEvent[];
  expiresAt: number;
  extensionsLeft: number;
  timers: unknown[];
  started: number;
}

const DEFAULT_APP_SCRIPT: AppScriptStep[] = [
  { after: 1500, hint: 'qr-scanned' },
  { after: 1500, hint: 'user-signing' },
  { after: 2000, complete: true },
];

export class ScriptedTransport implements Transport {
  readonly calls: ScriptedCall[] = [];
  private readonly clock: Clock;
  private readonly options: Required<Omit<ScriptedTransportOptions, 'createError' | 'clock' | 'blockedUntil'>> &
    Pick<ScriptedTransportOptions, 'createError'>;
  private readonly sessions = new Map<string, ScriptedSession>();
  private readonly listeners = new Set<{
    session: string;
    deliver: () => void;
    connection: (kind: ConnectionKind) => void;
  }>();
  private counter = 0;
  private dropped = false;
  /** Wrong tries left, over every session (as the broker counts per user ID). */
  private attemptsLeft: number;
  /** Blocked until (epoch ms), null until support; undefined: not blocked. */
  private blockedUntil: number | null | undefined;
  /** When the last right code was accepted (epoch ms). */
  private codeAcceptedAt: number | undefined;

  constructor(options: ScriptedTransportOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.options = {
      methods: ['app', 'code-display', 'code-reader', 'chip'],
      clientName: 'Demo Netbank',
      sessionMs: 5 * 60_000,
      extensions: 2,
      app: DEFAULT_APP_SCRIPT,
      code: '123456',
      password: 'hemmelig',
      attempts: 5,
      blockSeconds: 900,
      usedCodeMs: 0,
      pairingCodes: [],
      pairingCodeMs: 120_000,
      latencyMs: 0,
      ...options,
    };
    this.attemptsLeft = this.options.attempts;
    this.blockedUntil = options.blockedUntil;
  }

  /** The newest session (tests poke it). */
  get current(): ScriptedSession | undefined {
    return [...this.sessions.values()].at(-1);
  }

  calledWith(name: string): ScriptedCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  async createSession(request: CreateSessionRequest): Promise<CreateSessionResponse> {
    await this.call('createSession', request);
    if (this.options.createError) throw new TransportError(this.options.createError, 'scripted failure', 400);
    // An approval started with a login hint has no user ID (the scripted broker takes any hint: createError plays
    // the broker's refusals).
    const problem = request.login_hint === undefined ? userIdProblem(request.user_id ?? '') : null;
    if (problem === 'cpr') throw new TransportError('cpr_user_id', 'CPR-shaped user ID', 400);
    if (problem) throw new TransportError('invalid_user_id', problem, 400);
    const details = request.mode === 'approve' ? request.transaction?.details : undefined;
    if (details && transactionDetailsProblem(details)) {
      throw new TransportError('invalid_transaction', 'invalid transaction details', 400);
    }
    if (request.mode === 'approve' && !details && transactionTextProblem(request.transaction?.text ?? '')) {
      throw new TransportError('invalid_transaction_text', 'invalid transaction text', 400);
    }
    this.counter += 1;
    const ref = { id: `s${this.counter}`, token: `token-${this.counter}` };
    const session: ScriptedSession = {
      ref,
      request,
      history: [],
      expiresAt: this.clock.now() + this.options.sessionMs,
      extensionsLeft: this.options.extensions,
      timers: [],
      started: this.clock.now(),
    };
    this.sessions.set(ref.id, session);
    this.emit(session, { status: 'pending', hint: 'method-required' });
    this.scheduleExpiry(session);
    return {
      session_id: ref.id,
      session_token: ref.token,
      expires_at: new Date(session.expiresAt).toISOString(),
      methods: [...this.options.methods],
      client_name: this.options.clientName,
      extensions_left: session.extensionsLeft,
      // As the broker answers: the text to show is its rendering of a payment or a batch.
      ...(details ? { transaction: { text: transactionRendering(details, request.lang ?? 'da'), details } } : {}),
    };
  }

  async chooseMethod(ref: SessionRef, request: ChooseMethodRequest): Promise<ChooseMethodResponse> {
    const session = await this.open('chooseMethod', ref, request);
    if (!this.options.methods.includes(request.method)) {
      throw new TransportError('method_unavailable', 'method unavailable', 409);
    }
    if (request.method !== 'app') this.refuseIfBlocked();
    session.method = request.method;
    const hint: PendingHint =
      request.method === 'app' ? 'outstanding' : request.method === 'chip' ? 'chip-required' : 'code-required';
    const status = this.emit(session, { status: 'pending', hint });
    if (request.method === 'app') this.runAppScript(session);
    return {
      status,
      ...(request.method === 'app' && request.device === 'same'
        ? { app_link: `/app/#request=${encodeURIComponent(ref.id)}` }
        : {}),
    };
  }

  async qrFrame(ref: SessionRef): Promise<QrFrameResponse> {
    const session = await this.open('qrFrame', ref);
    const seq = Math.floor((this.clock.now() - session.started) / 1000);
    const frame: QrFrameResponse = { frame: `mitid://qr/${ref.id}/${seq}`, seq, refresh_ms: 1000 };
    const { pairingCodes, pairingCodeMs } = this.options;
    const index = Math.floor((this.clock.now() - session.started) / pairingCodeMs);
    const code = pairingCodes[Math.min(index, pairingCodes.length - 1)];
    if (code) {
      frame.pairing_code = code;
      frame.pairing_refresh_ms = pairingCodeMs - ((this.clock.now() - session.started) % pairingCodeMs);
    }
    return frame;
  }

  async submitCode(ref: SessionRef, code: string) {
    const session = await this.open('submitCode', ref, code);
    this.refuseIfBlocked(session);
    if (code !== this.options.code) this.wrong(session, 'wrong_code');
    // A right code given again while it counts as used (usedCodeMs) is refused as "used" and costs no try.
    const now = this.clock.now();
    if (this.codeAcceptedAt !== undefined && now - this.codeAcceptedAt < this.options.usedCodeMs) {
      throw new TransportError('code_used', 'code used', 400);
    }
    this.codeAcceptedAt = now;
    return this.emit(session, { status: 'pending', hint: 'password-required' });
  }

  /** The password comes last (after the code or the key) and finishes the session. */
  async submitPassword(ref: SessionRef, password: string) {
    const session = await this.open('submitPassword', ref, '•••');
    this.refuseIfBlocked(session);
    if (password !== this.options.password) this.wrong(session, 'wrong_password');
    this.attemptsLeft = this.options.attempts;
    return this.complete(session);
  }

  async webauthnOptions(ref: SessionRef) {
    await this.open('webauthnOptions', ref);
    return { challenge: 'c2NyaXB0ZWQtY2hhbGxlbmdl', rpId: 'localhost', allowCredentials: [], timeout: 60000 };
  }

  /** The key comes first; the password follows it. */
  async submitWebauthn(ref: SessionRef, response: WebauthnResponseJSON) {
    const session = await this.open('submitWebauthn', ref, response);
    this.refuseIfBlocked(session);
    return this.emit(session, { status: 'pending', hint: 'password-required' });
  }

  async extend(ref: SessionRef) {
    const session = await this.open('extend', ref);
    if (session.extensionsLeft <= 0) throw new TransportError('extend_limit', 'no more extensions', 409);
    session.extensionsLeft -= 1;
    session.expiresAt = this.clock.now() + this.options.sessionMs;
    this.scheduleExpiry(session);
    const last = session.history.at(-1)!;
    this.emit(session, { status: last.status, ...(last.hint ? { hint: last.hint } : {}) });
    return { expires_at: new Date(session.expiresAt).toISOString(), extensions_left: session.extensionsLeft };
  }

  async cancel(ref: SessionRef) {
    const session = await this.open('cancel', ref);
    this.fail(session, 'cancelled');
  }

  subscribe(ref: SessionRef, afterSeq: number, handlers: StatusHandlers, signal: AbortSignal): StatusSubscription {
    this.calls.push({ name: 'subscribe', args: [ref.id, afterSeq] });
    let lastSeq = afterSeq;
    let closed = false;
    const listener = {
      session: ref.id,
      connection: (kind: ConnectionKind) => !closed && handlers.onConnection?.(kind),
      deliver: () => {
        const session = this.sessions.get(ref.id);
        if (closed || !session || this.dropped) return;
        for (const status of session.history) {
          if (status.seq <= lastSeq) continue;
          lastSeq = status.seq;
          handlers.onStatus(status);
          if (isTerminal(status)) return close();
        }
      },
    };
    const close = () => {
      closed = true;
      this.listeners.delete(listener);
    };
    this.listeners.add(listener);
    signal.addEventListener('abort', close, { once: true });
    handlers.onConnection?.('stream');
    queueMicrotask(listener.deliver);
    return {
      reconnectNow: () => {
        this.calls.push({ name: 'reconnect', args: [ref.id, lastSeq] });
        queueMicrotask(listener.deliver);
      },
      close,
    };
  }

  // ---- script controls for stories and tests ---------------------------------------------------------------

  /** Push a status change to the newest session, as the broker would. */
  push(change: Omit<SessionStatusEvent, 'seq' | 'expires_at' | 'extensions_left'>, ref = this.current?.ref) {
    const session = ref && this.sessions.get(ref.id);
    if (!session) throw new Error('no session');
    return change.status === 'complete' ? this.complete(session) : this.emit(session, change);
  }

  /** Stop delivering status changes (the network dropped); they are kept and delivered on `reconnectNow()`. */
  dropNetwork() {
    this.dropped = true;
    // As the event stream does: the connection broke, and it keeps trying.
    for (const listener of this.listeners) listener.connection('reconnecting');
  }

  restoreNetwork() {
    this.dropped = false;
    for (const listener of this.listeners) listener.connection('stream');
  }

  /** Forget every timer, e.g. at the end of a test or story. */
  dispose() {
    for (const session of this.sessions.values()) session.timers.forEach((timer) => this.clock.clearTimeout(timer));
    this.listeners.clear();
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private async call(name: string, ...args: unknown[]) {
    this.calls.push({ name, args });
    if (this.options.latencyMs > 0) {
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.options.latencyMs));
    } else {
      await Promise.resolve();
    }
  }

  private async open(name: string, ref: SessionRef, ...args: unknown[]) {
    await this.call(name, ...args);
    const session = this.sessions.get(ref.id);
    if (!session || session.ref.token !== ref.token) throw new TransportError('session_not_found', 'no session', 404);
    const last = session.history.at(-1);
    if (last && isTerminal(last)) throw new TransportError('session_finished', 'session finished', 409);
    return session;
  }

  private wrong(session: ScriptedSession, code: 'wrong_code' | 'wrong_password'): never {
    this.attemptsLeft -= 1;
    const blockSeconds = this.options.blockSeconds;
    if (this.attemptsLeft <= 0) {
      this.blockedUntil = blockSeconds === null ? null : this.clock.now() + blockSeconds * 1000;
      this.refuseIfBlocked(session);
    }
    const last = session.history.at(-1);
    this.emit(session, { status: 'pending', ...(last?.hint ? { hint: last.hint } : {}) });
    throw new TransportError(code, code, 400, this.attemptsLeft, blockSeconds === null ? {} : { blockSeconds });
  }

  /** While blocked: `factor_blocked`, and the session (when given) fails with `blocked`, as the broker does. */
  private refuseIfBlocked(session?: ScriptedSession): void {
    const until = this.blockedUntil;
    if (until === undefined || (until !== null && until <= this.clock.now())) return;
    if (session) {
      this.emit(session, {
        status: 'failed',
        code: 'blocked',
        ...(until === null ? {} : { blocked_until: new Date(until).toISOString() }),
      });
    }
    throw new TransportError(
      'factor_blocked',
      'blocked',
      423,
      undefined,
      until === null ? {} : { blockedUntil: until },
    );
  }

  private emit(session: ScriptedSession, change: Omit<SessionStatusEvent, 'seq' | 'expires_at' | 'extensions_left'>) {
    const status: SessionStatusEvent = {
      ...change,
      seq: session.history.length + 1,
      expires_at: new Date(session.expiresAt).toISOString(),
      extensions_left: session.extensionsLeft,
      ...(session.method ? { method: session.method } : {}),
      ...(change.status === 'pending' && (change.hint === 'code-required' || change.hint === 'password-required')
        ? { attempts_left: this.attemptsLeft }
        : {}),
    };
    session.history.push(status);
    if (isTerminal(status)) session.timers.forEach((timer) => this.clock.clearTimeout(timer));
    for (const listener of this.listeners) if (listener.session === session.ref.id) queueMicrotask(listener.deliver);
    return status;
  }

  private complete(session: ScriptedSession) {
    return this.emit(session, { status: 'complete', assertion: fakeAssertion(session) });
  }

  private fail(session: ScriptedSession, code: FailureCode) {
    return this.emit(session, { status: 'failed', code });
  }

  private runAppScript(session: ScriptedSession) {
    let at = 0;
    for (const step of this.options.app) {
      at += step.after;
      session.timers.push(
        this.clock.setTimeout(() => {
          const last = session.history.at(-1);
          if (!last || isTerminal(last) || session.method !== 'app') return;
          if ('complete' in step) this.complete(session);
          else if ('fail' in step) this.fail(session, step.fail);
          else this.emit(session, { status: 'pending', hint: step.hint });
        }, at),
      );
    }
  }

  private scheduleExpiry(session: ScriptedSession) {
    const expiresAt = session.expiresAt;
    session.timers.push(
      this.clock.setTimeout(() => {
        const last = session.history.at(-1);
        if (session.expiresAt === expiresAt && last && !isTerminal(last)) this.fail(session, 'expired');
      }, expiresAt - this.clock.now()),
    );
  }
}

function base64url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * What the approval's `txn` claim holds, as the broker's does: the text shown (the rendering of a payment or a batch,
 * in the session's language) and the details. No hashes: nothing signs a fake, and no verifier accepts it.
 */
function fakeTransactionClaim(request: CreateSessionRequest): { text: string; details?: TransactionDetails } | null {
  if (request.mode !== 'approve' || !request.transaction) return null;
  const { details, text } = request.transaction;
  if (details) return { text: transactionRendering(details, request.lang ?? 'da'), details };
  return text === undefined ? null : { text };
}

/** Shaped like a compact JWS, signed by nobody: only for stories and tests. */
function fakeAssertion(session: ScriptedSession): string {
  const txn = fakeTransactionClaim(session.request);
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'scripted' }));
  const claims = base64url(
    JSON.stringify({
      iss: 'scripted',
      aud: session.request.client_id,
      nonce: session.request.nonce,
      mode: session.request.mode,
      method: session.method,
      ...(txn ? { txn } : {}),
    }),
  );
  return `${header}.${claims}.c2NyaXB0ZWQ`;
}
