/**
 * Two app requests for one user ID, judged by what the user's app saw. A login left on its QR code (tab closed,
 * reload, back button) and a stranger's request for the user's ID never stop the user's next login; a competing
 * request the app has seen stops both, and the app is told. A new login from the same browser replaces an
 * unfinished one; a user ID's pending requests are bounded. Same-device requests are not listed and open only by
 * their link's one-time secret.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AppNotification, AppRequest } from '../../../protocol/app-api.js';
import type { ChooseMethodResponse, QrFrameResponse, SessionStatusEvent } from '../../../protocol/page-api.js';
import type { AppDevice } from '../../../testing/node/index.js';
import { startBroker, type TestBroker } from '../support/broker.js';
import { activateByLetter } from '../support/identity.js';

const BROWSER = 'browser-key-0123456789abcdef';

async function appSession(broker: TestBroker, userId: string, extra: Record<string, unknown> = {}, device = 'cross') {
  const session = await broker.createSession({ user_id: userId, ...extra });
  const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
    method: 'app',
    device,
  });
  return { session, chosen: chosen.json<ChooseMethodResponse>() };
}

async function frameOf(broker: TestBroker, session: { id: string; token: string }): Promise<string> {
  return (await broker.call('GET', `/v1/sessions/${session.id}/qr`, session.token)).json<QrFrameResponse>().frame;
}

/** The user scans the page's QR code and approves. */
async function scanAndApprove(broker: TestBroker, app: AppDevice, session: { id: string; token: string }) {
  const scanned = await app.scan(await frameOf(broker, session));
  if (scanned.status !== 200) return scanned;
  const request = scanned.json<AppRequest>();
  const opened = (await app.open(request.request_id)).ok();
  return app.decide(opened, 'approve');
}

