/**
 * The flow machine through each method's steps: a code (wrong, used, blocked) and the password after it, the chip
 * key, network blips while sending, and leaving or outrunning the choice of a method.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, transition, type FlowEvent } from '../../../../src/flow/machine.js';
import { assertIncludes } from '../../support/assert-includes.js';
import { chosenApp, created, expires, run, status, submitted, waitingInApp } from './machine-fixtures.js';

describe('flow machine (pure, no DOM)', () => {
  it('code display: wrong code keeps the step with attempts left, then password, then done', () => {
    let state = run(
      initialState(),
      submitted(),
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
      submitted(),
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

  it('a busy broker (broker_busy: too many password checks) keeps the password step, so the user can send again', () => {
    const password = run(
      initialState(),
      submitted(),
      created(),
      status(2, { hint: 'password-required', method: 'code-display' }),
      { type: 'submit-password', password: 'x' },
    );
    assertIncludes(transition(password, { type: 'request-failed', code: 'broker_busy' }), {
      step: 'password',
      problem: 'unavailable',
      busy: false,
    });
  });

  it('a network blip on a side call (more time, choosing a method) does not end the session', () => {
    const app = waitingInApp();
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
    const startingApp = run(initialState(), submitted(), created('login', undefined, 'app'));
    assertIncludes(transition(startingApp, { type: 'request-failed', code: 'network' }), {
      step: 'error',
      code: 'network',
    });
  });

  it('a wrong code keeps the tries left and the block that follows; the block ends the flow with no retry', () => {
    const state = run(initialState(), submitted(), created('login', ['code-display']));
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
      submitted(),
      created('login', ['code-display']),
      status(2, { hint: 'code-required', method: 'code-display' }),
      { type: 'submit-code', code: '123456' },
    );
    const used = transition(coding, { type: 'request-failed', code: 'code_used' });
    assertIncludes(used, { step: 'code', problem: 'used', busy: false, tries: null });
  });

  it('chip: the key first, then the password step; an unsupported browser is an error', () => {
    const state = run(initialState(), submitted(), created(), status(2, { hint: 'chip-required', method: 'chip' }));
    assertIncludes(state, { step: 'chip', phase: 'ready' });
    assertIncludes(transition(state, status(3, { hint: 'password-required' })), { step: 'password' });
    assertIncludes(transition(state, { type: 'chip-start' }), { phase: 'waiting' });
    assertIncludes(transition(state, { type: 'chip-failed', code: 'webauthn_unsupported' }), {
      step: 'error',
      code: 'webauthn_unsupported',
    });
  });

  it('stays on the method list when the user leaves the app while it is being chosen', () => {
    const leaving = run(initialState(), submitted(), created(), { type: 'show-methods' }, chosenApp);
    assert.equal(leaving.step, 'method');
  });

  it('chip: a failed or cancelled key press offers the key again, with attempts left', () => {
    const chip = run(initialState(), submitted(), created(), status(2, { hint: 'chip-required', method: 'chip' }), {
      type: 'chip-start',
    });
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
      submitted(),
      created(),
      { type: 'show-methods' },
      { type: 'choose-method', method: 'code-reader', device: 'cross' },
    );
    const viaStream = run(waiting, status(2, { hint: 'code-required' }), codeResponse);
    assertIncludes(viaStream, { step: 'code', method: 'code-reader' });
    const viaAnswer = run(waiting, codeResponse, status(2, { hint: 'code-required' }));
    assertIncludes(viaAnswer, { step: 'code', method: 'code-reader' });
  });
});
