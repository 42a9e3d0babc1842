import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import {
  EXPIRY_GRACE_MS,
  initialState,
  isRetryable,
  transition,
  type FlowEvent,
  type FlowState,
  type StartConfig,
} from '../../src/flow/machine.js';
import type { SessionStatusEvent } from '../../protocol/page-api.js';

const login: StartConfig = { clientId: 'netbank', nonce: 'nonce-0123456789abcdef', mode: 'login', transactionText: '' };
const approve: StartConfig = {
  ...login,
  mode: 'approve',
  transactionText: 'Overførsel af 2.300 kr.\r\ntil konto 9978',
};
const expires = '2026-11-25T12:05:00.000Z';

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

function created(mode: StartConfig['mode'] = 'login', methods = ['app', 'code-display', 'code-reader', 'chip']) {
  return {
    type: 'session-created',
    ref: { id: 's1', token: 't1' },
    mode,
    transactionText: mode === 'approve' ? approve.transactionText : '',
    device: 'cross',
    methods,
    clientName: 'Demo Netbank',
    expiresAt: Date.parse(expires),
    extensionsLeft: 2,
  } as FlowEvent;
}

function status(seq: number, change: Partial<SessionStatusEvent>): FlowEvent {
  return { type: 'status', status: { seq, status: 'pending', expires_at: expires, extensions_left: 2, ...change } };
}

const chosenApp: FlowEvent = {
  type: 'method-chosen',
  method: 'app',
  device: 'cross',
  response: { status: { seq: 2, status: 'pending', hint: 'outstanding', expires_at: expires, extensions_left: 2 } },
};

