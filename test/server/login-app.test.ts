import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { QrFrameResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import type { AppNotification, AppRequest } from '../../protocol/app-api.js';
import type { AppDevice } from '../../testing/node/index.js';
import { activateByLetter, newLetter } from './support/identity.js';
import { identity, PUBLIC_URL, startBroker, type TestBroker } from './support/broker.js';

async function appSession(broker: TestBroker, userId = 'anna.app', extra: object = {}, device?: 'same' | 'cross') {
  const session = await broker.createSession({ user_id: userId, ...extra });
  const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
    method: 'app',
    ...(device ? { device } : {}),
  });
  assert.equal(chosen.statusCode, 200, chosen.body);
  return { session, chosen: chosen.json<{ status: SessionStatusEvent; app_link?: string }>() };
}

/** The request id of a session's app step, as the broker keeps it (the app itself learns it from the QR code). */
async function requestIdOf(broker: TestBroker, sessionId: string): Promise<string> {
  const requestId = (await broker.app.broker.store.get(sessionId))?.app?.requestId;
  assert.ok(requestId);
  return requestId;
}

async function frameOf(broker: TestBroker, id: string, token: string): Promise<QrFrameResponse> {
  const response = await broker.call('GET', `/v1/sessions/${id}/qr`, token);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<QrFrameResponse>();
}

