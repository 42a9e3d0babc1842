/**
 * Racing and replay (issue 10, items 3 and 4), with the broker's defaults.
 *
 * Racing: a fraudster who starts an app login for the victim's user ID while the victim waits for theirs (hoping the
 * victim approves the wrong one) stops both with `parallel-session`, whichever starts first, from whichever client;
 * the app never lists two pending requests for one user.
 *
 * Replay: a used assertion (`jti`) is refused by the verifier; a finished session's token opens nothing that could
 * change it; stale, reused and foreign QR frames are refused; and a device's approval signature is accepted once,
 * for one request only. (test/server/login-app.test.ts and verify.test.ts show single cases of some of these; this
 * file gathers every replay path in one place.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { QrFrameResponse, SessionStatusEvent } from '../../../protocol/page-api.js';
import type { AppRequest } from '../../../protocol/app-api.js';
import { AssertionError, MemoryReplayStore, verifyAssertion } from '../../../verify/index.js';
import type { AppDevice } from '../../../testing/node/index.js';
import { activateByLetter } from '../support/identity.js';
import {
  BANK_ORIGIN,
  identity,
  loginByCode,
  NONCE,
  PUBLIC_URL,
  startBroker,
  type TestBroker,
} from '../support/broker.js';

const anna = identity('anna.app');

async function appSession(broker: TestBroker, userId = anna.userId, clientId = 'netbank') {
  const session = await broker.createSession({ user_id: userId, client_id: clientId });
  const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app' });
  return { session, status: chosen.json<{ status: SessionStatusEvent }>().status };
}

async function frameOf(broker: TestBroker, id: string, token: string): Promise<string> {
  return (await broker.call('GET', `/v1/sessions/${id}/qr`, token)).json<QrFrameResponse>().frame;
}

describe('hardening: racing (defaults: parallelAppRequests = stop-both)', () => {
  let broker: TestBroker;
  let phone: AppDevice;
  before(async () => {
    broker = await startBroker();
    phone = await activateByLetter(broker, anna.userId, 'Test phone');
  });
  after(() => broker.close());

  it('once the app has seen a request, a second one for the same user ID stops both, with a stable code', async () => {
    const { session: victim } = await appSession(broker);
    (await phone.scan(await frameOf(broker, victim.id, victim.token))).ok();
    assert.equal((await phone.requests()).length, 1);
    // The fraudster types the victim's user ID, differently cased, at another relying party.
    const { session: fraud, status } = await appSession(broker, ' ANNA.app ', 'kommune');
    assert.deepEqual([status.status, status.code], ['failed', 'parallel-session']);
    assert.equal((await broker.status(victim.id, victim.token)).code, 'parallel-session');
    assert.equal((await broker.status(fraud.id, fraud.token)).code, 'parallel-session');
    assert.deepEqual(await phone.requests(), [], 'the app shows neither');
  });

  it('and the victim cannot go on approving the stopped request', async () => {
    const { session: victim } = await appSession(broker);
    const request = (await phone.scan(await frameOf(broker, victim.id, victim.token))).json<AppRequest>();
    await appSession(broker);
    const opened = await phone.open(request.request_id);
    assert.equal(opened.json<{ error: { code: string } }>().error.code, 'session_finished');
    assert.equal(
      (await phone.decide(request, 'approve')).json<{ error: { code: string } }>().error.code,
      'session_finished',
    );
  });

  it('in a race of 20 starts that the app scans as they come, it never holds two requests, and each start after a seen one stops both', async () => {
    let maxListed = 0;
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 20; i += 1) {
      const { session, status } = await appSession(
        broker,
        i % 3 ? anna.userId : 'Anna.App',
        i % 2 ? 'kommune' : 'netbank',
      );
      const key = status.status === 'failed' ? String(status.code) : String(status.hint);
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (status.status === 'pending') (await phone.scan(await frameOf(broker, session.id, session.token))).ok();
      maxListed = Math.max(maxListed, (await phone.requests()).length);
    }
    assert.equal(maxListed, 1);
    // Starts alternate: one waits (and is scanned), the next stops it and itself.
    assert.deepEqual(Object.fromEntries(outcomes), { outstanding: 10, 'parallel-session': 10 });
  });

  it('requests no app has seen stop nothing, for an unknown user ID exactly as for a known one (no enumeration)', async () => {
    for (const userId of ['nobody.known', 'eva.flere']) {
      const first = await appSession(broker, userId);
      const second = await appSession(broker, userId);
      assert.deepEqual(
        [first.status.hint, second.status.hint, (await broker.status(first.session.id, first.session.token)).hint],
        ['outstanding', 'outstanding', 'outstanding'],
        userId,
      );
    }
  });

  it('a code or chip login beside a pending app login is no race', async () => {
    const { session } = await appSession(broker);
    const code = await broker.createSession({ user_id: anna.userId });
    await broker.call('POST', `/v1/sessions/${code.id}/method`, code.token, { method: 'code-display' });
    assert.equal((await broker.status(session.id, session.token)).hint, 'outstanding');
    await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
  });

  it('a finished app login does not stop the next one', async () => {
    const { session } = await appSession(broker);
    await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    const { status } = await appSession(broker);
    assert.equal(status.hint, 'outstanding');
  });
});

describe('hardening: replay', () => {
  let broker: TestBroker;
  let phone: AppDevice;
  before(async () => {
    broker = await startBroker();
    phone = await activateByLetter(broker, anna.userId, 'Test phone');
  });
  after(() => broker.close());

  it('a used assertion (same jti) is refused by verifyAssertion with replayed', async () => {
    const { status } = await loginByCode(broker);
    const expectations = {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwks: broker.app.broker.keys.jwks(),
      replayStore: new MemoryReplayStore(() => broker.clock.now()),
      currentDate: new Date(broker.clock.now()),
    };
    await verifyAssertion(status.assertion ?? '', expectations);
    await assert.rejects(verifyAssertion(status.assertion ?? '', expectations), (error: unknown) => {
      assert.ok(error instanceof AssertionError);
      assert.equal(error.code, 'replayed');
      return true;
    });
  });

  it("a finished session's token changes nothing: every step answers session_finished, then session_not_found", async () => {
    const { session, status } = await loginByCode(broker);
    assert.equal(status.status, 'complete');
    const url = `/v1/sessions/${session.id}`;
    const calls: Array<[string, string, unknown?]> = [
      ['POST', `${url}/method`, { method: 'app' }],
      ['POST', `${url}/code`, { code: '123456' }],
      ['POST', `${url}/password`, { password: 'x' }],
      ['POST', `${url}/webauthn/options`],
      ['POST', `${url}/extend`],
      ['POST', `${url}/cancel`],
      ['GET', `${url}/qr`],
    ];
    for (const [method, path, body] of calls) {
      const response = await broker.call(method as 'GET' | 'POST', path, session.token, body);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'session_finished', path);
    }
    // Reading the final status again gives the same assertion, never a new one.
    assert.equal((await broker.status(session.id, session.token)).assertion, status.assertion);
    broker.clock.advance(broker.app.broker.settings.finishedRetentionMs + 1);
    await broker.app.broker.sessions.sweep();
    const gone = await broker.call('GET', url, session.token);
    assert.equal(gone.json<{ error: { code: string } }>().error.code, 'session_not_found');
  });

  it('QR frames: a stale one, a reused one, an older one after a newer, and one of an ended session are refused', async () => {
    const { session } = await appSession(broker);
    const first = await frameOf(broker, session.id, session.token);
    broker.clock.advance(broker.app.broker.settings.qrMaxAgeMs + 1000);
    assert.equal((await phone.scan(first)).json<{ error: { code: string } }>().error.code, 'qr_expired', 'stale');
    const fresh = await frameOf(broker, session.id, session.token);
    broker.clock.advance(1000);
    const newer = await frameOf(broker, session.id, session.token);
    assert.equal((await phone.scan(newer)).status, 200);
    assert.equal((await phone.scan(newer)).json<{ error: { code: string } }>().error.code, 'qr_expired', 'reused');
    assert.equal((await phone.scan(fresh)).json<{ error: { code: string } }>().error.code, 'qr_expired', 'older');
    await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    broker.clock.advance(1000);
    assert.equal((await phone.scan(newer)).json<{ error: { code: string } }>().error.code, 'qr_expired', 'ended');
    // A frame of an ended session does not open the next session of the same user either.
    const { session: next } = await appSession(broker);
    assert.equal((await phone.scan(newer)).json<{ error: { code: string } }>().error.code, 'qr_expired');
    assert.equal((await broker.status(next.id, next.token)).hint, 'outstanding');
    await broker.call('POST', `/v1/sessions/${next.id}/cancel`, next.token);
  });

  it('an approval signature is accepted once, and never for another request, decision or session', async () => {
    const { session: first } = await appSession(broker);
    const request = (await phone.scan(await frameOf(broker, first.id, first.token))).json<AppRequest>();
    await phone.open(request.request_id);
    const signature = phone.signature(request, 'approve');
    assert.equal((await phone.decide(request, 'approve', signature)).status, 200);
    const again = await phone.decide(request, 'approve', signature);
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'session_finished', 'the same request again');

    // The next session of the same user: the old signature (another request id and challenge) is refused.
    const { session: second } = await appSession(broker);
    const next = (await phone.scan(await frameOf(broker, second.id, second.token))).json<AppRequest>();
    await phone.open(next.request_id);
    const replayed = await phone.decide(next, 'approve', signature);
    assert.equal(replayed.json<{ error: { code: string } }>().error.code, 'invalid_signature');
    const flipped = await phone.decide(next, 'reject', phone.signature(next, 'approve'));
    assert.equal(flipped.json<{ error: { code: string } }>().error.code, 'invalid_signature', 'another decision');
    assert.equal((await broker.status(second.id, second.token)).status, 'pending');
    assert.equal((await phone.decide(next, 'approve')).status, 200);
  });
});
