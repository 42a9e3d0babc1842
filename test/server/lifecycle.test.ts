import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CreateSessionResponse, ExtendResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import { BANK_ORIGIN, identity, PUBLIC_URL, startBroker, type TestBroker } from './support/broker.js';

describe('session lifecycle: expiry, extend, cancel', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('a new session lasts three minutes, then fails with expired', async () => {
    const session = await broker.createSession();
    assert.equal(Date.parse(session.expires_at) - broker.clock.now(), 180_000);
    assert.equal(session.extensions_left, 10);
    assert.deepEqual(session.methods, ['app', 'code-display', 'code-reader', 'chip']);
    broker.clock.advance(179_000);
    assert.equal((await broker.status(session.id, session.token)).status, 'pending');
    broker.clock.advance(1_000);
    const status = await broker.status(session.id, session.token);
    assert.deepEqual([status.status, status.code], ['failed', 'expired']);
    const late = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'session_finished');
  });

  it('extend gives back the full time, ten times at most (WCAG 2.2.1)', async () => {
    const session = await broker.createSession();
    const answers: ExtendResponse[] = [];
    for (let i = 0; i < 10; i += 1) {
      broker.clock.advance(150_000);
      const extended = await broker.call('POST', `/v1/sessions/${session.id}/extend`, session.token);
      assert.equal(extended.statusCode, 200, extended.body);
      answers.push(extended.json<ExtendResponse>());
      assert.equal(Date.parse(answers.at(-1)?.expires_at ?? ''), broker.clock.now() + 180_000);
    }
    assert.deepEqual(
      answers.map((answer) => answer.extensions_left),
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    );
    const capped = await broker.call('POST', `/v1/sessions/${session.id}/extend`, session.token);
    assert.equal(capped.statusCode, 409);
    assert.equal(capped.json().error.code, 'extend_limit');
    assert.equal((await broker.status(session.id, session.token)).extensions_left, 0);
  });

  it('cancel fails the session with cancelled; a second cancel is session_finished', async () => {
    const session = await broker.createSession();
    const cancelled = await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    assert.equal(cancelled.json<SessionStatusEvent>().code, 'cancelled');
    const again = await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    assert.equal(again.json().error.code, 'session_finished');
    const extend = await broker.call('POST', `/v1/sessions/${session.id}/extend`, session.token);
    assert.equal(extend.json().error.code, 'session_finished');
  });

  it('the sweep fails expired sessions and forgets finished ones after the retention time', async () => {
    const session = await broker.createSession();
    broker.clock.advance(181_000);
    await broker.app.broker.sessions.sweep();
    assert.equal((await broker.app.broker.store.get(session.id))?.failure, 'expired');
    broker.clock.advance(broker.app.broker.settings.finishedRetentionMs + 1);
    await broker.app.broker.sessions.sweep();
    const gone = await broker.call('GET', `/v1/sessions/${session.id}`, session.token);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'session_not_found');
  });

  it('a method can be changed until a factor has been proven, never after', async () => {
    const seed = identity('bo.kodeviser');
    const session = await broker.createSession();
    const url = `/v1/sessions/${session.id}`;
    await broker.call('POST', `${url}/method`, session.token, { method: 'app' });
    const switched = await broker.call('POST', `${url}/method`, session.token, { method: 'code-display' });
    assert.equal(switched.json<{ status: SessionStatusEvent }>().status.hint, 'code-required');
    broker.clock.advance(30_000);
    await broker.call('POST', `${url}/code`, session.token, { code: broker.totp(seed.totp?.['code-display'] ?? '') });
    const late = await broker.call('POST', `${url}/method`, session.token, { method: 'app' });
    assert.equal(late.json().error.code, 'wrong_step');
  });
});