describe('parallel app requests, judged by what the app saw', () => {
  let broker: TestBroker;
  let anna: AppDevice;
  before(async () => {
    broker = await startBroker();
    anna = await activateByLetter(broker, 'anna.app', 'Annas telefon');
  });
  after(() => broker.close());

  it('a login left on its QR code does not stop the next one', async () => {
    const abandoned = await appSession(broker, 'anna.app');
    const next = await appSession(broker, 'anna.app');
    assert.equal(next.chosen.status.status, 'pending');
    const done = await scanAndApprove(broker, anna, next.session);
    assert.equal(done.status, 200, done.text);
    assert.equal((await broker.status(next.session.id, next.session.token)).status, 'complete');
    assert.equal(
      (await broker.status(abandoned.session.id, abandoned.session.token)).status,
      'pending',
      'it just runs out',
    );
  });

  it("a stranger's pending request for the user's ID stops nothing, for as long as he keeps it", async () => {
    const stranger = await appSession(broker, 'anna.app');
    for (let round = 0; round < 3; round += 1) {
      const victim = await appSession(broker, 'anna.app');
      const done = await scanAndApprove(broker, anna, victim.session);
      assert.equal(done.status, 200, done.text);
    }
    assert.equal((await broker.status(stranger.session.id, stranger.session.token)).status, 'pending');
    assert.deepEqual(await anna.requests(), [], "the stranger's request never reaches the app");
  });

  it('a new request while the app has one open stops both, and the app is told', async () => {
    const first = await appSession(broker, 'anna.app');
    const scanned = (await anna.scan(await frameOf(broker, first.session))).ok();
    assert.equal((await anna.requests()).length, 1, 'the app lists what it scanned');
    const second = await appSession(broker, 'anna.app');
    assert.equal(second.chosen.status.code, 'parallel-session');
    assert.equal((await broker.status(first.session.id, first.session.token)).code, 'parallel-session');
    assert.equal((await anna.open(scanned.request_id)).errorCode(), 'session_finished');
    const notices = (await anna.call<{ notifications: AppNotification[] }>('GET', '/v1/app/notifications')).ok();
    assert.equal(notices.notifications[0]?.kind, 'requests-stopped');
    assert.deepEqual(notices.notifications[0]?.client_names, ['Netbank A/S']);
  });

  it('scanning a second request while the first is seen stops both (the app hears parallel_session)', async () => {
    const first = await appSession(broker, 'anna.app');
    const second = await appSession(broker, 'anna.app');
    (await anna.scan(await frameOf(broker, first.session))).ok();
    const competing = await anna.scan(await frameOf(broker, second.session));
    assert.equal(competing.status, 409);
    assert.equal(competing.errorCode(), 'parallel_session');
    for (const { session } of [first, second]) {
      assert.equal((await broker.status(session.id, session.token)).code, 'parallel-session');
    }
  });

  it('a new login from the same browser and client replaces the unfinished one (a reload)', async () => {
    const before = await appSession(broker, 'anna.app', { browser_key: BROWSER });
    (await anna.scan(await frameOf(broker, before.session))).ok(); // even one the app had seen
    const reloaded = await appSession(broker, 'anna.app', { browser_key: BROWSER });
    assert.equal((await broker.status(before.session.id, before.session.token)).code, 'superseded');
    const done = await scanAndApprove(broker, anna, reloaded.session);
    assert.equal(done.status, 200, done.text);
    const other = await appSession(broker, 'anna.app', { browser_key: 'another-browser-0123456789' });
    const stillPending = await broker.status(other.session.id, other.session.token);
    assert.equal(stillPending.status, 'pending', 'another browser replaces nothing');
  });

  it('a user ID has at most five pending app requests: the oldest unseen ones give way', async () => {
    const bounded = await startBroker();
    try {
      const sessions = [];
      for (let round = 0; round < 7; round += 1) sessions.push((await appSession(bounded, 'bo.kodeviser')).session);
      const states: SessionStatusEvent[] = [];
      for (const session of sessions) states.push(await bounded.status(session.id, session.token));
      assert.deepEqual(
        states.map((state) => state.code ?? state.status),
        ['superseded', 'superseded', 'pending', 'pending', 'pending', 'pending', 'pending'],
      );
    } finally {
      await bounded.close();
    }
  });
});

describe('same-device requests', () => {
  let broker: TestBroker;
  let anna: AppDevice;
  before(async () => {
    broker = await startBroker();
    anna = await activateByLetter(broker, 'anna.app', 'Annas telefon');
  });
  after(() => broker.close());

  it('are never listed, open only with the link secret, once, and then complete', async () => {
    const { session, chosen } = await appSession(broker, 'anna.app', {}, 'same');
    const link = new URL(chosen.app_link ?? '');
    const fragment = new URLSearchParams(link.hash.slice(1));
    const requestId = fragment.get('request') ?? '';
    const secret = fragment.get('secret') ?? '';
    assert.ok(requestId && secret.length >= 32, chosen.app_link);
    assert.deepEqual(await anna.requests(), [], 'not listed');
    assert.equal((await anna.open(requestId)).errorCode(), 'not_found', 'no secret: as if it did not exist');
    const wrong = await anna.call('POST', `/v1/app/requests/${requestId}/open`, {
      link_secret: `${secret.slice(0, -2)}xx`,
    });
    assert.equal(wrong.errorCode(), 'not_found');
    const opened = await anna.call<AppRequest>('POST', `/v1/app/requests/${requestId}/open`, { link_secret: secret });
    assert.equal(opened.status, 200, opened.text);
    const other = await activateByLetter(broker, 'anna.app', 'Annas tablet');
    const stolen = await other.call('POST', `/v1/app/requests/${requestId}/open`, { link_secret: secret });
    assert.equal(stolen.errorCode(), 'not_found', 'the secret is spent, and the request is this phone’s');
    (await anna.decide(opened.json(), 'approve')).ok();
    assert.equal((await broker.status(session.id, session.token)).status, 'complete');
  });
});
