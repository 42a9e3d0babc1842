/**
 * The login hint (issue 20): a login's assertion carries a sealed `login_hint`; an approval started with it skips the
 * user ID, for the identity that logged in at the same client, for a while only, and only that identity can approve.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { AssertionClaims, ErrorBody, SessionStatusEvent } from '../../protocol/page-api.js';
import { activateByLetter } from './support/identity.js';
import { BANK_ORIGIN, identity, loginByCode, NONCE, startBroker, type TestBroker } from './support/broker.js';

const TEXT = 'Overførsel af 2.300,00 kr. til konto 9978 000123456';

function createApproval(broker: TestBroker, body: Record<string, unknown>) {
  return broker.app.inject({
    method: 'POST',
    url: '/v1/sessions',
    headers: { origin: BANK_ORIGIN },
    payload: { client_id: 'netbank', mode: 'approve', nonce: NONCE, transaction: { text: TEXT }, ...body },
  });
}

async function loginHintOf(broker: TestBroker, userId = 'bo.kodeviser', clientId = 'netbank') {
  const { status } = await loginByCode(broker, userId, { client_id: clientId });
  const claims = decodeJwt(status.assertion ?? '') as unknown as AssertionClaims;
  assert.ok(claims.login_hint, 'a login assertion carries a login_hint');
  return { hint: claims.login_hint, claims };
}

/** Code display and password for `userId`'s identity in a created session: the steps an approval takes. */
async function approveByCode(broker: TestBroker, id: string, token: string, userId = 'bo.kodeviser') {
  const seed = identity(userId);
  await broker.call('POST', `/v1/sessions/${id}/method`, token, { method: 'code-display' });
  broker.clock.advance(30_000);
  const code = await broker.call('POST', `/v1/sessions/${id}/code`, token, {
    code: broker.totp(seed.totp?.['code-display'] ?? ''),
  });
  return {
    code,
    password: () => broker.call('POST', `/v1/sessions/${id}/password`, token, { password: seed.password }),
  };
}

function errorCode(response: { json<T>(): T }): string {
  return response.json<ErrorBody>().error.code;
}

