/**
 * The login/approval flow as one pure function: `transition(state, event) → state`. No DOM, no Lit, no I/O: the
 * runner (./runner.ts) performs the calls and feeds their outcomes back as events; the element renders the state.
 */
import { normalizeTransactionText } from '../../protocol/rules.js';
import type { DeviceKind, SessionStatusEvent } from '../../protocol/page-api.js';
import { startWithHint, submitUserId } from './start.js';
import type { CodeMethod, FlowErrorCode, FlowEvent, FlowState, SessionContext, Tries } from './states.js';

export type {
  CodeMethod,
  FlowErrorCode,
  FlowEvent,
  FlowState,
  SessionContext,
  StartConfig,
  Step,
  Tries,
} from './states.js';

/** How long after `expires_at` the element gives up by itself if the broker's own `expired` never arrives. */
export const EXPIRY_GRACE_MS = 3000;

export const CODE_PATTERN = /^\d{6}$/;

export type UserIdState = Extract<FlowState, { step: 'user-id' }>;

export function initialState(userId = ''): UserIdState {
  return { step: 'user-id', userId, problem: null, busy: false, notice: null };
}

/** The session a state belongs to, if any. */
export function sessionOf(state: FlowState): SessionContext | null {
  return 'session' in state ? state.session : null;
}

/** Is the flow waiting for the network (a button should not be pressed twice)? */
export function isBusy(state: FlowState): boolean {
  return 'busy' in state && state.busy;
}

export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'reset':
      return initialState(event.userId ?? userIdOf(state));
    case 'cancelled':
      return { ...initialState(userIdOf(state)), notice: 'cancelled' };
    case 'submit-user-id':
      return submitUserId(state, event);
    case 'start-with-hint':
      return startWithHint(state, event.config);
    case 'session-created':
      return sessionCreated(state, event);
    case 'status':
      return applyStatus(state, event.status);
    case 'request-failed':
      return requestFailed(state, event);
    case 'tick': {
      const session = sessionOf(state);
      if (session && event.now > session.expiresAt + EXPIRY_GRACE_MS) return failed(state, 'expired');
      return state;
    }
    default:
      return sessionEvent(state, event);
  }
}

function sessionCreated(state: FlowState, event: Extract<FlowEvent, { type: 'session-created' }>): FlowState {
  if (state.step !== 'user-id' || !state.busy) return state;
  const session: SessionContext = {
    ref: event.ref,
    userId: state.userId,
    mode: event.mode,
    transactionText: event.mode === 'approve' ? normalizeTransactionText(event.transactionText) : null,
    transactionDetails: event.mode === 'approve' ? (event.transactionDetails ?? null) : null,
    transactionLang: event.transactionLang ?? 'da',
    methods: event.methods,
    clientName: event.clientName,
    expiresAt: event.expiresAt,
    extensionsLeft: event.extensionsLeft,
    lastSeq: 0,
    method: null,
    preferredMethod:
      event.preferredMethod && event.methods.includes(event.preferredMethod) ? event.preferredMethod : null,
  };
  if (session.mode === 'approve') return { step: 'approve', session };
  return firstMethodStep(session, event.device);
}

/**
 * After the user ID (and, when approving, after "Approve the following?"): the method remembered on this device
 * starts at once; with none remembered the list shows and nothing starts before the user chooses. The list is the
 * broker's list for the client, the same for every user ID, so the page learns nothing about the user's methods.
 */
function firstMethodStep(session: SessionContext, device: DeviceKind): FlowState {
  // Nothing left to offer: the client offers only the chip, and this browser has no WebAuthn.
  if (!session.methods.length) return failed({ step: 'method', session, busy: false }, 'webauthn_unsupported', false);
  const preferred = session.preferredMethod;
  if (preferred === 'app') {
    return { step: 'app', session, device, hint: 'method-required', appLink: null, qr: null, busy: true };
  }
  if (preferred) return { step: 'method', session, busy: true, starting: preferred };
  return { step: 'method', session, busy: false };
}

