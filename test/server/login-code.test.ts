import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { ACR, type SessionStatusEvent } from '../../protocol/page-api.js';
import { identity, loginByCode, NONCE, startBroker, type TestBroker } from './support/broker.js';

describe('login by code display and code reader, through HTTP alone', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('code display: code, then password, then a signed assertion', async () => {
    const { session, status } = await loginByCode(broker);
    assert.equal(status.status, 'complete');
    assert.equal(status.method, 'code-display');
    const claims = decodeJwt(status.assertion ?? '');
    assert.equal(claims.aud, 'netbank');
    assert.equal(claims.nonce, NONCE);
    assert.equal(claims.origin, 'https://bank.example');
    assert.equal(claims.acr, ACR.substantial);
    assert.deepEqual(claims.amr, ['otp', 'pwd', 'mfa']);
    assert.equal(claims.mode, 'login');
    assert.equal(claims.name, 'Bo Jensen');
    assert.equal(claims.txn, undefined);
    assert.notEqual(claims.sub, 'bo.kodeviser');
    // The final status stays readable for a client that reconnects.
    assert.equal((await broker.status(session.id, session.token)).assertion, status.assertion);
  });

  it('code reader: the same steps with the audio code reader secret', async () => {
    const seed = identity('clara.lyd');
    const session = await broker.createSession({ user_id: 'Clara.Lyd ' });
    const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
      method: 'code-reader',
    });
    assert.equal(chosen.json<{ status: SessionStatusEvent }>().status.hint, 'code-required');
    const code = broker.totp(seed.totp?.['code-reader'] ?? '');
    const afterCode = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code });
    assert.equal(afterCode.json<SessionStatusEvent>().hint, 'password-required');
    const done = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: seed.password,
    });
    const status = done.json<SessionStatusEvent>();
    assert.equal(status.status, 'complete');
    assert.equal(decodeJwt(status.assertion ?? '').method, 'code-reader');
  });

  it('accepts a code one step old or new, refuses two steps off and a reused code', async () => {
    const seed = identity('eva.flere');
    const secret = seed.totp?.['code-display'] ?? '';
    const session = await broker.createSession({ user_id: 'eva.flere' });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    const old = broker.totp(secret, broker.clock.now() - 60_000);
    const tooOld = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: old });
    assert.equal(tooOld.json<{ error: { code: string } }>().error.code, 'wrong_code');
    const previous = broker.totp(secret, broker.clock.now() - 30_000);
    const ok = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: previous });
    assert.equal(ok.statusCode, 200);

    const second = await broker.createSession({ user_id: 'eva.flere' });
    await broker.call('POST', `/v1/sessions/${second.id}/method`, second.token, { method: 'code-display' });
    const replay = await broker.call('POST', `/v1/sessions/${second.id}/code`, second.token, { code: previous });
    assert.equal(replay.statusCode, 400, 'a code accepted once is not accepted again');
  });

  it('approval by code display puts the exact text and its SHA-256 in the assertion', async () => {
    const text = 'Overførsel af 2.300 kr.\r\ntil konto 9978 000123456';
    const { status } = await loginByCode(broker, 'bo.kodeviser', { mode: 'approve', transaction: { text } });
    const claims = decodeJwt(status.assertion ?? '');
    const normalized = text.replace(/\r\n/g, '\n');
    assert.equal(claims.mode, 'approve');
    assert.deepEqual(claims.txn, {
      text: normalized,
      sha256: createHash('sha256').update(normalized).digest('hex'),
    });
  });
});

describe('wrong codes and passwords count for the user ID (test/server/identity/failures.test.ts has the rest)', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('wrong codes: attempts_left 4 … 1 over new sessions, then blocked; a restart gives no fresh tries', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) {
      const session = await broker.createSession();
      await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
      answers.push(await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' }));
    }
    assert.deepEqual(
      answers.map((answer) => [answer.statusCode, answer.json().error.code, answer.json().error.attempts_left]),
      [
        [400, 'wrong_code', 4],
        [400, 'wrong_code', 3],
        [400, 'wrong_code', 2],
        [400, 'wrong_code', 1],
        [423, 'factor_blocked', undefined],
      ],
    );
  });

  it('a wrong code and a wrong password share the tries; a right password afterwards resets them', async () => {
    const seed = identity('clara.lyd');
    const session = await broker.createSession({ user_id: seed.userId });
    const url = `/v1/sessions/${session.id}`;
    await broker.call('POST', `${url}/method`, session.token, { method: 'code-reader' });
    assert.equal((await broker.call('POST', `${url}/code`, session.token, { code: '111111' })).statusCode, 400);
    broker.clock.advance(30_000); // a fresh code (the last one was used)
    const code = broker.totp(seed.totp?.['code-reader'] ?? '');
    const afterCode = await broker.call('POST', `${url}/code`, session.token, { code });
    assert.equal(afterCode.json<SessionStatusEvent>().attempts_left, 4);
    const wrong = await broker.call('POST', `${url}/password`, session.token, { password: 'nope-nope' });
    assert.equal(wrong.json().error.code, 'wrong_password');
    assert.equal(wrong.json().error.attempts_left, 3);
    const done = await broker.call('POST', `${url}/password`, session.token, { password: seed.password });
    assert.equal(done.json<SessionStatusEvent>().status, 'complete');
    const next = await broker.createSession({ user_id: seed.userId });
    const chosen = await broker.call('POST', `/v1/sessions/${next.id}/method`, next.token, { method: 'code-reader' });
    assert.equal(chosen.json<{ status: SessionStatusEvent }>().status.attempts_left, 5);
  });

  it('the password before the code is the wrong step', async () => {
    const session = await broker.createSession({ user_id: 'eva.flere' });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    const early = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, { password: 'x' });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'wrong_step');
  });

  it('the locked identity fails with locked once the code is right, and not before', async () => {
    const seed = identity('frank.spaerret');
    const session = await broker.createSession({ user_id: seed.userId });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    const wrong = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '123456' });
    assert.equal(wrong.json().error.code, 'wrong_code', 'a stranger learns nothing about the lock');
    const code = broker.totp(seed.totp?.['code-display'] ?? '');
    const right = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code });
    assert.equal(right.statusCode, 423);
    assert.equal(right.json().error.code, 'locked');
    assert.equal((await broker.status(session.id, session.token)).code, 'locked');
  });

  it('the locked identity is not told on the chip path before a key answers (it has none: a wrong try)', async () => {
    const seed = identity('frank.spaerret');
    const session = await broker.createSession({ user_id: seed.userId });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'chip' });
    const early = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: seed.password,
    });
    assert.equal(early.json().error.code, 'wrong_step', 'the key comes first: the password says nothing yet');
  });
});
