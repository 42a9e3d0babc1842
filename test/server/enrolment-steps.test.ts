/**
 * Enrolment, steps 2 to 5 (issue 23): the page, with the enrolment token, accepts the terms, chooses the method, gives
 * contact details and reserves a user ID. Tried as a hurried user and an attacker would: steps out of order, a
 * reload, going back, a CPR number or a name as user ID, someone else's user ID, another origin, an expired or
 * cancelled enrolment.
 */
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENROL_LIMITS, type EnrolmentView } from '../../protocol/enrol-api.js';
import { BANK_ORIGIN, type TestBroker } from './support/broker.js';
import { createdToken, enrolmentBroker, errorOf, makeKeys, step, type Keys } from './support/enrolment.js';

let keys: Keys;
let broker: TestBroker;

before(async () => {
  keys = await makeKeys();
});

describe('enrolment: the page takes steps 2 to 5', () => {
  beforeEach(async () => {
    broker = await enrolmentBroker(keys);
  });
  afterEach(() => broker.close());

  it('terms first; then method, contact and user ID in any order, kept across a reload and changed going back', async () => {
    const token = await createdToken(broker, keys);
    const early = await step(broker, token, 'method', { method: 'app' });
    assert.equal(early.statusCode, 409);
    assert.equal(errorOf(early).code, 'wrong_step');
    assert.equal((await step(broker, token, 'terms', { accepted: true })).statusCode, 200);
    assert.equal((await step(broker, token, 'terms', { accepted: false })).statusCode, 400, 'only acceptance is sent');
    assert.equal((await step(broker, token, 'user-id', { user_id: 'Sol.og.Hav77' })).statusCode, 200);
    assert.equal((await step(broker, token, 'method', { method: 'code-reader' })).statusCode, 200);
    assert.equal((await step(broker, token, 'contact', { phone: '20 30 40 50' })).statusCode, 200);
    // Back to step 3: another method; the rest stays.
    assert.equal((await step(broker, token, 'method', { method: 'app' })).statusCode, 200);
    const reloaded = (await step(broker, token, 'current')).json<EnrolmentView>();
    assert.equal(reloaded.method, 'app');
    assert.deepEqual(reloaded.contact, { phone: '20304050' });
    assert.equal(reloaded.user_id, 'Sol.og.Hav77');
    assert.ok(reloaded.terms_accepted_at);
  });

  it('refuses contact details that are none, not an e-mail address, or not a phone number, with the reason', async () => {
    const token = await createdToken(broker, keys);
    await step(broker, token, 'terms', { accepted: true });
    for (const [contact, reason] of [
      [{}, 'none'],
      [{ email: '' }, 'none'],
      [{ email: 'maja@' }, 'email'],
      [{ email: 'maja holm@eksempel.dk' }, 'email'],
      [{ phone: '1234' }, 'phone'],
      [{ email: 'maja@eksempel.dk', phone: '+45 abc' }, 'phone'],
    ] as const) {
      const response = await step(broker, token, 'contact', contact);
      assert.equal(response.statusCode, 400, JSON.stringify(contact));
      assert.deepEqual([errorOf(response).code, errorOf(response).reason], ['invalid_contact', reason]);
    }
    assert.equal(
      (await step(broker, token, 'contact', { email: 'maja@eksempel.dk', phone: '+4520304050' })).statusCode,
      200,
    );
  });

  it('refuses a user ID by rule with its reason, and counts no try for it', async () => {
    const token = await createdToken(broker, keys);
    await step(broker, token, 'terms', { accepted: true });
    for (const [userId, reason] of [
      ['010190-1234', 'cpr'],
      ['maja0101901234', 'cpr'],
      ['abc1', 'too-short'],
      ['12345678', 'all-digits'],
      ['maja.holm', 'name'],
      ['Andersen1987', 'name'],
      ['maja.holm@eksempel.dk', 'email'],
      ['mitid2026', 'common'],
      ['<script>', 'invalid-characters'],
    ] as const) {
      const response = await step(broker, token, 'user-id/check', { user_id: userId });
      assert.equal(response.statusCode, 400, userId);
      assert.deepEqual([errorOf(response).code, errorOf(response).reason], ['user_id_refused', reason], userId);
    }
    for (let i = 0; i < ENROL_LIMITS.userIdTriesPerEnrolment; i += 1) {
      const free = await step(broker, token, 'user-id/check', { user_id: `fri.bruger.${i}x` });
      assert.equal(free.statusCode, 200, `try ${i}: refusals by rule cost no try`);
    }
    const over = await step(broker, token, 'user-id/check', { user_id: 'endnu.en.bruger' });
    assert.equal(over.statusCode, 429);
    assert.equal(errorOf(over).code, 'rate_limited');
  });

  it("another identity's user ID is taken, whatever its case; a free one is available", async () => {
    const token = await createdToken(broker, keys);
    await step(broker, token, 'terms', { accepted: true });
    for (const userId of ['bo.kodeviser', 'BO.Kodeviser', ' anna.app ']) {
      const response = await step(broker, token, 'user-id/check', { user_id: userId });
      assert.equal(response.statusCode, 409, userId);
      assert.equal(errorOf(response).code, 'user_id_taken');
      assert.equal((await step(broker, token, 'user-id', { user_id: userId })).statusCode, 409);
    }
    const free = await step(broker, token, 'user-id/check', { user_id: 'havørn.77' });
    assert.deepEqual(free.json(), { available: true });
  });

  it('a reserved user ID is taken for other enrolments until it is given up, cancelled or expired', async () => {
    const first = await createdToken(broker, keys);
    const second = await createdToken(broker, keys);
    for (const token of [first, second]) await step(broker, token, 'terms', { accepted: true });
    assert.equal((await step(broker, first, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 200);
    assert.equal((await step(broker, first, 'user-id/check', { user_id: 'SOL.og.hav77' })).statusCode, 200, 'its own');
    assert.equal(
      errorOf(await step(broker, second, 'user-id/check', { user_id: 'sol.og.hav77' })).code,
      'user_id_taken',
    );
    assert.equal((await step(broker, second, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 409);
    // The first changes its mind: the old one is free again.
    assert.equal((await step(broker, first, 'user-id', { user_id: 'mark.og.mose' })).statusCode, 200);
    assert.equal((await step(broker, second, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 200);
    // Cancelling frees it; the token is then over.
    assert.equal((await step(broker, first, 'cancel')).statusCode, 204);
    assert.equal(errorOf(await step(broker, first, 'current')).code, 'enrolment_expired');
    assert.equal((await step(broker, second, 'user-id', { user_id: 'mark.og.mose' })).statusCode, 200);
    // Expiry frees it by the broker's clock, whatever the store still holds.
    const third = await createdToken(broker, keys);
    await step(broker, third, 'terms', { accepted: true });
    broker.clock.advance(ENROL_LIMITS.enrolmentTtlSeconds * 1000 + 1);
    const late = await step(broker, second, 'user-id', { user_id: 'sol.og.hav77' });
    assert.equal(late.statusCode, 410);
    assert.equal(errorOf(late).code, 'enrolment_expired');
    const fourth = await createdToken(broker, keys);
    await step(broker, fourth, 'terms', { accepted: true });
    assert.equal((await step(broker, fourth, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 200);
  });

  it('answers only a page of the creating client, with the token; nothing else opens an enrolment', async () => {
    const token = await createdToken(broker, keys);
    const elsewhere = await step(broker, token, 'current', undefined, 'https://evil.example');
    assert.equal(elsewhere.statusCode, 403);
    assert.equal(errorOf(elsewhere).code, 'origin_not_allowed');
    const noToken = await broker.app.inject({
      method: 'GET',
      url: '/v1/enrol/current',
      headers: { origin: BANK_ORIGIN },
    });
    assert.equal(errorOf(noToken).code, 'invalid_token');
    const unknown = await step(broker, 'A'.repeat(43), 'current');
    assert.equal(unknown.statusCode, 401);
    assert.equal(errorOf(unknown).code, 'invalid_token');
  });

  it('a GET without an Origin counts as the broker’s own page only when the browser says it is same-origin', async () => {
    const token = await createdToken(broker, keys);
    for (const site of [undefined, 'cross-site', 'same-site', 'none']) {
      const answer = await broker.app.inject({
        method: 'GET',
        url: '/v1/enrol/current',
        headers: { authorization: `Bearer ${token}`, ...(site ? { 'sec-fetch-site': site } : {}) },
      });
      assert.equal(errorOf(answer).code, 'origin_not_allowed', String(site));
    }
    // Same-origin: a page of the broker's own origin, which the netbank client lists (`self`).
    const own = await broker.app.inject({
      method: 'GET',
      url: '/v1/enrol/current',
      headers: { authorization: `Bearer ${token}`, 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(own.statusCode, 200, own.body);
  });
});
