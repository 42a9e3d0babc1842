/**
 * Guessing (issue 10, item 2): a session locks after `maxAttempts` (3) wrong codes, passwords or security-key
 * answers together; session creation and attempts are rate-limited per address and per client; and a stranger who
 * knows only a user ID cannot lock its owner out of MitID, because locks are per session.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { SessionStatusEvent } from '../../../protocol/page-api.js';
import { DEFAULT_RATE_LIMITS, DEFAULT_SETTINGS } from '../../../server/settings.js';
import { BANK_ORIGIN, identity, loginByCode, NONCE, startBroker, type TestBroker } from '../support/broker.js';

const bo = identity('bo.kodeviser');
const dan = identity('dan.chip');

const errorOf = (response: LightMyRequestResponse) =>
  response.json<{ error: { code: string; attempts_left?: number } }>().error;

/** Creates a session from `ip` (Fastify's request.ip; inject sets remoteAddress). */
function createFrom(broker: TestBroker, ip: string, clientId = 'netbank', userId = 'x.y') {
  return broker.app.inject({
    method: 'POST',
    url: '/v1/sessions',
    remoteAddress: ip,
    headers: { origin: BANK_ORIGIN },
    payload: { client_id: clientId, mode: 'login', user_id: userId, nonce: NONCE },
  });
}

