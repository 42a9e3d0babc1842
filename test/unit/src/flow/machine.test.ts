import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXPIRY_GRACE_MS,
  initialState,
  isRetryable,
  transition,
  type FlowEvent,
  type FlowState,
  type StartConfig,
} from '../../../../src/flow/machine.js';
import type { SessionStatusEvent } from '../../../../protocol/page-api.js';
import { assertIncludes } from '../../support/assert-includes.js';

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
    assert.deepEqual(initialState(), { step: 'user-id', userId: '', problem: null, busy: false, notice: null });
  });

  it('refuses an empty, a too long and a CPR-shaped user ID with the reason', () => {
    const submit = (userId: string) => transition(initialState(), { type: 'submit-user-id', userId, config: login });
    assertIncludes(submit('   '), { step: 'user-id', problem: 'empty', busy: false });
    assertIncludes(submit('a'.repeat(65)), { problem: 'too-long' });
    assertIncludes(submit('010190-1234'), { problem: 'cpr', busy: false });
    assertIncludes(submit('0101901234'), { problem: 'cpr' });
    assertIncludes(submit('anna<b>'), { problem: 'invalid-characters' });
  });

  it('accepts a good user ID (trimmed) and waits for the session', () => {
    const next = transition(initialState(), { type: 'submit-user-id', userId: ' anna.hansen ', config: login });
    assertIncludes(next, { step: 'user-id', userId: 'anna.hansen', busy: true, problem: null });
  });

  it('refuses an invalid transaction text before any network call, without a retry', () => {
    for (const text of ['', '   ', 'x'.repeat(501), 'bad\u0007bell', 'rtl\u202Eoverride']) {
      const next = transition(initialState(), {
        type: 'submit-user-id',
        userId: 'anna',
        config: { ...approve, transactionText: text },
      });
      assertIncludes(next, { step: 'error', code: 'invalid_transaction_text', retryable: false });
    }
  });

  it('says which rule the text breaks, so the error step can say it in words', () => {
    const cases: Array<[string, string]> = [
      ['Til konto \u200f1234 \u200f5678\u200f', 'direction-marks'],
      ['Overførsel\u200b af 100 kr.', 'invisible-characters'],
      ['a\u2028b', 'control-characters'],
      ['a\n\n\nb', 'blank-lines'],
      ['', 'empty'],
    ];
    for (const [text, textProblem] of cases) {
      const next = transition(initialState(), {
        type: 'submit-user-id',
        userId: 'anna',
        config: { ...approve, transactionText: text },
      });
      assertIncludes(next, { step: 'error', code: 'invalid_transaction_text', textProblem });
    }
  });

  it('reports a missing client ID or nonce as a configuration error', () => {
    for (const config of [
      { ...login, nonce: '' },
      { ...login, nonce: 'too-short' },
      { ...login, clientId: '' },
    ]) {
      const next = transition(initialState(), { type: 'submit-user-id', userId: 'anna', config });
      assertIncludes(next, { step: 'error', code: 'missing_config', retryable: false });
    }
  });

  it('login: goes straight to the app, then follows the hints to done', () => {
    let state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created());
    assertIncludes(state, { step: 'app', busy: true, hint: 'method-required' });
    state = run(state, chosenApp);
    assertIncludes(state, { step: 'app', busy: false, hint: 'outstanding' });
    state = run(state, { type: 'qr-frame', frame: 'frame-1' }, status(3, { hint: 'qr-scanned', method: 'app' }));
    assertIncludes(state, { step: 'app', hint: 'qr-scanned', qr: 'frame-1' });
    state = run(state, status(4, { hint: 'user-signing' }), status(5, { status: 'complete', assertion: 'a.b.c' }));
    assert.deepEqual(state, { step: 'done', mode: 'login', method: 'app', assertion: 'a.b.c', userId: 'anna' });
  });

  it('ignores a status it has already seen (resumed streams may repeat)', () => {
    const state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    const again = run(state, status(2, { status: 'complete', assertion: 'x' }));
    assert.equal(again, state);
  });

  it('approve: shows the text (new lines normalized) before any method, then the app', () => {
    let state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: approve }, created('approve'));
    assert.equal(state.step, 'approve');
    if (state.step !== 'approve') throw new Error('unreachable');
    assert.equal(state.session.transactionText, 'Overførsel af 2.300 kr.\ntil konto 9978');
    state = transition(state, { type: 'continue-approval', device: 'same' });
    assertIncludes(state, { step: 'app', device: 'same', busy: true });
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
    assertIncludes(state, { step: 'code', method: 'code-display' });
    assertIncludes(transition(state, { type: 'submit-code', code: '12a' }), { problem: 'format', busy: false });
    assertIncludes(transition(state, { type: 'submit-code', code: '' }), { problem: 'empty' });
    state = run(state, { type: 'submit-code', code: '123 456' });
    assertIncludes(state, { busy: true, problem: null });
    state = run(state, { type: 'request-failed', code: 'wrong_code', attemptsLeft: 2 });
    assertIncludes(state, { step: 'code', problem: 'wrong', attemptsLeft: 2, busy: false });
    state = run(state, { type: 'submit-code', code: '123456' }, status(3, { hint: 'password-required' }));
    assertIncludes(state, { step: 'password', problem: null });
    state = run(
      state,
      { type: 'submit-password', password: 'hemmelig' },
      status(4, { status: 'complete', assertion: 'j' }),
    );
    assertIncludes(state, { step: 'done', assertion: 'j' });
  });

  it('a network blip while sending a code or password keeps the step, so the user can send again', () => {
    const code = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      status(2, { hint: 'code-required', method: 'code-display' }),
      { type: 'submit-code', code: '123456' },
    );
    assertIncludes(transition(code, { type: 'request-failed', code: 'network' }), {
      step: 'code',
      problem: 'unavailable',
      busy: false,
    });
    const password = run(code, status(3, { hint: 'password-required' }), { type: 'submit-password', password: 'x' });
    assertIncludes(transition(password, { type: 'request-failed', code: 'store_unavailable' }), {
      step: 'password',
      problem: 'unavailable',
    });
  });

  it('a network blip on a side call (more time, choosing a method) does not end the session', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    assert.equal(transition(app, { type: 'request-failed', code: 'network' }), app);
    const choosing = run(
      app,
      { type: 'show-methods' },
      { type: 'choose-method', method: 'code-display', device: 'cross' },
    );
    assertIncludes(transition(choosing, { type: 'request-failed', code: 'network' }), {
      step: 'method',
      busy: false,
    });
    const startingApp = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created());
    assertIncludes(transition(startingApp, { type: 'request-failed', code: 'network' }), {
      step: 'error',
      code: 'network',
    });
  });

  it('a wrong code keeps the tries left and the block that follows; the block ends the flow with no retry', () => {
    const state = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created('login', ['code-display']),
    );
    assert.equal(state.step, 'method');
    const coding = run(state, status(2, { hint: 'code-required', method: 'code-display' }), {
      type: 'submit-code',
      code: '000000',
    });
    const wrong = transition(coding, {
      type: 'request-failed',
      code: 'wrong_code',
      attemptsLeft: 1,
      blockSeconds: 900,
    });
    assertIncludes(wrong, { step: 'code', problem: 'wrong', attemptsLeft: 1 });
    assert.deepEqual(wrong.step === 'code' ? wrong.tries : null, { left: 1, blockSeconds: 900 });
    const until = Date.UTC(2026, 11, 2, 14, 35);
    const blocked = run(
      wrong,
      { type: 'submit-code', code: '111111' },
      {
        type: 'request-failed',
        code: 'factor_blocked',
        blockedUntil: until,
      },
    );
    assertIncludes(blocked, { step: 'error', code: 'blocked', retryable: false, blockedUntil: until });
    // A block until support has no end; a locked MitID, a block learnt from the stream and a replaced login alike
    // offer no retry.
    const forGood = transition(coding, { type: 'request-failed', code: 'factor_blocked' });
    assertIncludes(forGood, { step: 'error', code: 'blocked', retryable: false, blockedUntil: null });
    assertIncludes(transition(coding, { type: 'request-failed', code: 'locked' }), { step: 'error', retryable: false });
    assertIncludes(
      transition(
        coding,
        status(3, { status: 'failed', code: 'blocked', blocked_until: new Date(until).toISOString() }),
      ),
      {
        step: 'error',
        code: 'blocked',
        retryable: false,
        blockedUntil: until,
      },
    );
    assertIncludes(transition(coding, status(3, { status: 'failed', code: 'superseded' })), { retryable: false });
  });

  it('a code used a moment ago is its own problem and costs no try', () => {
    const coding = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created('login', ['code-display']),
      status(2, { hint: 'code-required', method: 'code-display' }),
      { type: 'submit-code', code: '123456' },
    );
    const used = transition(coding, { type: 'request-failed', code: 'code_used' });
    assertIncludes(used, { step: 'code', problem: 'used', busy: false, tries: null });
  });

  it('chip: the key first, then the password step; an unsupported browser is an error', () => {
    const state = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      status(2, { hint: 'chip-required', method: 'chip' }),
    );
    assertIncludes(state, { step: 'chip', phase: 'ready' });
    assertIncludes(transition(state, status(3, { hint: 'password-required' })), { step: 'password' });
    assertIncludes(transition(state, { type: 'chip-start' }), { phase: 'waiting' });
    assertIncludes(transition(state, { type: 'chip-failed', code: 'webauthn_unsupported' }), {
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
    assert.equal(leaving.step, 'method');
  });

  it('chip: a failed or cancelled key press offers the key again, with attempts left', () => {
    const chip = run(
      initialState(),
      { type: 'submit-user-id', userId: 'anna', config: login },
      created(),
      status(2, { hint: 'chip-required', method: 'chip' }),
      { type: 'chip-start' },
    );
    assertIncludes(transition(chip, { type: 'request-failed', code: 'webauthn_failed', attemptsLeft: 2 }), {
      step: 'chip',
      phase: 'ready',
      problem: 'failed',
      attemptsLeft: 2,
    });
    assertIncludes(transition(chip, { type: 'chip-failed', code: 'webauthn_cancelled' }), {
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
    assertIncludes(viaStream, { step: 'code', method: 'code-reader' });
    const viaAnswer = run(waiting, codeResponse, status(2, { hint: 'code-required' }));
    assertIncludes(viaAnswer, { step: 'code', method: 'code-reader' });
  });

  it('maps a broker failure to the error step and a CPR refusal back to the field', () => {
    const busy = transition(initialState(), { type: 'submit-user-id', userId: 'anna', config: login });
    assertIncludes(transition(busy, { type: 'request-failed', code: 'cpr_user_id' }), {
      step: 'user-id',
      problem: 'cpr',
      busy: false,
    });
    assertIncludes(transition(busy, { type: 'request-failed', code: 'network' }), {
      step: 'error',
      code: 'network',
    });
    const app = run(busy, created(), chosenApp);
    assertIncludes(run(app, status(3, { status: 'failed', code: 'rejected' })), { step: 'error', code: 'rejected' });
    assert.equal(transition(app, { type: 'request-failed', code: 'aborted' }), app);
  });

  it('expires by itself when the broker stays silent past the deadline', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    assert.equal(transition(app, { type: 'tick', now: Date.parse(expires) }), app);
    assertIncludes(transition(app, { type: 'tick', now: Date.parse(expires) + EXPIRY_GRACE_MS + 1 }), {
      step: 'error',
      code: 'expired',
    });
  });

  it('extends the deadline and counts extensions down; extend_limit leaves the step', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    const later = transition(app, { type: 'extended', expiresAt: Date.parse(expires) + 60_000, extensionsLeft: 1 });
    assert.equal(later.step === 'app' && later.session.extensionsLeft, 1);
    const none = transition(app, { type: 'request-failed', code: 'extend_limit' });
    assert.equal(none.step === 'app' && none.session.extensionsLeft, 0);
  });

  it('cancel goes back to the user ID with a notice; reset keeps the user ID', () => {
    const app = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: login }, created(), chosenApp);
    assertIncludes(transition(app, { type: 'cancelled' }), { step: 'user-id', userId: 'anna', notice: 'cancelled' });
    assertIncludes(transition(app, { type: 'reset' }), { step: 'user-id', userId: 'anna', notice: null });
  });

  it('a page configuration error is not retryable, a network error is', () => {
    assert.equal(isRetryable('origin_not_allowed'), false);
    assert.equal(isRetryable('network'), true);
    assert.equal(isRetryable('expired'), true);
  });
});