function sessionEvent(state: FlowState, event: FlowEvent): FlowState {
  const session = sessionOf(state);
  if (!session) return state;
  switch (event.type) {
    case 'continue-approval':
      return state.step === 'approve' ? firstMethodStep(session, event.device) : state;
    case 'show-methods':
      return state.step === 'done' || state.step === 'error' ? state : { step: 'method', session, busy: false };
    case 'choose-method':
      if (event.method === 'app') {
        return {
          step: 'app',
          session,
          device: event.device,
          hint: 'method-required',
          appLink: null,
          qr: null,
          busy: true,
        };
      }
      return { step: 'method', session, busy: true };
    case 'method-chosen': {
      // The stream may have delivered this status (and moved the step on) before the answer arrived: never go back.
      const chosen = { ...session, method: event.method };
      let base: FlowState;
      if (event.method === 'app' && state.step !== 'app') {
        // The user left for another method while the app was being chosen: stay where they are.
        base = withSession(state, chosen);
      } else if (event.method === 'app') {
        const sameStep = state.step === 'app' ? state : null;
        base = {
          step: 'app',
          session: chosen,
          device: event.device,
          hint: sameStep && sameStep.hint !== 'method-required' ? sameStep.hint : 'outstanding',
          appLink: event.response.app_link ?? null,
          qr: sameStep?.qr ?? null,
          ...(sameStep?.pairingCode ? { pairingCode: sameStep.pairingCode } : {}),
          busy: false,
        };
      } else if (state.step === 'method') {
        base = { step: 'method', session: chosen, busy: false };
      } else if (state.step === 'code') {
        base = { ...state, session: chosen, method: event.method === 'code-reader' ? 'code-reader' : 'code-display' };
      } else {
        base = withSession(state, chosen);
      }
      return applyStatus(base, event.response.status);
    }
    case 'qr-frame':
      if (state.step !== 'app') return state;
      return event.pairingCode
        ? { ...state, qr: event.frame, pairingCode: event.pairingCode }
        : { ...state, qr: event.frame };
    case 'submit-code': {
      if (state.step !== 'code' || state.busy) return state;
      const code = event.code.replace(/\s+/g, '');
      if (code.length === 0) return { ...state, problem: 'empty' };
      if (!CODE_PATTERN.test(code)) return { ...state, problem: 'format' };
      return { ...state, problem: null, busy: true };
    }
    case 'submit-password': {
      if (state.step !== 'password' || state.busy) return state;
      if (event.password.length === 0) return { ...state, problem: 'empty' };
      if (event.password.length > 128) return { ...state, problem: 'too-long' };
      return { ...state, problem: null, busy: true };
    }
    case 'chip-start':
      return state.step === 'chip' ? { ...state, phase: 'waiting', problem: null } : state;
    case 'chip-failed':
      if (state.step !== 'chip') return state;
      // A cancelled prompt costs nothing at the broker: offer the key again. No WebAuthn at all ends here.
      if (event.code === 'webauthn_cancelled') return { ...state, phase: 'ready', problem: 'cancelled' };
      return failed(state, event.code);
    case 'extended':
      return withSession(state, { ...session, expiresAt: event.expiresAt, extensionsLeft: event.extensionsLeft });
    default:
      return state;
  }
}

/** A status from the broker: the single source of truth for where the session is. */
export function applyStatus(state: FlowState, status: SessionStatusEvent): FlowState {
  const current = sessionOf(state);
  if (!current || status.seq <= current.lastSeq) return state;
  const session: SessionContext = {
    ...current,
    lastSeq: status.seq,
    expiresAt: Date.parse(status.expires_at) || current.expiresAt,
    extensionsLeft: status.extensions_left ?? current.extensionsLeft,
    method: status.method ?? current.method,
  };
  if (status.status === 'complete') {
    return {
      step: 'done',
      mode: session.mode,
      method: session.method,
      assertion: status.assertion ?? '',
      userId: session.userId,
    };
  }
  if (status.status === 'failed') {
    const blockedUntil = status.blocked_until === undefined ? null : Date.parse(status.blocked_until) || null;
    return failed(state, status.code ?? 'internal', isRetryable(status.code ?? 'internal'), blockedUntil);
  }
  const attemptsLeft = status.attempts_left ?? null;
  switch (status.hint) {
    case 'outstanding':
    case 'qr-scanned':
    case 'user-signing':
      if (state.step === 'app')
        return { ...state, session, hint: status.hint, pairedBy: status.paired_by, busy: false };
      return withSession(state, session);
    case 'code-required': {
      const method: CodeMethod = session.method === 'code-reader' ? 'code-reader' : 'code-display';
      if (state.step === 'code') return { ...state, session, attemptsLeft: attemptsLeft ?? state.attemptsLeft };
      return { step: 'code', session, method, attemptsLeft, tries: null, problem: null, busy: false };
    }
    case 'password-required':
      if (state.step === 'password') return { ...state, session, attemptsLeft: attemptsLeft ?? state.attemptsLeft };
      return { step: 'password', session, attemptsLeft, tries: null, problem: null, busy: false };
    case 'chip-required':
      if (state.step === 'chip') return { ...state, session };
      return { step: 'chip', session, phase: 'ready', problem: null, attemptsLeft: null, tries: null };
    default:
      return withSession(state, session);
  }
}

