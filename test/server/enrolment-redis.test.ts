/**
 * Enrolment across broker instances on one real redis-server (issue 23): a client assertion is used once over all
 * instances, a user ID reserved through one is taken on the other, and an identity enrolled through one logs in
 * through the other at once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EnrolmentView } from '../../protocol/enrol-api.js';
import { CLIENT_ASSERTION_TYPE } from '../../protocol/enrol-api.js';
import { ManualClock } from '../../server/clock.js';
import { hashToken } from '../../server/http/auth.js';
import { CodeDevice } from '../../testing/node/index.js';
import {
  assertion,
  create,
  createdToken,
  enrolmentClients,
  errorOf,
  makeKeys,
  step,
  type Keys,
} from './support/enrolment.js';
import { RedisServer, SKIP_WITHOUT_REDIS, startInstance, type Instance } from './support/redis.js';

describe('enrolment on several instances', { skip: SKIP_WITHOUT_REDIS }, () => {
  let redis: RedisServer;
  const clock = new ManualClock(Date.now());
  let keys: Keys;
  let a: Instance;
  let b: Instance;

  before(async () => {
    keys = await makeKeys();
    redis = await RedisServer.start();
    const clients = await enrolmentClients(keys);
    [a, b] = await Promise.all([
      startInstance(redis.url, clock, { clients }),
      startInstance(redis.url, clock, { clients }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([a.close(), b.close()]);
    await redis?.dispose();
  });

  it('a client assertion used on A is refused on B', async () => {
    const body = {
      client_id: 'netbank',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await assertion(a, keys.key),
    };
    assert.equal((await create(a, body)).statusCode, 201);
    const replayed = await create(b, body);
    assert.equal(replayed.statusCode, 401);
    assert.equal(errorOf(replayed).code, 'invalid_client');
  });

  it('reserved through A and B is taken on A; activated through B, it logs in through A', async () => {
    const first = await createdToken(a, keys);
    const second = await createdToken(b, keys);
    for (const [path, body] of [
      ['terms', { accepted: true }],
      ['method', { method: 'code-display' }],
      ['contact', { email: 'maja@eksempel.dk' }],
      ['user-id', { user_id: 'fjord.og.fyr42' }],
    ] as const) {
      // Every other step through the other instance: the record is one.
      const through = path === 'method' || path === 'user-id' ? b : a;
      assert.equal((await step(through, first, path, body)).statusCode, 200, path);
    }
    await step(a, second, 'terms', { accepted: true });
    assert.equal(errorOf(await step(a, second, 'user-id', { user_id: 'FJORD.og.fyr42' })).code, 'user_id_taken');

    const sent = (await step(a, first, 'device')).json<EnrolmentView>();
    const raw = await a.app.broker.state.get(`enrol:${hashToken(first)}`);
    const secret = (JSON.parse(raw ?? '{}') as { device: { secret: string } }).device.secret;
    const device = new CodeDevice('code-display', secret);
    const password = 'blå hest på bakken';
    const done = await step(b, first, 'device/activate', {
      serial: sent.device?.serial ?? '',
      code: device.code(clock.now()),
      password,
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json<EnrolmentView>().result);

    clock.advance(30_000);
    const session = await a.createSession({ user_id: 'fjord.og.fyr42' });
    await a.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    const code = await a.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: device.code(clock.now()),
    });
    assert.equal(code.statusCode, 200, code.body);
    const login = await a.call('POST', `/v1/sessions/${session.id}/password`, session.token, { password });
    assert.equal(login.statusCode, 200, login.body);
  });
});
