/**
 * The pairing code: the QR code's twin for users who cannot scan. The page gets a 6-digit code with its QR frame; the
 * app types it (`POST /v1/app/pair`) and is then where a scan would have put it. Too old, used, wrong, too many
 * wrong, another identity's session, a locked identity and parallel requests, as a fraudster and a hurried user
 * would meet them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { QrFrameResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import type { AppRequest } from '../../protocol/app-api.js';
import type { AppDevice } from '../../testing/node/index.js';
import { activateByLetter } from './support/identity.js';
import { startBroker, type TestBroker } from './support/broker.js';

async function appSession(broker: TestBroker, userId: string) {
  const session = await broker.createSession({ user_id: userId });
  const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
    method: 'app',
    device: 'cross',
  });
  assert.equal(chosen.statusCode, 200, chosen.body);
  return session;
}

async function frameOf(broker: TestBroker, session: { id: string; token: string }): Promise<QrFrameResponse> {
  const response = await broker.call('GET', `/v1/sessions/${session.id}/qr`, session.token);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<QrFrameResponse>();
}

async function codeOf(broker: TestBroker, session: { id: string; token: string }): Promise<string> {
  const code = (await frameOf(broker, session)).pairing_code;
  assert.ok(code && /^\d{6}$/.test(code), `a 6-digit pairing code: ${code}`);
  return code;
}

/** A 6-digit code that is not `code` (nor, by the odds of a MAC, any other session's). */
function otherThan(...codes: string[]): string {
  let guess = 0;
  while (codes.includes(String(guess).padStart(6, '0'))) guess += 1;
  return String(guess).padStart(6, '0');
}

describe('the pairing code instead of a QR scan', () => {
  let broker: TestBroker;
  let anna: AppDevice;
  before(async () => {
    broker = await startBroker({ settings: { parallelAppRequests: 'allow' } });
    anna = await activateByLetter(broker, 'anna.app', 'Annas telefon');
  });
  after(() => broker.close());

  it('served with the QR frame; typed as shown ("123 456") it does what a scan does, then open and approve', async () => {
    const session = await appSession(broker, 'anna.app');
    const first = await frameOf(broker, session);
    assert.equal(first.pairing_refresh_ms, 120_000);
    broker.clock.advance(1000);
    const second = await frameOf(broker, session);
    assert.notEqual(second.frame, first.frame, 'frames move every second');
    assert.equal(second.pairing_code, first.pairing_code, 'the code stays long enough to be heard and typed');
    assert.equal(second.pairing_refresh_ms, 119_000);
    assert.deepEqual(await anna.requests(), []);
    const code = first.pairing_code ?? '';
    const paired = await anna.pair(`${code.slice(0, 3)} ${code.slice(3)}`);
    assert.equal(paired.status, 200, paired.text);
    assert.equal(paired.json<AppRequest>().qr_scanned, true);
    const pairedStatus = await broker.status(session.id, session.token);
    assert.equal(pairedStatus.hint, 'qr-scanned');
    assert.equal(pairedStatus.paired_by, 'code', 'the page is told the code was accepted, not that a QR was scanned');
    const opened = (await anna.open(paired.json<AppRequest>().request_id)).ok();
    const signing = await broker.status(session.id, session.token);
    assert.equal(signing.hint, 'user-signing');
    assert.equal(signing.paired_by, undefined, 'only with qr-scanned');
    const decided = await anna.decide(opened, 'approve');
    assert.equal(decided.status, 200, decided.text);
    assert.equal((await broker.status(session.id, session.token)).status, 'complete');
  });

  it('a new code every 120 s; the previous one is still good for 30 s, then pairing_expired', async () => {
    const session = await appSession(broker, 'anna.app');
    const first = await codeOf(broker, session);
    broker.clock.advance(120_000);
    const next = await codeOf(broker, session);
    assert.notEqual(next, first, 'a new code after 120 s');
    broker.clock.advance(31_000);
    const stale = await anna.pair(first);
    assert.equal(stale.status, 400);
    assert.equal(stale.errorCode(), 'pairing_expired');
    assert.equal((await broker.status(session.id, session.token)).hint, 'outstanding', 'nothing happened');
    assert.equal((await anna.pair(next)).status, 200, 'the code on the screen now works');
  });

  it('the previous code within its 150 s works (heard just before it changed)', async () => {
    const session = await appSession(broker, 'anna.app');
    const first = await codeOf(broker, session);
    broker.clock.advance(140_000);
    assert.equal((await anna.pair(first)).status, 200);
  });

  it('a code is accepted once per login: typed again it is refused, and so is an older one', async () => {
    const session = await appSession(broker, 'anna.app');
    const code = await codeOf(broker, session);
    assert.equal((await anna.pair(code)).status, 200);
    assert.equal((await anna.pair(code)).errorCode(), 'pairing_expired');
  });

  it('a wrong code is pairing_invalid and changes nothing; a malformed one is invalid_request', async () => {
    const session = await appSession(broker, 'anna.app');
    const code = await codeOf(broker, session);
    const wrong = await anna.pair(otherThan(code));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.errorCode(), 'pairing_invalid');
    assert.equal((await broker.status(session.id, session.token)).hint, 'outstanding');
    assert.equal((await anna.pair('12345')).errorCode(), 'invalid_request');
    assert.equal((await anna.pair('abcdef')).errorCode(), 'invalid_request');
    assert.equal((await anna.call('POST', '/v1/app/pair', { code: 123456 })).status, 400);
    assert.equal((await anna.pair(code)).status, 200, 'the right code after wrong ones');
  });

  it("another identity's session is out of reach, and the answer is the same as for no session at all", async () => {
    const eva = await activateByLetter(broker, 'eva.flere', 'Evas telefon');
    const session = await appSession(broker, 'anna.app');
    const code = await codeOf(broker, session);
    // A fraudster's login with Anna's ID, its code relayed to Eva's app (or the reverse): Eva's app sees nothing.
    const relayed = await eva.pair(code);
    const nothing = await eva.pair(otherThan(code));
    assert.equal(relayed.status, nothing.status);
    assert.equal(relayed.errorCode(), 'pairing_invalid');
    assert.equal(nothing.errorCode(), 'pairing_invalid');
    assert.equal((await broker.status(session.id, session.token)).hint, 'outstanding');
    assert.deepEqual(await eva.requests(), []);
  });
});