describe('login by the MitID app', () => {
  let broker: TestBroker;
  let phone: AppDevice;
  before(async () => {
    // These tests leave requests pending side by side; parallel requests are the subject of the block below.
    broker = await startBroker({ settings: { parallelAppRequests: 'allow' } });
    const anna = identity('anna.app');
    phone = await activateByLetter(broker, anna.userId, 'Annas telefon');
  });
  after(() => broker.close());

  it('records a notification when the app is activated on a new device', async () => {
    const notices = (await phone.call('GET', '/v1/app/notifications')).json<{ notifications: AppNotification[] }>();
    assert.equal(notices.notifications[0]?.kind, 'device-activated');
    assert.equal(notices.notifications[0]?.device_name, 'Annas telefon');
  });

  it('cross-device: QR frames, scan, open, approve → assertion', async () => {
    const { session, chosen } = await appSession(broker);
    assert.equal(chosen.status.hint, 'outstanding');
    assert.equal(chosen.app_link, undefined);
    const first = await frameOf(broker, session.id, session.token);
    assert.equal(first.seq, 0);
    assert.equal(first.refresh_ms, 1000);
    broker.clock.advance(1000);
    const second = await frameOf(broker, session.id, session.token);
    assert.equal(second.seq, 1);
    assert.notEqual(second.frame, first.frame, 'a new frame every second');

    assert.deepEqual(await phone.requests(), [], 'the app learns of a request only from its QR code');
    // Opening before a scan is refused.
    const early = await phone.open(await requestIdOf(broker, session.id));
    assert.equal(early.status, 409);
    assert.equal(early.errorCode(), 'wrong_step');

    const scanned = await phone.scan(second.frame);
    assert.equal(scanned.status, 200, scanned.text);
    const scannedStatus = await broker.status(session.id, session.token);
    assert.equal(scannedStatus.hint, 'qr-scanned');
    assert.equal(scannedStatus.paired_by, 'scan');
    const [listed] = await phone.requests();
    assert.ok(listed, 'listed once scanned');
    assert.equal(listed.client_name, 'Netbank A/S');
    assert.equal(listed.needs_qr, true);
    assert.equal(listed.qr_scanned, true);
    const opened = (await phone.open(listed.request_id)).json<AppRequest>();
    assert.equal((await broker.status(session.id, session.token)).hint, 'user-signing');
    const decided = await phone.decide(opened, 'approve');
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.json<SessionStatusEvent>().assertion, undefined, 'the app never sees the assertion');
    const status = await broker.status(session.id, session.token);
    assert.equal(status.status, 'complete');
    const claims = decodeJwt(status.assertion ?? '');
    assert.equal(claims.method, 'app');
    assert.deepEqual(claims.amr, ['swk', 'mfa']);
    assert.equal(claims.iss, PUBLIC_URL);
    assert.equal((await phone.requests()).length, 0);
  });

  it('refuses forged, stale and reused QR frames', async () => {
    const { session } = await appSession(broker);
    const { frame } = await frameOf(broker, session.id, session.token);
    const forged = frame.slice(0, -2) + (frame.endsWith('AA') ? 'BB' : 'AA');
    assert.equal((await phone.scan(forged)).errorCode(), 'qr_invalid');
    assert.equal((await phone.scan('https://evil.example/')).errorCode(), 'qr_invalid');
    broker.clock.advance(6000);
    const stale = await phone.scan(frame);
    assert.equal(stale.errorCode(), 'qr_expired');
    const fresh = await frameOf(broker, session.id, session.token);
    assert.equal((await phone.scan(fresh.frame)).status, 200);
    const reused = await phone.scan(fresh.frame);
    assert.equal(reused.errorCode(), 'qr_expired', 'a frame is accepted once');
  });

  it('a device of another identity cannot scan, open or approve', async () => {
    const eva = identity('eva.flere');
    const stranger = await activateByLetter(broker, eva.userId, 'Test phone');
    const { session } = await appSession(broker);
    const { frame } = await frameOf(broker, session.id, session.token);
    assert.equal((await stranger.scan(frame)).errorCode(), 'invalid_device');
    assert.equal((await stranger.open(await requestIdOf(broker, session.id))).errorCode(), 'not_found');
    assert.equal((await stranger.requests()).length, 0);
  });

  it('reject in the app fails the session with rejected', async () => {
    const { session } = await appSession(broker);
    const { frame } = await frameOf(broker, session.id, session.token);
    const request = (await phone.scan(frame)).json<AppRequest>();
    await phone.open(request.request_id);
    assert.equal((await phone.decide(request, 'reject')).status, 200);
    const status = await broker.status(session.id, session.token);
    assert.equal(status.status, 'failed');
    assert.equal(status.code, 'rejected');
  });

  it('a signature over another decision, request or challenge is refused', async () => {
    const { session } = await appSession(broker);
    const { frame } = await frameOf(broker, session.id, session.token);
    const request = (await phone.scan(frame)).json<AppRequest>();
    await phone.open(request.request_id);
    const rejectSignature = phone.signature(request, 'reject');
    assert.equal((await phone.decide(request, 'approve', rejectSignature)).errorCode(), 'invalid_signature');
    const otherChallenge = phone.signature({ ...request, challenge: 'x'.repeat(43) }, 'approve');
    assert.equal((await phone.decide(request, 'approve', otherChallenge)).errorCode(), 'invalid_signature');
    assert.equal((await phone.decide(request, 'approve', 'not-a-signature')).errorCode(), 'invalid_signature');
    assert.equal((await broker.status(session.id, session.token)).status, 'pending');
    // The right signature still works, once; replaying it is refused.
    const signature = phone.signature(request, 'approve');
    assert.equal((await phone.decide(request, 'approve', signature)).status, 200);
    const replay = await phone.decide(request, 'approve', signature);
    assert.equal(replay.errorCode(), 'session_finished');
  });

  it('same device: an app link without user ID or token, and no scan needed', async () => {
    const { session, chosen } = await appSession(broker, 'anna.app', {}, 'same');
    const requestId = await requestIdOf(broker, session.id);
    assert.match(chosen.app_link ?? '', new RegExp(`^${PUBLIC_URL}/app/#request=${requestId}&secret=[\\w-]{43}$`));
    assert.ok(!chosen.app_link?.includes('anna'));
    assert.ok(!chosen.app_link?.includes(session.token));
    const qr = await broker.call('GET', `/v1/sessions/${session.id}/qr`, session.token);
    assert.equal(qr.json().error.code, 'wrong_step');
    const opened = (await phone.openLink(chosen.app_link ?? '')).json<AppRequest>();
    assert.equal(opened.needs_qr, false);
    assert.equal((await phone.decide(opened, 'approve')).status, 200);
    assert.equal((await broker.status(session.id, session.token)).status, 'complete');
  });

  it('approval: the app gets the text, signs its SHA-256, and the assertion carries txn', async () => {
    const text = 'Overførsel af 2.300 kr. til konto 9978 000123456';
    const { session } = await appSession(broker, 'anna.app', { mode: 'approve', transaction: { text } });
    const { frame } = await frameOf(broker, session.id, session.token);
    const request = (await phone.scan(frame)).json<AppRequest>();
    assert.equal(request.transaction_text, text);
    assert.equal(request.mode, 'approve');
    await phone.open(request.request_id);
    // An app that showed a different text signs a different hash: refused.
    const tampered = phone.signature(request, 'approve', 'Overførsel af 23.000 kr. til konto 9978 000123456');
    assert.equal((await phone.decide(request, 'approve', tampered)).errorCode(), 'invalid_signature');
    assert.equal((await phone.decide(request, 'approve')).status, 200);
    const claims = decodeJwt((await broker.status(session.id, session.token)).assertion ?? '');
    assert.deepEqual(claims.txn, { text, sha256: createHash('sha256').update(text).digest('hex') });
  });

  it('the locked identity fails with locked when its app scans', async () => {
    const frank = identity('frank.spaerret');
    const frankPhone = await activateByLetter(broker, frank.userId, 'Test phone');
    const { session } = await appSession(broker, frank.userId);
    const { frame } = await frameOf(broker, session.id, session.token);
    assert.equal((await frankPhone.scan(frame)).errorCode(), 'locked');
    assert.equal((await broker.status(session.id, session.token)).code, 'locked');
  });

  it('activation: a wrong code and an unknown user answer alike; a key off the curve is refused', async () => {
    const anna = identity('anna.app');
    const attempt = (userId: string, code: string) =>
      broker.app.inject({
        method: 'POST',
        url: '/v1/app/activate',
        payload: {
          user_id: userId,
          activation_code: code,
          device_public_key: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
          device_name: 'x',
        },
      });
    const wrong = await attempt(anna.userId, 'ZZZZ-ZZZZ-ZZZZ');
    const unknown = await attempt('nobody.here', 'ZZZZ-ZZZZ-ZZZZ');
    assert.equal(wrong.statusCode, unknown.statusCode);
    assert.deepEqual(wrong.json(), unknown.json());
    const badKey = await attempt(anna.userId, await newLetter(broker, anna.userId));
    assert.equal(badKey.json().error.code, 'invalid_request', 'a point not on the curve is refused');
  });

  it('an unknown user ID behaves like a known one whose app never answers', async () => {
    const { session } = await appSession(broker, 'nobody.at.all');
    assert.equal((await frameOf(broker, session.id, session.token)).seq, 0);
    broker.clock.advance(181_000);
    const status = await broker.status(session.id, session.token);
    assert.equal(status.code, 'expired');
  });
});

