/**
 * The first method: the list shows first and nothing starts before the user chooses, unless a method is remembered
 * on this device for the user ID just sent; then it starts at once (login, and approval after "Approve the
 * following?"), and the list stays one click away. The machine alone, then the runner against the scripted broker.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, transition, type FlowState } from '../../../../src/flow/machine.js';
import { FlowRunner, type RunConfig } from '../../../../src/flow/runner.js';
import { ScriptedTransport, FakeClock, settle } from '../../../../testing/index.js';
import type { Method } from '../../../../protocol/page-api.js';
import { assertIncludes } from '../../support/assert-includes.js';
import { approve, created, expires, login, run } from './machine-fixtures.js';

const ALL: Method[] = ['app', 'code-display', 'code-reader', 'chip'];
const sent = { type: 'submit-user-id', userId: 'anna', config: login } as const;

describe('the first method (machine)', () => {
  it('with nothing remembered the list shows, not busy, with exactly the methods the broker offers', () => {
    for (const methods of [ALL, ['code-display', 'chip'], ['app']]) {
      const state = run(initialState(), sent, created('login', methods));
      assertIncludes(state, { step: 'method', busy: false });
      assert.equal(state.step === 'method' && state.starting, undefined);
      assert.deepEqual(state.step === 'method' && state.session.methods, methods);
    }
  });

  it('a remembered app starts at once; any other remembered method is asked for at once from the list', () => {
    assertIncludes(run(initialState(), sent, created('login', ALL, 'app')), {
      step: 'app',
      busy: true,
      hint: 'method-required',
    });
    for (const method of ['code-display', 'code-reader', 'chip'] as const) {
      assertIncludes(run(initialState(), sent, created('login', ALL, method)), {
        step: 'method',
        busy: true,
        starting: method,
      });
    }
  });

  it('a remembered method the broker no longer offers (or a made-up one) is ignored: the list shows', () => {
    for (const preferred of ['chip', 'telepathy']) {
      const state = run(initialState(), sent, created('login', ['app', 'code-display'], preferred));
      assertIncludes(state, { step: 'method', busy: false });
      assert.equal(state.step === 'method' && state.session.preferredMethod, null);
    }
  });

  it('approval: "Approve the following?" first, the remembered method after it, the list when none', () => {
    const asked = { type: 'submit-user-id', userId: 'anna', config: approve } as const;
    const remembered = run(initialState(), asked, created('approve', ALL, 'code-reader'));
    assert.equal(remembered.step, 'approve');
    assertIncludes(transition(remembered, { type: 'continue-approval', device: 'cross' }), {
      step: 'method',
      busy: true,
      starting: 'code-reader',
    });
    const none = run(initialState(), asked, created('approve'));
    assertIncludes(transition(none, { type: 'continue-approval', device: 'cross' }), { step: 'method', busy: false });
  });

  it('the remembered method is only a preference: "Choose another method" shows the whole list', () => {
    const code = run(initialState(), sent, created('login', ALL, 'code-reader'), {
      type: 'method-chosen',
      method: 'code-reader',
      device: 'cross',
      response: {
        status: { seq: 2, status: 'pending', hint: 'code-required', expires_at: expires, extensions_left: 2 },
      },
    });
    assertIncludes(code, { step: 'code', method: 'code-reader' });
    const list = transition(code, { type: 'show-methods' });
    assertIncludes(list, { step: 'method', busy: false });
    assert.deepEqual(list.step === 'method' && list.session.methods, ALL);
  });

  it('a network blip while the remembered method starts leaves the list, ready to choose again', () => {
    const starting = run(initialState(), sent, created('login', ALL, 'chip'));
    const after = transition(starting, { type: 'request-failed', code: 'network' });
    assert.deepEqual(after, {
      step: 'method',
      session: (starting as Extract<FlowState, { step: 'method' }>).session,
      busy: false,
    });
  });
});

function runner(transport: ScriptedTransport, clock: FakeClock) {
  const flow = new FlowRunner({
    transport: () => transport,
    webauthn: () => Promise.reject(new Error('no WebAuthn here')),
    clock,
    onChange: () => undefined,
  });
  return flow;
}

function config(remembered: RunConfig['remembered']): RunConfig {
  return { ...login, device: 'cross', remembered };
}

describe('the first method (runner, scripted broker)', () => {
  it('nothing remembered: no method is asked for until the user chooses one', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.submitUserId('anna', config(null));
    await settle();
    assert.equal(flow.state.step, 'method');
    assert.equal(transport.calledWith('chooseMethod').length, 0);
    await flow.chooseMethod('code-display', 'cross');
    assert.deepEqual(
      transport.calledWith('chooseMethod').map((call) => call.args[0]),
      [{ method: 'code-display' }],
    );
    assert.equal(flow.state.step, 'code');
    flow.dispose();
  });

  it('remembered for this user ID: that method is asked for at once, with the same call a click makes', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.submitUserId(' anna ', config({ userId: 'anna', method: 'code-reader' }));
    await settle();
    assertIncludes(flow.state, { step: 'code', method: 'code-reader' });
    assert.deepEqual(
      transport.calledWith('chooseMethod').map((call) => call.args[0]),
      [{ method: 'code-reader' }],
    );
    // The broker is told nothing about remembering: the session request is the one any login sends.
    assert.deepEqual(Object.keys(transport.calledWith('createSession')[0]!.args[0] as object).sort(), [
      'client_id',
      'mode',
      'nonce',
      'user_id',
    ]);
    flow.dispose();
  });

  it('remembered for another user ID (someone else on a shared computer): the list, nothing started', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.submitUserId('bent', config({ userId: 'anna', method: 'app' }));
    await settle();
    assertIncludes(flow.state, { step: 'method', busy: false });
    assert.equal(transport.calledWith('chooseMethod').length, 0);
    flow.dispose();
  });

  it('a remembered app starts the app at once, as before', async () => {
    const clock = new FakeClock();
    const transport = new ScriptedTransport({ clock, app: [] });
    const flow = runner(transport, clock);
    await flow.submitUserId('anna', config({ userId: 'anna', method: 'app' }));
    await settle();
    assertIncludes(flow.state, { step: 'app', busy: false, hint: 'outstanding' });
    assert.deepEqual(
      transport.calledWith('chooseMethod').map((call) => call.args[0]),
      [{ method: 'app', device: 'cross' }],
    );
    flow.dispose();
  });
});