describe('limits and stops of the pairing code', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('5 wrong codes in 10 minutes per device: then 429 rate_limited with Retry-After, even for the right code', async () => {
    const phone = await activateByLetter(broker, 'anna.app', 'Annas telefon');
    const other = await activateByLetter(broker, 'eva.flere', 'Evas telefon');
    const session = await appSession(broker, 'anna.app');
    const code = await codeOf(broker, session);
    const wrong = otherThan(code);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      assert.equal((await phone.pair(wrong)).errorCode(), 'pairing_invalid', `wrong code ${attempt}`);
    }
    const fifth = await phone.pair(wrong);
    assert.equal(fifth.status, 429);
    assert.equal(fifth.errorCode(), 'rate_limited');
    const right = await broker.call('POST', '/v1/app/pair', phone.token, { code });
    assert.equal(right.statusCode, 429, 'no more guesses, right or wrong');
    const retryAfter = Number(right.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 600, `Retry-After ${retryAfter}`);
    assert.equal((await other.pair(wrong)).errorCode(), 'pairing_invalid', 'another device counts for itself');
    broker.clock.advance(retryAfter * 1000);
    const later = await appSession(broker, 'anna.app');
    assert.equal((await phone.pair(await codeOf(broker, later))).status, 200, 'the window passes');
  });

  it("the locked identity's app pairing fails the session with locked", async () => {
    const frank = await activateByLetter(broker, 'frank.spaerret', 'Test phone');
    const session = await appSession(broker, 'frank.spaerret');
    assert.equal((await frank.pair(await codeOf(broker, session))).errorCode(), 'locked');
    assert.equal((await broker.status(session.id, session.token)).code, 'locked');
  });

  it('pairing a second request while the first is seen stops both (parallel_session), as a scan does', async () => {
    const userId = 'eva.flere';
    const device = await activateByLetter(broker, userId, 'Evas telefon');
    const first = await appSession(broker, userId);
    const second = await appSession(broker, userId);
    const secondCode = await codeOf(broker, second);
    assert.equal((await device.pair(await codeOf(broker, first))).status, 200);
    const competing = await device.pair(secondCode);
    assert.equal(competing.status, 409);
    assert.equal(competing.errorCode(), 'parallel_session');
    for (const session of [first, second]) {
      const status: SessionStatusEvent = await broker.status(session.id, session.token);
      assert.equal(status.code, 'parallel-session');
    }
  });
});
