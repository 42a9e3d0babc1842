/**
 * The identity lifecycle across broker instances on one real redis-server: wrong tries counted together (Redis
 * compare-and-set), a block seen by all, a letter used once anywhere, a device revoked on one refused on another,
 * a request the app saw on one instance stopped by a competing start on another, and a user ID changed on one
 * resolved on the other (two changes to one ID: one wins).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, QrFrameResponse, SessionStatusEvent } from '../../../protocol/page-api.js';
import { ManualClock } from '../../../server/clock.js';
import { AppDevice } from '../../../testing/node/index.js';
import { identity } from '../support/broker.js';
import { activateByLetter, newLetter } from '../support/identity.js';
import { RedisServer, SKIP_WITHOUT_REDIS, startInstance, type Instance } from '../support/redis.js';

async function wrongCode(instance: Instance, userId: string) {
  const session = await instance.createSession({ user_id: userId });
  const chosen = await instance.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
    method: 'code-display',
  });
  if (chosen.statusCode !== 200) return chosen.json<ErrorBody>().error;
  const answer = await instance.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' });
  return answer.json<ErrorBody>().error;
}

describe('the identity lifecycle on several instances', { skip: SKIP_WITHOUT_REDIS }, () => {
  let redis: RedisServer;
  const clock = new ManualClock(Date.now());
  let a: Instance;
  let b: Instance;

  before(async () => {
    redis = await RedisServer.start();
    [a, b] = await Promise.all([startInstance(redis.url, clock), startInstance(redis.url, clock)]);
  });
  after(async () => {
    await Promise.allSettled([a.close(), b.close()]);
    await redis?.dispose();
  });

  it('wrong tries on A and B count together: the 5th blocks on both, and racing tries do not get extra ones', async () => {
    const first = [await wrongCode(a, 'bo.kodeviser'), await wrongCode(b, 'bo.kodeviser')];
    assert.deepEqual(
      first.map((error) => error.attempts_left),
      [4, 3],
    );
    // Ten tries at once over both instances: exactly three more are counted, then everything is blocked.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, index) => wrongCode(index % 2 ? a : b, 'bo.kodeviser')),
    );
    const counted = racing.filter((error) => error.code === 'wrong_code');
    assert.equal(counted.length, 2, JSON.stringify(racing.map((error) => error.code)));
    assert.ok(racing.every((error) => ['wrong_code', 'factor_blocked'].includes(error.code)));
    for (const instance of [a, b]) assert.equal((await wrongCode(instance, 'bo.kodeviser')).code, 'factor_blocked');
  });

  it('a letter used through A is used on B too', async () => {
    const code = await newLetter(a, 'anna.app');
    const onA = await AppDevice.activate(a.port, { userId: 'anna.app', name: 'A', activationCode: code });
    assert.equal(onA.state, 'active');
    const again = await b.app.inject({
      method: 'POST',
      url: '/v1/app/activate',
      payload: {
        user_id: 'anna.app',
        activation_code: code,
        device_public_key: { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) },
        device_name: 'B',
      },
    });
    assert.equal(again.json<ErrorBody>().error.code, 'invalid_activation');
  });

  it('a device revoked through A is refused by B on its next call', async () => {
    const owner = await activateByLetter(a, 'eva.flere', 'Evas telefon');
    const intruder = await activateByLetter(b, 'eva.flere', 'Ukendt');
    assert.equal((await intruder.via(b.port).call('GET', '/v1/app/requests')).status, 200);
    (await owner.call('POST', `/v1/app/authenticators/${intruder.deviceId}/revoke`)).ok();
    assert.equal((await intruder.via(b.port).call('GET', '/v1/app/requests')).errorCode(), 'invalid_device');
  });

  it('a request the app saw through A is stopped with a competing start on B', async () => {
    const phone = await activateByLetter(a, identity('clara.lyd').userId, 'Claras telefon');
    const first = await a.createSession({ user_id: 'clara.lyd' });
    await a.call('POST', `/v1/sessions/${first.id}/method`, first.token, { method: 'app' });
    const frame = (await a.call('GET', `/v1/sessions/${first.id}/qr`, first.token)).json<QrFrameResponse>().frame;
    (await phone.scan(frame)).ok();
    const second = await b.createSession({ user_id: 'clara.lyd' });
    const chosen = await b.call('POST', `/v1/sessions/${second.id}/method`, second.token, { method: 'app' });
    assert.equal(chosen.json<{ status: SessionStatusEvent }>().status.code, 'parallel-session');
    assert.equal((await a.status(first.id, first.token)).code, 'parallel-session');
  });
  it('a user ID changed through A names the identity on B, the old one no one; two changes to one ID: one wins', async () => {
    const login = async (instance: Instance, userId: string, seedUserId = userId) => {
      const seed = identity(seedUserId);
      const session = await instance.createSession({ user_id: userId });
      await instance.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-reader' });
      clock.advance(30_000);
      const code = instance.totp(seed.totp?.['code-reader'] ?? '');
      await instance.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code });
      const done = await instance.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
        password: seed.password,
      });
      return done.json<SessionStatusEvent>().assertion ?? '';
    };
    const access = async (instance: Instance, assertion: string) =>
      (
        await instance.app.inject({
          method: 'POST',
          url: '/v1/identity/access',
          headers: { origin: 'https://bank.example' },
          payload: { assertion },
        })
      ).json<{ access_token: string }>().access_token;
    const change = (instance: Instance, token: string, userId: string) =>
      instance.app.inject({
        method: 'POST',
        url: '/v1/identity/user-id',
        headers: { origin: 'https://bank.example', authorization: `Bearer ${token}` },
        payload: { user_id: userId },
      });

    // The login on A, the access bought on B (the login proof is shared), the change made through it on B.
    const token = await access(b, await login(a, 'clara.lyd'));
    assert.equal((await change(b, token, 'Hav.Lyd-77')).statusCode, 200);
    assert.equal(await a.app.broker.userIds.resolve('hav.lyd-77'), 'clara.lyd');
    assert.equal(await a.app.broker.userIds.resolve('clara.lyd'), 'unknown:clara.lyd');

    // Two identities change to the same new user ID at once, one through each instance: exactly one gets it.
    const again = await access(a, await login(b, 'hav.lyd-77', 'clara.lyd'));
    const evaSeed = identity('eva.flere');
    const evaSession = await b.createSession({ user_id: 'eva.flere' });
    await b.call('POST', `/v1/sessions/${evaSession.id}/method`, evaSession.token, { method: 'code-display' });
    const evaCode = b.totp(evaSeed.totp?.['code-display'] ?? '');
    await b.call('POST', `/v1/sessions/${evaSession.id}/code`, evaSession.token, { code: evaCode });
    const evaDone = await b.call('POST', `/v1/sessions/${evaSession.id}/password`, evaSession.token, {
      password: evaSeed.password,
    });
    const eva = await access(b, evaDone.json<SessionStatusEvent>().assertion ?? '');
    const raced = await Promise.all([change(a, again, 'Fjord.Sol-31'), change(b, eva, 'Fjord.Sol-31')]);
    assert.deepEqual(raced.map((answer) => answer.statusCode).sort(), [200, 409]);
  });
});
