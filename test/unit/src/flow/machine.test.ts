/**
 * The flow machine from the user ID to the end of a session: checks before any call, the app's hints, the approval
 * text, failures, expiry, more time and cancel. The steps of each method are in machine-methods.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EXPIRY_GRACE_MS, initialState, isRetryable, transition } from '../../../../src/flow/machine.js';
import { assertIncludes } from '../../support/assert-includes.js';
import type { FlowEvent } from '../../../../src/flow/machine.js';
import {
  approve,
  chooseApp,
  chosenApp,
  created,
  expires,
  login,
  run,
  status,
  submitted,
  waitingInApp,
} from './machine-fixtures.js';

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

  it('refuses a bad payment before any call, saying the rule and where; a good one goes on without the text rules', () => {
    const payment = {
      kind: 'payment' as const,
      amount: { value: '2300.00', currency: 'DKK' },
      payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
    };
    const submit = (transactionDetails: unknown) =>
      transition(initialState(), {
        type: 'submit-user-id',
        userId: 'anna',
        config: { ...approve, transactionText: '', transactionDetails: transactionDetails as typeof payment },
      });
    const refused = submit({ ...payment, amount: { value: '2300,00', currency: 'DKK' } });
    assertIncludes(refused, { step: 'error', code: 'invalid_transaction', retryable: false });
    assert.deepEqual((refused as { transactionProblem?: unknown }).transactionProblem, {
      reason: 'amount-format',
      path: 'amount',
    });
    // An empty transaction-text does not matter when the details are given.
    assertIncludes(submit(payment), { step: 'user-id', busy: true, problem: null });
  });

  it("keeps the broker's rendering and the details of a payment in the session", () => {
    const payment = {
      kind: 'payment' as const,
      amount: { value: '2300.00', currency: 'DKK' },
      payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
    };
    const waiting = transition(initialState(), {
      type: 'submit-user-id',
      userId: 'anna',
      config: { ...approve, transactionText: '', transactionDetails: payment },
    });
    const text = 'Transfer of DKK 2,300.00 to Jens Hansen, account 9978 000123456';
    const next = transition(waiting, {
      ...(created('approve') as Extract<FlowEvent, { type: 'session-created' }>),
      transactionText: text,
      transactionDetails: payment,
      transactionLang: 'en',
    });
    assert.equal(next.step, 'approve');
    if (next.step !== 'approve') return;
    assert.equal(next.session.transactionText, text);
    assert.deepEqual(next.session.transactionDetails, payment);
    assert.equal(next.session.transactionLang, 'en');
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

  it('login: the method list first; choosing the app follows the hints to done', () => {
    let state = run(initialState(), submitted(), created());
    assertIncludes(state, { step: 'method', busy: false });
    state = run(state, chooseApp);
    assertIncludes(state, { step: 'app', busy: true, hint: 'method-required' });
    state = run(state, chosenApp);
    assertIncludes(state, { step: 'app', busy: false, hint: 'outstanding' });
    state = run(state, { type: 'qr-frame', frame: 'frame-1' }, status(3, { hint: 'qr-scanned', method: 'app' }));
    assertIncludes(state, { step: 'app', hint: 'qr-scanned', qr: 'frame-1' });
    state = run(state, status(4, { hint: 'user-signing' }), status(5, { status: 'complete', assertion: 'a.b.c' }));
    assert.deepEqual(state, { step: 'done', mode: 'login', method: 'app', assertion: 'a.b.c', userId: 'anna' });
  });

  it('ignores a status it has already seen (resumed streams may repeat)', () => {
    const state = waitingInApp();
    const again = run(state, status(2, { status: 'complete', assertion: 'x' }));
    assert.equal(again, state);
  });

  it('approve: shows the text (new lines normalized) before any method, then the list, then the app', () => {
    let state = run(initialState(), { type: 'submit-user-id', userId: 'anna', config: approve }, created('approve'));
    assert.equal(state.step, 'approve');
    if (state.step !== 'approve') throw new Error('unreachable');
    assert.equal(state.session.transactionText, 'Overførsel af 2.300 kr.\ntil konto 9978');
    state = transition(state, { type: 'continue-approval', device: 'same' });
    assertIncludes(state, { step: 'method', busy: false });
    state = transition(state, { type: 'choose-method', method: 'app', device: 'same' });
    assertIncludes(state, { step: 'app', device: 'same', busy: true });
  });

  it('maps a broker failure to the error step and a CPR refusal back to the field', () => {
    const busy = transition(initialState(), submitted());
    assertIncludes(transition(busy, { type: 'request-failed', code: 'cpr_user_id' }), {
      step: 'user-id',
      problem: 'cpr',
      busy: false,
    });
    assertIncludes(transition(busy, { type: 'request-failed', code: 'network' }), {
      step: 'error',
      code: 'network',
    });
    const app = run(busy, created(), chooseApp, chosenApp);
    assertIncludes(run(app, status(3, { status: 'failed', code: 'rejected' })), { step: 'error', code: 'rejected' });
    assert.equal(transition(app, { type: 'request-failed', code: 'aborted' }), app);
  });

  it('expires by itself when the broker stays silent past the deadline', () => {
    const app = waitingInApp();
    assert.equal(transition(app, { type: 'tick', now: Date.parse(expires) }), app);
    assertIncludes(transition(app, { type: 'tick', now: Date.parse(expires) + EXPIRY_GRACE_MS + 1 }), {
      step: 'error',
      code: 'expired',
    });
  });

  it('extends the deadline and counts extensions down; extend_limit leaves the step', () => {
    const app = waitingInApp();
    const later = transition(app, { type: 'extended', expiresAt: Date.parse(expires) + 60_000, extensionsLeft: 1 });
    assert.equal(later.step === 'app' && later.session.extensionsLeft, 1);
    const none = transition(app, { type: 'request-failed', code: 'extend_limit' });
    assert.equal(none.step === 'app' && none.session.extensionsLeft, 0);
  });

  it('cancel goes back to the user ID with a notice; reset keeps the user ID', () => {
    const app = waitingInApp();
    assertIncludes(transition(app, { type: 'cancelled' }), { step: 'user-id', userId: 'anna', notice: 'cancelled' });
    assertIncludes(transition(app, { type: 'reset' }), { step: 'user-id', userId: 'anna', notice: null });
  });

  it('a page configuration error is not retryable, a network error is', () => {
    assert.equal(isRetryable('origin_not_allowed'), false);
    assert.equal(isRetryable('network'), true);
    assert.equal(isRetryable('expired'), true);
  });
});
