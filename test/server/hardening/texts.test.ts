// Issue 18, items 5 and 3: hostile transaction texts are refused with a reason, the text is signed as NFC exactly as
// shown, and the app learns where and when a request started (a coarse browser family and the time, never the UA).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { CreateSessionResponse, ErrorBody, QrFrameResponse } from '../../../protocol/page-api.js';
import type { AppRequest } from '../../../protocol/app-api.js';
import type { AppDevice } from '../../../testing/node/index.js';
import { activateByLetter } from '../support/identity.js';
import { BANK_ORIGIN, identity, NONCE, startBroker, type TestBroker } from '../support/broker.js';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('hostile transaction texts and where a request started (issue 18)', () => {
  let broker: TestBroker;
  let phone: AppDevice;
  before(async () => {
    broker = await startBroker({ settings: { parallelAppRequests: 'allow' } });
    phone = await activateByLetter(broker, identity('anna.app').userId, 'Annas telefon');
  });
  after(() => broker.close());

  function create(body: object, userAgent?: string) {
    return broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { origin: BANK_ORIGIN, ...(userAgent === undefined ? {} : { 'user-agent': userAgent }) },
      payload: { client_id: 'netbank', mode: 'approve', user_id: 'anna.app', nonce: NONCE, ...body },
    });
  }

  /** An approval started with `userAgent`, scanned by Anna's phone: the request as the app gets it. */
  async function scanned(
    text: string,
    userAgent?: string,
  ): Promise<{ session: CreateSessionResponse; request: AppRequest }> {
    const created = await create({ transaction: { text } }, userAgent);
    assert.equal(created.statusCode, 201, created.body);
    const session = created.json<CreateSessionResponse>();
    await broker.call('POST', `/v1/sessions/${session.session_id}/method`, session.session_token, { method: 'app' });
    const { frame } = (
      await broker.call('GET', `/v1/sessions/${session.session_id}/qr`, session.session_token)
    ).json<QrFrameResponse>();
    const request = await phone.scan(frame);
    assert.equal(request.status, 200, request.text);
    return { session, request: request.json<AppRequest>() };
  }

  it('refuses bidi marks, invisible characters, separators and blank lines with invalid_transaction_text and a reason', async () => {
    const cases: Array<[string, string]> = [
      ['Til konto \u200f1234 \u200f5678\u200f', 'direction-marks'],
      ['Til konto 1234\u2066 5678', 'direction-marks'],
      ['Overførsel\u200b af 100 kr.', 'invisible-characters'],
      ['Overførsel af 1\u00ad00 kr.', 'invisible-characters'],
      ['Overførsel af 100 kr.\u{E0041}', 'invisible-characters'],
      ['Overførsel af 100 kr.\u2028til konto 1234', 'control-characters'],
      [`Overførsel af 100 kr.${'\n'.repeat(40)}til konto 1234`, 'blank-lines'],
    ];
    for (const [text, reason] of cases) {
      const response = await create({ transaction: { text } });
      assert.equal(response.statusCode, 400, escape(text));
      const { error } = response.json<ErrorBody>();
      assert.deepEqual([error.code, error.reason], ['invalid_transaction_text', reason], escape(text));
    }
  });

  it('normalizes the text to NFC: the app shows, the device signs and the assertion carries the same text', async () => {
    const decomposed = 'Overførsel af 100 kr. til A\u030Arhus Kommune';
    const composed = decomposed.normalize('NFC');
    assert.notEqual(decomposed, composed);
    const { session, request } = await scanned(decomposed);
    assert.equal(request.transaction_text, composed);
    await phone.open(request.request_id);
    assert.equal((await phone.decide(request, 'approve')).status, 200);
    const status = await broker.status(session.session_id, session.session_token);
    const claims = decodeJwt(status.assertion ?? '');
    assert.deepEqual(claims.txn, { text: composed, sha256: createHash('sha256').update(composed).digest('hex') });
  });

  it('the app request says when it started and in which browser family, never the User-Agent itself', async () => {
    const startedAt = broker.clock.now();
    const { request } = await scanned('Overførsel af 100 kr.', CHROME_ON_WINDOWS);
    assert.equal(request.started_at, new Date(startedAt).toISOString());
    assert.deepEqual(request.browser, { name: 'Chrome', os: 'Windows' });

    const hostile = 'Mozilla/5.0 (Din bank: godkend straks) Banken/1.0';
    const other = await scanned('Overførsel af 100 kr.', hostile);
    assert.deepEqual(other.request.browser, { name: 'other', os: 'other' });
    assert.ok(!JSON.stringify(other.request).includes('Din bank'), 'nothing of the header reaches the app');
    const none = await scanned('Overførsel af 100 kr.');
    assert.deepEqual(none.request.browser, { name: 'other', os: 'other' });
  });
});