function requestFailed(state: FlowState, event: Extract<FlowEvent, { type: 'request-failed' }>): FlowState {
  const { code, attemptsLeft } = event;
  if (code === 'aborted') return state;
  // A blocked user ID ends the flow with the time the block ends (or "until support"), wherever it is learnt: from
  // the answer to a try (`factor_blocked`) or from the session's status (`blocked`), whichever comes first. The
  // element reports one code for both, `blocked`.
  if (code === 'factor_blocked') return failed(state, 'blocked', false, event.blockedUntil ?? null);
  const tries: Tries | null =
    attemptsLeft === undefined ? null : { left: attemptsLeft, blockSeconds: event.blockSeconds ?? null };
  switch (state.step) {
    case 'user-id':
      if (!state.busy) return state;
      if (code === 'cpr_user_id') return { ...state, busy: false, problem: 'cpr' };
      if (code === 'invalid_user_id') return { ...state, busy: false, problem: 'invalid-characters' };
      return {
        step: 'error',
        code,
        retryable: isRetryable(code),
        userId: state.userId,
        mode: state.hinted ? 'approve' : 'login',
      };
    case 'code':
      if (code === 'wrong_code') {
        return { ...state, busy: false, problem: 'wrong', attemptsLeft: attemptsLeft ?? null, tries };
      }
      // A code accepted a moment ago: no try counted, wait for the next one.
      if (code === 'code_used') return { ...state, busy: false, problem: 'used' };
      // A blip in the network should not throw away the session: the user just sends the code again.
      if (TRANSIENT.has(code)) return { ...state, busy: false, problem: 'unavailable' };
      break;
    case 'chip':
      if (code === 'webauthn_failed' && (attemptsLeft ?? 1) > 0) {
        return { ...state, phase: 'ready', problem: 'failed', attemptsLeft: attemptsLeft ?? null, tries };
      }
      if (TRANSIENT.has(code)) return { ...state, phase: 'ready', problem: 'failed' };
      break;
    case 'method':
      // Choosing failed on the way: the list stays, the user chooses again.
      if (TRANSIENT.has(code)) return { step: 'method', session: state.session, busy: false };
      break;
    case 'app':
    case 'approve':
      // A lost "more time" (or similar side call) must not end a session the status stream still follows.
      if (TRANSIENT.has(code) && !(state.step === 'app' && state.busy)) return state;
      break;
    case 'password':
      if (code === 'wrong_password') {
        return { ...state, busy: false, problem: 'wrong', attemptsLeft: attemptsLeft ?? null, tries };
      }
      if (TRANSIENT.has(code)) return { ...state, busy: false, problem: 'unavailable' };
      break;
    case 'done':
    case 'error':
      return state;
  }
  if (code === 'extend_limit') {
    const session = sessionOf(state);
    return session ? withSession(state, { ...session, extensionsLeft: 0 }) : state;
  }
  return failed(state, code);
}

/** Failures that say nothing about the session itself: trying the same thing again may well work. */
const TRANSIENT: ReadonlySet<FlowErrorCode> = new Set([
  'network',
  'rate_limited',
  'store_unavailable',
  'broker_busy',
  'bad_response',
]);

function failed(
  state: FlowState,
  code: FlowErrorCode,
  retryable = isRetryable(code),
  blockedUntil: number | null = null,
): FlowState {
  if (state.step === 'done' || state.step === 'error') return state;
  const session = sessionOf(state);
  const error: FlowState = { step: 'error', code, retryable, userId: userIdOf(state), mode: session?.mode ?? 'login' };
  if (code === 'factor_blocked' || code === 'blocked') error.blockedUntil = blockedUntil;
  return error;
}

/**
 * Codes a new try cannot mend: the page's own configuration mistakes, a blocked or locked MitID (trying again
 * would only be refused: the message says when, or whom to contact), and a login replaced by a newer one.
 */
export function isRetryable(code: FlowErrorCode): boolean {
  return ![
    'missing_config',
    'invalid_transaction_text',
    'invalid_transaction',
    'mitid_text_too_long',
    'unknown_client',
    'origin_not_allowed',
    'invalid_request',
    'factor_blocked',
    'blocked',
    'locked',
    'superseded',
  ].includes(code);
}

function withSession(state: FlowState, session: SessionContext): FlowState {
  return 'session' in state ? ({ ...state, session } as FlowState) : state;
}

function userIdOf(state: FlowState): string {
  if (state.step === 'user-id' || state.step === 'done' || state.step === 'error') return state.userId;
  return state.session.userId;
}