describe('hardening: guessing', () => {
  it('the documented numbers: 3 tries per session, 60 sessions and 60 attempts per address per minute', () => {
    assert.equal(DEFAULT_SETTINGS.maxAttempts, 3);
    assert.deepEqual(DEFAULT_RATE_LIMITS, {
      windowMs: 60_000,
      sessionsPerAddress: 60,
      sessionsPerClient: 6000,
      attemptsPerAddress: 60,
      attemptsPerClient: 6000,
    });
  });

  it('a session locks on the 3rd wrong try, whatever the mix of code and password', async () => {
    const broker = await startBroker();
    // Codes: 2, 1, then 423 locked; the right code afterwards is refused too.
    const coded = await broker.createSession({ user_id: bo.userId });
    const url = `/v1/sessions/${coded.id}`;
    await broker.call('POST', `${url}/method`, coded.token, { method: 'code-display' });
    const answers = [];
    for (let i = 0; i < 3; i += 1)
      answers.push(await broker.call('POST', `${url}/code`, coded.token, { code: '000000' }));
    assert.deepEqual(
      answers.map((response) => [response.statusCode, errorOf(response).code, errorOf(response).attempts_left]),
      [
        [400, 'wrong_code', 2],
        [400, 'wrong_code', 1],
        [423, 'locked', undefined],
      ],
    );
    broker.clock.advance(30_000);
    const right = await broker.call('POST', `${url}/code`, coded.token, {
      code: broker.totp(bo.totp?.['code-display'] ?? ''),
    });
    assert.equal(errorOf(right).code, 'session_finished');
    assert.equal((await broker.status(coded.id, coded.token)).code, 'locked');

    // Chip: one wrong password, then a right one, then two failed security-key answers lock (3 together).
    const chip = await broker.createSession({ user_id: dan.userId });
    const chipUrl = `/v1/sessions/${chip.id}`;
    await broker.call('POST', `${chipUrl}/method`, chip.token, { method: 'chip' });
    assert.equal(
      errorOf(await broker.call('POST', `${chipUrl}/password`, chip.token, { password: 'nope' })).attempts_left,
      2,
    );
    assert.equal(
      (await broker.call('POST', `${chipUrl}/password`, chip.token, { password: dan.password })).statusCode,
      200,
    );
    const junk = {
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
        clientExtensionResults: {},
      },
    };
    const keyAnswers = [];
    for (let i = 0; i < 2; i += 1) {
      await broker.call('POST', `${chipUrl}/webauthn/options`, chip.token);
      keyAnswers.push(errorOf(await broker.call('POST', `${chipUrl}/webauthn`, chip.token, junk)));
    }
    assert.deepEqual(
      keyAnswers.map((error) => [error.code, error.attempts_left]),
      [
        ['webauthn_failed', 1],
        ['locked', undefined],
      ],
    );
    await broker.close();
  });

  it('a stranger who knows only the user ID cannot lock its owner out: locks are per session', async () => {
    const broker = await startBroker({ rateLimits: { attemptsPerAddress: 1000, sessionsPerAddress: 1000 } });
    // The stranger locks ten sessions of Bo's user ID from their own address.
    for (let i = 0; i < 10; i += 1) {
      const session = await broker.createSession({ user_id: bo.userId });
      await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
      for (let j = 0; j < 3; j += 1) {
        await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '999999' });
      }
      assert.equal((await broker.status(session.id, session.token)).code, 'locked');
    }
    // Bo logs in at once, with every attempt of a fresh session.
    const { status } = await loginByCode(broker);
    assert.equal(status.status, 'complete');
    await broker.close();
  });

  it('session creation is limited per address, and per client across addresses', async () => {
    const broker = await startBroker({ rateLimits: { sessionsPerAddress: 5, sessionsPerClient: 12 } });
    const fromA = [];
    for (let i = 0; i < 6; i += 1) fromA.push((await createFrom(broker, '203.0.113.1')).statusCode);
    assert.deepEqual(fromA, [201, 201, 201, 201, 201, 429], 'the 6th from one address');
    // Other addresses still may, until the client's total (12 counted, including the refused one) is reached.
    const others = [];
    for (let i = 0; i < 8; i += 1) others.push((await createFrom(broker, `198.51.100.${i + 1}`)).statusCode);
    assert.deepEqual(others, [201, 201, 201, 201, 201, 201, 429, 429], 'the client limit holds across addresses');
    const limited = await createFrom(broker, '198.51.100.99');
    assert.equal(errorOf(limited).code, 'rate_limited');
    // Another client is not affected; and the window passes.
    assert.equal((await createFrom(broker, '198.51.100.99', 'kommune')).statusCode, 201);
    broker.clock.advance(60_000);
    assert.equal((await createFrom(broker, '203.0.113.1')).statusCode, 201);
    await broker.close();
  });

  it('codes and passwords are limited per address and per client', async () => {
    const broker = await startBroker({
      rateLimits: { attemptsPerAddress: 4, attemptsPerClient: 7, sessionsPerAddress: 100 },
    });
    const attempt = async (ip: string, kind: 'code' | 'password') => {
      const session = await broker.createSession({ user_id: kind === 'code' ? bo.userId : dan.userId });
      await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
        method: kind === 'code' ? 'code-display' : 'chip',
      });
      const response = await broker.app.inject({
        method: 'POST',
        url: `/v1/sessions/${session.id}/${kind}`,
        remoteAddress: ip,
        headers: { authorization: `Bearer ${session.token}` },
        payload: kind === 'code' ? { code: '000000' } : { password: 'wrong' },
      });
      return response.statusCode;
    };
    const fromA = [];
    for (let i = 0; i < 5; i += 1) fromA.push(await attempt('203.0.113.7', i % 2 ? 'password' : 'code'));
    assert.deepEqual(fromA, [400, 400, 400, 400, 429], 'codes and passwords share the per-address budget');
    const fromOthers = [];
    for (let i = 0; i < 4; i += 1) fromOthers.push(await attempt(`198.51.100.${i + 1}`, 'password'));
    assert.deepEqual(fromOthers, [400, 400, 429, 429], 'the per-client budget (7) holds across addresses');
    broker.clock.advance(60_000);
    assert.equal(await attempt('203.0.113.7', 'code'), 400, 'the window passes');
    await broker.close();
  });

  it('a rate-limited try costs no attempt of the session', async () => {
    const broker = await startBroker({ rateLimits: { attemptsPerAddress: 1 } });
    const session = await broker.createSession({ user_id: bo.userId });
    const url = `/v1/sessions/${session.id}`;
    await broker.call('POST', `${url}/method`, session.token, { method: 'code-display' });
    await broker.call('POST', `${url}/code`, session.token, { code: '000000' });
    const limited = await broker.call('POST', `${url}/code`, session.token, { code: '000000' });
    assert.equal(errorOf(limited).code, 'rate_limited');
    const status: SessionStatusEvent = await broker.status(session.id, session.token);
    assert.equal(status.attempts_left, 2);
    await broker.close();
  });
});