describe('login hint', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker({ settings: { parallelAppRequests: 'allow' } });
  });
  after(() => broker.close());

  it('a login carries an opaque hint; an approval with it needs no user ID and is for the same sub', async () => {
    const { hint, claims: login } = await loginHintOf(broker);
    assert.ok(!hint.toLowerCase().includes('bo.kodeviser'), 'the user ID is not in the hint');
    const decoded = Buffer.from(hint.split('.')[1] ?? '', 'base64url').toString('latin1');
    assert.ok(!decoded.includes('kodeviser'), 'nor readable once base64url-decoded');
    assert.ok(hint.length <= 512);

    const created = await createApproval(broker, { login_hint: hint });
    assert.equal(created.statusCode, 201, created.body);
    const { session_id: id, session_token: token } = created.json<{ session_id: string; session_token: string }>();
    const { code, password } = await approveByCode(broker, id, token);
    assert.equal(code.statusCode, 200, code.body);
    const done = (await password()).json<SessionStatusEvent>();
    assert.equal(done.status, 'complete');
    const approval = decodeJwt(done.assertion ?? '') as unknown as AssertionClaims;
    assert.equal(approval.mode, 'approve');
    assert.equal(approval.sub, login.sub, 'the approval is for the user who logged in');
    assert.equal(approval.txn?.text, TEXT);
    assert.equal(approval.login_hint, undefined, 'only logins carry a hint');
  });

  it('every login gets a new hint, and a hint can start more than one approval while it is valid', async () => {
    const first = await loginHintOf(broker);
    const second = await loginHintOf(broker);
    assert.notEqual(first.hint, second.hint, 'random IV: hints of the same user do not link');
    assert.equal((await createApproval(broker, { login_hint: first.hint })).statusCode, 201);
    assert.equal((await createApproval(broker, { login_hint: first.hint })).statusCode, 201);
  });

  it('refuses a tampered, truncated or foreign hint with invalid_login_hint', async () => {
    const { hint } = await loginHintOf(broker);
    const [version = '', body = ''] = hint.split('.');
    const middle = Math.floor(body.length / 2);
    const flipped = `${version}.${body.slice(0, middle)}${body[middle] === 'A' ? 'B' : 'A'}${body.slice(middle + 1)}`;
    const other = await startBroker({ subjectSecret: randomBytes(32) });
    const { hint: foreign } = await loginHintOf(other);
    await other.close();
    for (const bad of [flipped, hint.slice(0, -4), `${version}.AAAA`, `h9.${body}`, `${hint}.x`, 'garbage', foreign]) {
      const response = await createApproval(broker, { login_hint: bad });
      assert.equal(response.statusCode, 400, bad);
      assert.equal(errorCode(response), 'invalid_login_hint', bad);
    }
  });

  it('refuses a hint for a login, and a hint beside a user ID, and neither of the two', async () => {
    const { hint } = await loginHintOf(broker);
    const forLogin = await createApproval(broker, { mode: 'login', transaction: undefined, login_hint: hint });
    assert.equal(forLogin.statusCode, 400);
    assert.equal(errorCode(forLogin), 'invalid_login_hint', 'a login always asks for the user ID');
    const both = await createApproval(broker, { login_hint: hint, user_id: 'eva.flere' });
    assert.equal(both.statusCode, 400);
    assert.equal(errorCode(both), 'invalid_request', 'never two identities in one request');
    const neither = await createApproval(broker, {});
    assert.equal(neither.statusCode, 400);
    assert.equal(errorCode(neither), 'invalid_request');
  });

  it('refuses a hint sealed for another client with login_hint_client', async () => {
    const { hint } = await loginHintOf(broker, 'bo.kodeviser', 'kommune');
    const response = await createApproval(broker, { login_hint: hint });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'login_hint_client');
  });

  it('refuses an expired hint with login_hint_expired (loginHintTtlSeconds, on the broker clock)', async () => {
    const short = await startBroker({ settings: { loginHintTtlSeconds: 60 } });
    try {
      const { hint } = await loginHintOf(short);
      short.clock.advance(59_000);
      assert.equal((await createApproval(short, { login_hint: hint })).statusCode, 201, 'still valid');
      short.clock.advance(1_000);
      const response = await createApproval(short, { login_hint: hint });
      assert.equal(response.statusCode, 400);
      assert.equal(errorCode(response), 'login_hint_expired');
    } finally {
      await short.close();
    }
  });

  it('the default lifetime is 30 minutes', async () => {
    const { hint } = await loginHintOf(broker);
    broker.clock.advance(29 * 60_000);
    assert.equal((await createApproval(broker, { login_hint: hint })).statusCode, 201);
    broker.clock.advance(60_000);
    assert.equal(errorCode(await createApproval(broker, { login_hint: hint })), 'login_hint_expired');
  });

  it("another identity cannot approve the session started with A's hint: not with its app, not with its code", async () => {
    const { hint } = await loginHintOf(broker);
    const anna = await activateByLetter(broker, identity('anna.app').userId, 'Annas telefon');
    const created = (await createApproval(broker, { login_hint: hint })).json<{
      session_id: string;
      session_token: string;
    }>();
    const { session_id: id, session_token: token } = created;
    const chosen = await broker.call('POST', `/v1/sessions/${id}/method`, token, { method: 'app' });
    assert.equal(chosen.statusCode, 200, chosen.body);
    const { frame } = (await broker.call('GET', `/v1/sessions/${id}/qr`, token)).json<{ frame: string }>();
    assert.equal((await anna.scan(frame)).errorCode(), 'invalid_device', "B's app cannot take A's approval");
    assert.equal((await anna.requests()).length, 0);

    const again = (await createApproval(broker, { login_hint: hint })).json<{
      session_id: string;
      session_token: string;
    }>();
    await broker.call('POST', `/v1/sessions/${again.session_id}/method`, again.session_token, {
      method: 'code-display',
    });
    broker.clock.advance(30_000);
    const eva = identity('eva.flere');
    const wrong = await broker.call('POST', `/v1/sessions/${again.session_id}/code`, again.session_token, {
      code: broker.totp(eva.totp?.['code-display'] ?? ''),
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(errorCode(wrong), 'wrong_code', "B's code display does not fit A's approval");
    assert.equal((await broker.status(again.session_id, again.session_token)).status, 'pending');
  });

  it('never reaches the log, not even from a refused request', async () => {
    const lines: string[] = [];
    const logged = await startBroker({ logger: { level: 'debug', stream: { write: (line) => lines.push(line) } } });
    try {
      const { hint } = await loginHintOf(logged);
      assert.equal((await createApproval(logged, { login_hint: hint })).statusCode, 201);
      await createApproval(logged, { login_hint: `${hint}x`, user_id: 'bo.kodeviser' });
      await logged.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': 'application/json', origin: BANK_ORIGIN },
        payload: `{"login_hint":"${hint}"`,
      });
      assert.ok(lines.length > 5, 'requests are logged');
      const body = hint.split('.')[1] ?? '';
      const leaking = lines.find((line) => line.includes(body.slice(0, 24)));
      assert.equal(leaking, undefined, `the hint reached the log: ${leaking}`);
    } finally {
      await logged.close();
    }
  });
});