describe('flow machine (pure, no DOM)', () => {
  it('starts at the user-ID step, not busy', () => {
    expect(initialState()).to.deep.equal({ step: 'user-id', userId: '', problem: null, busy: false, notice: null });
  });

  it('refuses an empty, a too long and a CPR-shaped user ID with the reason', () => {
    const submit = (userId: string) => transition(initialState(), { type: 'submit-user-id', userId, config: login });
    expect(submit('   ')).to.include({ step: 'user-id', problem: 'empty', busy: false });
    expect(submit('a'.repeat(65))).to.include({ problem: 'too-long' });
    expect(submit('010190-1234')).to.include({ problem: 'cpr', busy: false });
    expect(submit('0101901234')).to.include({ problem: 'cpr' });
    expect(submit('anna<b>')).to.include({ problem: 'invalid-characters' });
  });

  it('accepts a good user ID (trimmed) and waits for the session', () => {
    const next = transition(initialState(), { type: 'submit-user-id', userId: ' anna.hansen ', config: login });
    expect(next).to.include({ step: 'user-id', userId: 'anna.hansen', busy: true, problem: null });
  });

  it('refuses an invalid transaction text before any network call, without a retry', () => {
    for (const text of ['', '   ', 'x'.repeat(501), 'bad\u0007bell', 'rtl\u202Eoverride']) {
      const next = transition(initialState(), {
        type: 'submit-user-id',
        userId: 'anna',
        config: { ...approve, transactionText: text },
      });
      expect(next).to.include({ step: 'error', code: 'invalid_transaction_text', retryable: false });
    }
  });

  it('reports a missing client ID or nonce as a configuration error', () => {
    for (const config of [
      { ...login, nonce: '' },
      { ...login, nonce: 'too-short' },
      { ...login, clientId: '' },
    ]) {
      const next = transition(initialState(), { type: 'submit-user-id', userId: 'anna', config });
      expect(next).to.include({ step: 'error', code: 'missing_config', retryable: false });
    }
  });

  it('login: goes straight to the app, then follows the hints to done', () => {
    let state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created());
    expect(state).to.include({ step: 'app', busy: true, hint: 'method-required' });
    state = run(state, chosenApp);
    expect(state).to.include({ step: 'app', busy: false, hint: 'outstanding' });
    state = run(state, { type: 'qr-frame', frame: 'frame-1' }, status(3, { hint: 'qr-scanned', method: 'app' }));
    expect(state).to.include({ step: 'app', hint: 'qr-scanned', qr: 'frame-1' });
    state = run(state, status(4, { hint: 'user-signing' }), status(5, { status: 'complete', assertion: 'a.b.c' }));
    expect(state).to.deep.equal({ step: 'done', mode: 'login', method: 'app', assertion: 'a.b.c', userId: 'anna' });
  });

  it('ignores a status it has already seen (resumed streams may repeat)', () => {
    const state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    const again = run(state, status(2, { status: 'complete', assertion: 'x' }));
    expect(again).to.equal(state);
  });

  it('approve: shows the text (new lines normalized) before any method, then the app', () => {
    let state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: approve }, created('approve'));
    expect(state.step).to.equal('approve');
    if (state.step !== 'approve') throw new Error('unreachable');
    expect(state.session.transactionText).to.equal('Overførsel af 2.300 kr.\ntil konto 9978');
    state = transition(state, { type: 'continue-approval', device: 'same' });
    expect(state).to.include({ step: 'app', device: 'same', busy: true });
  });

  it('code display: wrong code keeps the step with attempts left, then password, then done', () => {
    let state = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      { type: 'show-methods' },
      { type: 'choose-method', method: 'code-display', device: 'cross' },
      {
        type: 'method-chosen',
        method: 'code-display',
        device: 'cross',
        response: {
          status: { seq: 2, status: 'pending', hint: 'code-required', expires_at: expires, extensions_left: 2 },
        },
      },
    );
    expect(state).to.include({ step: 'code', method: 'code-display' });
    expect(transition(state, { type: 'submit-code', code: '12a' })).to.include({ problem: 'format', busy: false });
    expect(transition(state, { type: 'submit-code', code: '' })).to.include({ problem: 'empty' });
    state = run(state, { type: 'submit-code', code: '123 456' });
    expect(state).to.include({ busy: true, problem: null });
    state = run(state, { type: 'request-failed', code: 'wrong_code', attemptsLeft: 2 });
    expect(state).to.include({ step: 'code', problem: 'wrong', attemptsLeft: 2, busy: false });
    state = run(state, { type: 'submit-code', code: '123456' }, status(3, { hint: 'password-required' }));
    expect(state).to.include({ step: 'password', problem: null });
    state = run(
      state,
      { type: 'submit-password', password: 'hemmelig' },
      status(4, { status: 'complete', assertion: 'j' }),
    );
    expect(state).to.include({ step: 'done', assertion: 'j' });
  });

  it('a network blip while sending a code or password keeps the step, so the user can send again', () => {
    const code = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      status(2, { hint: 'code-required', method: 'code-display' }),
      { type: 'submit-code', code: '123456' },
    );
    expect(transition(code, { type: 'request-failed', code: 'network' })).to.include({
      step: 'code',
      problem: 'unavailable',
      busy: false,
    });
    const password = run(code, status(3, { hint: 'password-required' }), { type: 'submit-password', password: 'x' });
    expect(transition(password, { type: 'request-failed', code: 'store_unavailable' })).to.include({
      step: 'password',
      problem: 'unavailable',
    });
  });

  it('a network blip on a side call (more time, choosing a method) does not end the session', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    expect(transition(app, { type: 'request-failed', code: 'network' })).to.equal(app);
    const choosing = run(
      app,
      { type: 'show-methods' },
      { type: 'choose-method', method: 'code-display', device: 'cross' },
    );
    expect(transition(choosing, { type: 'request-failed', code: 'network' })).to.include({
      step: 'method',
      busy: false,
    });
    const startingApp = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created());
    expect(transition(startingApp, { type: 'request-failed', code: 'network' })).to.include({
      step: 'error',
      code: 'network',
    });
  });

  it('locks after too many wrong codes', () => {
    const state = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created('login', ['code-display']),
    );
    expect(state.step).to.equal('method');
    const locked = run(
      state,
      status(2, { hint: 'code-required', method: 'code-display' }),
      { type: 'submit-code', code: '000000' },
      { type: 'request-failed', code: 'locked', attemptsLeft: 0 },
    );
    expect(locked).to.include({ step: 'error', code: 'locked', retryable: true });
  });

  it('chip: password first, then the chip step; an unsupported browser is an error', () => {
    const state = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      status(2, { hint: 'password-required', method: 'chip' }),
      { type: 'submit-password', password: 'pw' },
      status(3, { hint: 'chip-required' }),
    );
    expect(state).to.include({ step: 'chip', phase: 'ready' });
    expect(transition(state, { type: 'chip-start' })).to.include({ phase: 'waiting' });
    expect(transition(state, { type: 'chip-failed', code: 'webauthn_unsupported' })).to.include({
      step: 'error',
      code: 'webauthn_unsupported',
    });
  });

  it('stays on the method list when the user leaves the app while it is being chosen', () => {
    const leaving = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      { type: 'show-methods' },
      chosenApp,
    );
    expect(leaving.step).to.equal('method');
  });

  it('chip: a failed or cancelled key press offers the key again, with attempts left', () => {
    const chip = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      status(2, { hint: 'chip-required', method: 'chip' }),
      { type: 'chip-start' },
    );
    expect(transition(chip, { type: 'request-failed', code: 'webauthn_failed', attemptsLeft: 2 })).to.include({
      step: 'chip',
      phase: 'ready',
      problem: 'failed',
      attemptsLeft: 2,
    });
    expect(transition(chip, { type: 'chip-failed', code: 'webauthn_cancelled' })).to.include({
      step: 'chip',
      phase: 'ready',
      problem: 'cancelled',
    });
  });

  it('never steps back when the status stream outruns the answer to choosing a method', () => {
    const codeResponse: FlowEvent = {
      type: 'method-chosen',
      method: 'code-reader',
      device: 'cross',
      response: {
        status: { seq: 2, status: 'pending', hint: 'code-required', expires_at: expires, extensions_left: 2 },
      },
    };
    const waiting = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      { type: 'show-methods' },
      { type: 'choose-method', method: 'code-reader', device: 'cross' },
    );
    const viaStream = run(waiting, status(2, { hint: 'code-required' }), codeResponse);
    expect(viaStream).to.include({ step: 'code', method: 'code-reader' });
    const viaAnswer = run(waiting, codeResponse, status(2, { hint: 'code-required' }));
    expect(viaAnswer).to.include({ step: 'code', method: 'code-reader' });
  });

  it('maps a broker failure to the error step and a CPR refusal back to the field', () => {
    const busy = transition(initialState(), { type: 'submit-user-id', userId: 'anna', config: login });
    expect(transition(busy, { type: 'request-failed', code: 'cpr_user_id' })).to.include({
      step: 'user-id',
      problem: 'cpr',
      busy: false,
    });
    expect(transition(busy, { type: 'request-failed', code: 'network' })).to.include({
      step: 'error',
      code: 'network',
    });
    const app = run(busy, created(), chosenApp);
    expect(run(app, status(3, { status: 'failed', code: 'rejected' }))).to.include({ step: 'error', code: 'rejected' });
    expect(transition(app, { type: 'request-failed', code: 'aborted' })).to.equal(app);
  });

  it('expires by itself when the broker stays silent past the deadline', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    expect(transition(app, { type: 'tick', now: Date.parse(expires) })).to.equal(app);
    expect(transition(app, { type: 'tick', now: Date.parse(expires) + EXPIRY_GRACE_MS + 1 })).to.include({
      step: 'error',
      code: 'expired',
    });
  });

  it('extends the deadline and counts extensions down; extend_limit leaves the step', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    const later = transition(app, { type: 'extended', expiresAt: Date.parse(expires) + 60_000, extensionsLeft: 1 });
    expect(later.step === 'app' && later.session.extensionsLeft).to.equal(1);
    const none = transition(app, { type: 'request-failed', code: 'extend_limit' });
    expect(none.step === 'app' && none.session.extensionsLeft).to.equal(0);
  });

  it('cancel goes back to the user ID with a notice; reset keeps the user ID', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    expect(transition(app, { type: 'cancelled' })).to.include({ step: 'user-id', userId: 'anna', notice: 'cancelled' });
    expect(transition(app, { type: 'reset' })).to.include({ step: 'user-id', userId: 'anna', notice: null });
  });

  it('a page configuration error is not retryable, a network error is', () => {
    expect(isRetryable('origin_not_allowed')).to.equal(false);
    expect(isRetryable('network')).to.equal(true);
    expect(isRetryable('expired')).to.equal(true);
  });
});
