/**
 * Guessing: wrong codes, passwords and security-key answers count together per user ID over every session
 * (`failureLimit`, 5, then a block: test/server/identity/failures.test.ts has the schedule); session creation and
 * attempts are rate-limited per address and per client. The trade-off of counting per user ID: a stranger who
 * knows only a user ID can block its codes, password and chip for a while (as PSD2 demands), never its app.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { SessionStatusEvent } from '../../../protocol/page-api.js';
import { DEFAULT_RATE_LIMITS, DEFAULT_SETTINGS } from '../../../server/settings.js';
import { BANK_ORIGIN, identity, loginByCode, NONCE, startBroker, type TestBroker } from '../support/broker.js';

const bo = identity('bo.kodeviser');

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
  it('the documented numbers: 5 tries per user ID, blocks of 15 min, 1 h, 24 h, then support; 60 sessions and 60 attempts per address per minute', () => {
    assert.equal(DEFAULT_SETTINGS.failureLimit, 5);
    assert.deepEqual(DEFAULT_SETTINGS.blockSchedule, [15 * 60_000, 60 * 60_000, 24 * 60 * 60_000]);
    assert.deepEqual(DEFAULT_RATE_LIMITS, {
      windowMs: 60_000,
      sessionsPerAddress: 60,
      sessionsPerClient: 6000,
      attemptsPerAddress: 60,
      attemptsPerClient: 6000,
    });
  });

  it('the 5th wrong try of a user ID blocks, whatever the mix of code, password and key, in one session or many', async () => {
    const broker = await startBroker();
    // Eva: two wrong codes, a right code and a wrong password, then two failed key answers in a chip session.
    const eva = identity('eva.flere');
    const coded = await broker.createSession({ user_id: eva.userId });
    const url = `/v1/sessions/${coded.id}`;
    await broker.call('POST', `${url}/method`, coded.token, { method: 'code-display' });
    const answers = [];
    for (let i = 0; i < 2; i += 1)
      answers.push(await broker.call('POST', `${url}/code`, coded.token, { code: '000000' }));
    broker.clock.advance(30_000);
    await broker.call('POST', `${url}/code`, coded.token, { code: broker.totp(eva.totp?.['code-display'] ?? '') });
    answers.push(await broker.call('POST', `${url}/password`, coded.token, { password: 'nope' }));
    const chip = await broker.createSession({ user_id: eva.userId });
    const chipUrl = `/v1/sessions/${chip.id}`;
    await broker.call('POST', `${chipUrl}/method`, chip.token, { method: 'chip' });
    const junk = {
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
        clientExtensionResults: {},
      },
    };
    for (let i = 0; i < 2; i += 1) {
      await broker.call('POST', `${chipUrl}/webauthn/options`, chip.token);
      answers.push(await broker.call('POST', `${chipUrl}/webauthn`, chip.token, junk));
    }
    assert.deepEqual(
      answers.map((response) => [response.statusCode, errorOf(response).code, errorOf(response).attempts_left]),
      [
        [400, 'wrong_code', 4],
        [400, 'wrong_code', 3],
        [400, 'wrong_password', 2],
        [400, 'webauthn_failed', 1],
        [423, 'factor_blocked', undefined],
      ],
    );
    assert.equal((await broker.status(chip.id, chip.token)).code, 'blocked');
    // The first session's password step is refused unchecked now, and a new session too.
    const later = await broker.call('POST', `${url}/password`, coded.token, { password: eva.password });
    assert.equal(errorOf(later).code, 'factor_blocked');
    await broker.close();
  });

  it('a stranger who knows only the user ID blocks its codes for 15 minutes at most per 5 tries, never its app', async () => {
    const broker = await startBroker({ rateLimits: { attemptsPerAddress: 1000, sessionsPerAddress: 1000 } });
    for (let i = 0; i < 10; i += 1) {
      const session = await broker.createSession({ user_id: 'eva.flere' });
      const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
        method: 'code-display',
      });
      if (chosen.statusCode !== 200) continue;
      await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '999999' });
    }
    const app = await broker.createSession({ user_id: 'eva.flere' });
    const chosen = await broker.call('POST', `/v1/sessions/${app.id}/method`, app.token, { method: 'app' });
    assert.equal(chosen.statusCode, 200, 'the owner can still use the app');
    broker.clock.advance(15 * 60_000);
    const { status } = await loginByCode(broker, 'eva.flere');
    assert.equal(status.status, 'complete', 'and the code display again after the block');
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
    let guesser = 0;
    // Each guess for a user ID of its own, so the per-user-ID block never answers before the rate limit does.
    const attempt = async (ip: string, kind: 'code' | 'password') => {
      const userId = `gaet.${(guesser += 1)}`;
      const session = await broker.createSession({ user_id: userId });
      const url = `/v1/sessions/${session.id}`;
      await broker.call('POST', `${url}/method`, session.token, { method: 'code-display' });
      if (kind === 'password') {
        // Past the code step without a counted try: the session is taken there as a right code would take it.
        await broker.app.broker.sessions.mutatePending(session.id, (draft) => {
          draft.codeVerified = true;
          draft.hint = 'password-required';
          return draft;
        });
      }
      const response = await broker.app.inject({
        method: 'POST',
        url: `${url}/${kind}`,
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

  it('a rate-limited try costs no try of the user ID', async () => {
    const broker = await startBroker({ rateLimits: { attemptsPerAddress: 1 } });
    const session = await broker.createSession({ user_id: bo.userId });
    const url = `/v1/sessions/${session.id}`;
    await broker.call('POST', `${url}/method`, session.token, { method: 'code-display' });
    await broker.call('POST', `${url}/code`, session.token, { code: '000000' });
    const limited = await broker.call('POST', `${url}/code`, session.token, { code: '000000' });
    assert.equal(errorOf(limited).code, 'rate_limited');
    const status: SessionStatusEvent = await broker.status(session.id, session.token);
    assert.equal(status.attempts_left, 4);
    await broker.close();
  });
});
