/**
 * The method list as the browser can use it: the chip only where there is WebAuthn (src/flow/usable-methods.ts), and
 * what the machine does when nothing is left; how the app paired, as the broker says it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { METHODS } from '../../../../protocol/page-api.js';
import { usableMethods } from '../../../../src/flow/usable-methods.js';
import { initialState, transition, type StartConfig } from '../../../../src/flow/machine.js';
import { assertIncludes } from '../../support/assert-includes.js';
import { approve, chooseApp, chosenApp, created, login, run, status } from './machine-fixtures.js';

describe('usable methods', () => {
  it('leaves the chip out only where the browser has no WebAuthn, keeping the broker order', () => {
    assert.deepEqual(usableMethods(METHODS, { webauthn: false }), ['app', 'code-display', 'code-reader']);
    assert.deepEqual(usableMethods(METHODS, { webauthn: true }), [...METHODS]);
    assert.deepEqual(usableMethods(METHODS, {}), [...METHODS], 'not known: as the broker offers');
    assert.deepEqual(usableMethods(['chip'], { webauthn: false }), []);
  });

  it('returns a new list (the broker answer is not changed)', () => {
    const offered = ['chip', 'app'] as const;
    const usable = usableMethods(offered, { webauthn: true });
    assert.notEqual(usable, offered);
  });
});

describe('the machine with nothing usable left', () => {
  const submit = (config: StartConfig) =>
    transition(initialState(), { type: 'submit-user-id', userId: 'anna', config });

  it('a login: the webauthn_unsupported error at once, not an empty list, and no retry offered', () => {
    const state = run(submit(login), created('login', []));
    assertIncludes(state, {
      step: 'error',
      code: 'webauthn_unsupported',
      retryable: false,
      userId: 'anna',
      mode: 'login',
    });
  });

  it('an approval: »Godkend følgende?« first, then the error, in the approval wording', () => {
    const shown = run(submit(approve), created('approve', []));
    assert.equal(shown.step, 'approve');
    const state = run(shown, { type: 'continue-approval', device: 'cross' });
    assertIncludes(state, { step: 'error', code: 'webauthn_unsupported', mode: 'approve' });
  });

  it('the app pairing: qr-scanned carries how the app paired into the app step', () => {
    const app = run(submit(login), created(), chooseApp, chosenApp);
    assertIncludes(run(app, status(3, { hint: 'qr-scanned', paired_by: 'code' })), {
      hint: 'qr-scanned',
      pairedBy: 'code',
    });
    assertIncludes(run(app, status(3, { hint: 'qr-scanned' })), { hint: 'qr-scanned', pairedBy: undefined });
  });
});
