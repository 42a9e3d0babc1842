/**
 * The flow machine's start from a login hint (issue 20): approve mode only, the page's set-up checked first, no user
 * ID kept anywhere in the flow, and a refusal that ends at the error step of an approval, with a way on.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, isRetryable, transition } from '../../../../src/flow/machine.js';
import { FlowRunner, type RunConfig } from '../../../../src/flow/runner.js';
import { FakeClock, ScriptedTransport, settle } from '../../../../testing/index.js';
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

function runner(transport: ScriptedTransport, clock: FakeClock): FlowRunner {
  return new FlowRunner({
    transport: () => transport,
    webauthn: () => Promise.reject(new Error('no WebAuthn here')),
    clock,
    onChange: () => undefined,
  });
}

function hintConfig(remembered: RunConfig['remembered'] = null): RunConfig {
  return { ...hinted, device: 'cross', remembered };
}

describe('the runner: an approval from the login hint (scripted broker)', () => {
  it('sends the hint and no user ID; the text first, then the list when nothing is remembered', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.startWithHint(hintConfig());
    await settle();
    assert.equal(flow.state.step, 'approve');
    const request = transport.calledWith('createSession')[0]!.args[0] as Record<string, unknown>;
    assert.deepEqual(Object.keys(request).sort(), ['client_id', 'login_hint', 'mode', 'nonce', 'transaction']);
    assert.equal(request.login_hint, 'h1.sealed');
    await flow.continueApproval('cross');
    assertIncludes(flow.state, { step: 'method', busy: false });
    assert.equal(transport.calledWith('chooseMethod').length, 0);
    flow.dispose();
  });

  it('a method remembered on this device starts after the text (the hint names no user ID to compare)', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.startWithHint(hintConfig({ userId: 'anna', method: 'code-reader' }));
    await settle();
    await flow.continueApproval('cross');
    await settle();
    assertIncludes(flow.state, { step: 'code', method: 'code-reader' });
    flow.dispose();
  });

  it('"try again" after a failed approval starts it again from the hint, still without a user ID', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [], createError: 'rate_limited' });
    const flow = runner(transport, clock);
    await flow.startWithHint(hintConfig());
    await settle();
    assertIncludes(flow.state, { step: 'error', code: 'rate_limited', mode: 'approve' });
    await flow.retry();
    await settle();
    const calls = transport.calledWith('createSession').map((call) => call.args[0] as Record<string, unknown>);
    assert.equal(calls.length, 2);
    assert.equal(calls[1]!.login_hint, 'h1.sealed');
    assert.equal('user_id' in calls[1]!, false);
    flow.dispose();
  });

  it('without a hint, startWithHint does nothing', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.startWithHint({ ...approve, device: 'cross' });
    assert.equal(transport.calledWith('createSession').length, 0);
    assert.equal(flow.state.step, 'user-id');
  });
});
