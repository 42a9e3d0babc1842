/**
 * The flow machine's start from a login hint (issue 20): approve mode only, the page's set-up checked first, no user
 * ID kept anywhere in the flow, and a refusal that ends at the error step of an approval, with a way on.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, isRetryable, transition } from '../../../../src/flow/machine.js';
import { assertIncludes } from '../../support/assert-includes.js';
import { approve, created, login, run } from './machine-fixtures.js';

const hinted = { ...approve, loginHint: 'h1.sealed' };

describe('flow machine: an approval from the login hint', () => {
  it('starts busy without a user ID, then shows the text to approve', () => {
    const starting = transition(initialState(), { type: 'start-with-hint', config: hinted });
    assertIncludes(starting, { step: 'user-id', userId: '', busy: true, hinted: true, problem: null });
    const next = run(starting, created('approve'));
    assert.equal(next.step, 'approve');
    assert.equal('session' in next ? next.session.userId : null, '', 'the flow never learns whom the hint names');
  });

  it('is not a way to log in, and does nothing while a session is starting', () => {
    assert.equal(transition(initialState(), { type: 'start-with-hint', config: login }).step, 'user-id');
    assertIncludes(transition(initialState(), { type: 'start-with-hint', config: login }), { busy: false });
    const busy = transition(initialState(), { type: 'submit-user-id', userId: 'anna', config: approve });
    assert.equal(transition(busy, { type: 'start-with-hint', config: hinted }), busy);
  });

  it('checks the page set-up and the text before any call, as the user-ID start does', () => {
    assertIncludes(transition(initialState(), { type: 'start-with-hint', config: { ...hinted, nonce: 'short' } }), {
      step: 'error',
      code: 'missing_config',
      retryable: false,
    });
    assertIncludes(
      transition(initialState(), { type: 'start-with-hint', config: { ...hinted, transactionText: 'a\u202Eb' } }),
      { step: 'error', code: 'invalid_transaction_text', mode: 'approve' },
    );
  });

  it('a refused hint is an approval error the user can go on from', () => {
    for (const code of ['invalid_login_hint', 'login_hint_expired', 'login_hint_client'] as const) {
      const refused = run(
        initialState(),
        { type: 'start-with-hint', config: hinted },
        { type: 'request-failed', code },
      );
      assertIncludes(refused, { step: 'error', code, mode: 'approve', userId: '', retryable: true });
      assert.ok(isRetryable(code));
      assertIncludes(transition(refused, { type: 'reset' }), { step: 'user-id', userId: '', busy: false });
    }
  });
});