describe('parallel app requests for one user ID', () => {
  it('with stop-both (the default), a second app request while the app has one fails both sessions', async () => {
    const broker = await startBroker();
    const anna = identity('anna.app');
    const phone = await activateByLetter(broker, anna.userId, 'Test phone');
    const { session: victim } = await appSession(broker);
    (await phone.scan((await frameOf(broker, victim.id, victim.token)).frame)).ok();
    // A code login for the same user at the same time is no race in the app: allowed.
    const other = await broker.createSession({ user_id: 'ANNA.app' });
    await broker.call('POST', `/v1/sessions/${other.id}/method`, other.token, { method: 'code-display' });
    assert.equal((await broker.status(victim.id, victim.token)).status, 'pending');
    const { session: fraud, chosen } = await appSession(broker, 'Anna.App', { client_id: 'kommune' });
    assert.equal(chosen.status.status, 'failed');
    assert.equal(chosen.status.code, 'parallel-session');
    assert.equal((await broker.status(victim.id, victim.token)).code, 'parallel-session');
    assert.equal((await broker.status(fraud.id, fraud.token)).code, 'parallel-session');
    assert.equal((await phone.requests()).length, 0, 'the app shows neither');
    // Afterwards a single request works again.
    const { session } = await appSession(broker);
    assert.equal((await broker.status(session.id, session.token)).hint, 'outstanding');
    await broker.close();
  });

  it('with allow, both are listed separately once scanned, each with its own service name', async () => {
    const broker = await startBroker({ settings: { parallelAppRequests: 'allow' } });
    const anna = identity('anna.app');
    const phone = await activateByLetter(broker, anna.userId, 'Test phone');
    for (const extra of [{}, { client_id: 'kommune' }]) {
      const { session } = await appSession(broker, 'anna.app', extra);
      (await phone.scan((await frameOf(broker, session.id, session.token)).frame)).ok();
    }
    const names = (await phone.requests()).map((request) => request.client_name);
    assert.deepEqual(names, ['Netbank A/S', 'Demo Kommune']);
    await broker.close();
  });
});