describe('session creation rules', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  const create = (payload: Record<string, unknown>, origin: string | null = BANK_ORIGIN) =>
    broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: origin ? { origin } : {},
      payload: { client_id: 'netbank', mode: 'login', user_id: 'bo.kodeviser', nonce: 'n'.repeat(16), ...payload },
    });

  it('checks the Origin against the client; `self` means the broker’s own origin', async () => {
    assert.equal((await create({}, 'https://evil.example')).json().error.code, 'origin_not_allowed');
    assert.equal((await create({}, null)).json().error.code, 'origin_not_allowed');
    assert.equal((await create({ client_id: 'kommune' }, PUBLIC_URL)).json().error.code, 'origin_not_allowed');
    assert.equal((await create({}, PUBLIC_URL)).statusCode, 201);
    assert.equal((await create({}, 'http://127.0.0.1:7777')).statusCode, 201, 'loopback alias of self');
    assert.equal((await create({ client_id: 'nope' })).json().error.code, 'unknown_client');
  });

  it('refuses CPR-shaped user IDs with cpr_user_id', async () => {
    for (const userId of ['0101901234', '010190-1234', ' 3112999999 ']) {
      const response = await create({ user_id: userId });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, 'cpr_user_id', userId);
    }
    assert.equal((await create({ user_id: '<img src=x>' })).json().error.code, 'invalid_user_id');
    assert.equal((await create({ user_id: '   ' })).json().error.code, 'invalid_user_id');
  });

  it('approve mode needs a valid text; login refuses one', async () => {
    assert.equal((await create({ mode: 'approve' })).json().error.code, 'invalid_transaction_text');
    for (const text of ['', '  \n ', 'a\u0007b', 'x\u202Ey', 'æ'.repeat(501)]) {
      assert.equal(
        (await create({ mode: 'approve', transaction: { text } })).json().error.code,
        'invalid_transaction_text',
      );
    }
    assert.equal((await create({ transaction: { text: 'hej' } })).json().error.code, 'invalid_request');
    assert.equal((await create({ mode: 'approve', transaction: { text: 'æ'.repeat(500) } })).statusCode, 201);
  });

  it('tokens are long and random, and a token opens only its own session', async () => {
    const a = (await create({})).json<CreateSessionResponse>();
    const b = (await create({})).json<CreateSessionResponse>();
    assert.ok(Buffer.from(a.session_token, 'base64url').length >= 16);
    assert.notEqual(a.session_token, b.session_token);
    const crossed = await broker.call('GET', `/v1/sessions/${a.session_id}`, b.session_token);
    assert.equal(crossed.statusCode, 401);
    assert.equal(crossed.json().error.code, 'invalid_token');
    const missing = await broker.call('GET', `/v1/sessions/${a.session_id}`, undefined);
    assert.equal(missing.json().error.code, 'invalid_token');
  });
});

describe('no user enumeration', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker({ passwordCost: 2 ** 14 });
  });
  after(() => broker.close());

  // Everything but the random parts of an answer.
  const shape = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (key, inner) =>
      ['session_id', 'session_token', 'expires_at', 'request_id', 'challenge', 'frame', 'pairing_code'].includes(key)
        ? '*'
        : inner,
    );

  async function journey(userId: string, method: 'app' | 'code-display' | 'code-reader' | 'chip') {
    const answers: unknown[] = [];
    const session = await broker.createSession({ user_id: userId });
    answers.push(shape({ ...session, id: '*', token: '*' }));
    const url = `/v1/sessions/${session.id}`;
    const record = async (response: { statusCode: number; json(): unknown }) =>
      answers.push([response.statusCode, shape(response.json())]);
    await record(await broker.call('POST', `${url}/method`, session.token, { method }));
    if (method === 'app') await record(await broker.call('GET', `${url}/qr`, session.token));
    if (method === 'code-display' || method === 'code-reader') {
      await record(await broker.call('POST', `${url}/code`, session.token, { code: '000000' }));
    }
    if (method === 'chip') {
      await record(await broker.call('POST', `${url}/password`, session.token, { password: 'wrong-password' }));
      await broker.call('POST', `${url}/webauthn/options`, session.token);
      await record(
        await broker.call('POST', `${url}/webauthn`, session.token, {
          response: {
            id: 'AAAA',
            rawId: 'AAAA',
            type: 'public-key',
            response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
            clientExtensionResults: {},
          },
        }),
      );
    }
    await record(await broker.call('POST', `${url}/extend`, session.token));
    await record(await broker.call('POST', `${url}/cancel`, session.token));
    return answers;
  }

  it('known and unknown user IDs get the same answers, step by step, for every method', async () => {
    for (const [known, method] of [
      ['anna.app', 'app'],
      ['bo.kodeviser', 'code-display'],
      ['clara.lyd', 'code-reader'],
      ['dan.chip', 'chip'],
      ['frank.spaerret', 'code-display'],
    ] as const) {
      // A fresh unknown ID each time: wrong tries count per user ID, so each pair starts from the same count.
      const unknown = `nobody.${method}.${known}`;
      assert.deepEqual(await journey(known, method), await journey(unknown, method), `${known} / ${method}`);
    }
  });
});

describe('rate limits', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker({ rateLimits: { sessionsPerAddress: 3, attemptsPerAddress: 4 } });
  });
  after(() => broker.close());

  it('limits session creation per address, and attempts per address, with rate_limited', async () => {
    const sessions = [];
    for (let i = 0; i < 3; i += 1) sessions.push(await broker.createSession());
    const fourth = await broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { origin: BANK_ORIGIN },
      payload: { client_id: 'netbank', mode: 'login', user_id: 'x.y', nonce: 'n'.repeat(16) },
    });
    assert.equal(fourth.statusCode, 429);
    assert.equal(fourth.json().error.code, 'rate_limited');

    const codes = [];
    for (const session of sessions) {
      await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    }
    for (let i = 0; i < 5; i += 1) {
      const session = sessions[i % 3];
      assert.ok(session);
      codes.push(
        (await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' })).statusCode,
      );
    }
    assert.equal(codes.at(-1), 429);
    broker.clock.advance(60_000);
    assert.equal((await broker.createSession()).methods.length, 4, 'the window passes');
  });
});
