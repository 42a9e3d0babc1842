/**
 * What several broker instances on one real redis-server share besides sessions: one user's app requests, the
 * signing keys and their rotation, the relying parties' replay store, used one-time codes, devices and their
 * notifications, chip keys and rate limits are the same on every instance.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtectedHeader } from 'jose';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { QrFrameResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import type { AppNotification } from '../../protocol/app-api.js';
import { Redis } from 'ioredis';
import { RedisReplayStore } from '../../verify/index.js';
import { verifyAssertion } from '../../verify/index.js';
import type { AppDevice } from '../../testing/node/index.js';
import { newLetter } from './support/identity.js';
import { SoftwareAuthenticator } from './support/authenticator.js';
import { BANK_ORIGIN, identity, NONCE, PUBLIC_URL } from './support/broker.js';
import { jwksOf, kidsOf, SKIP_WITHOUT_REDIS, startInstance, type Instance, type RedisServer } from './support/redis.js';
import { useThreeInstances } from './support/redis-rig.js';
import { waitFor } from '../support/wait-for.js';

describe('several broker instances on Redis', { skip: SKIP_WITHOUT_REDIS }, () => {
  const rig = useThreeInstances();
  const { clock } = rig;
  let redis: RedisServer;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  let phone: AppDevice;
  before(() => {
    ({ redis, a, b, c, phone } = rig);
  });

  it('two app requests for one user, started on two instances, stop each other (parallel-session)', async () => {
    const first = await a.createSession({ user_id: 'anna.app' });
    const second = await b.createSession({ user_id: 'anna.app' });
    const one = await a.call('POST', `/v1/sessions/${first.id}/method`, first.token, { method: 'app' });
    assert.equal(one.json<{ status: SessionStatusEvent }>().status.hint, 'outstanding');
    // The app sees the first (scans its code through C); then the second starts on B.
    const frame = (await a.call('GET', `/v1/sessions/${first.id}/qr`, first.token)).json<QrFrameResponse>().frame;
    (await phone.via(c.port).scan(frame)).ok();
    const two = await b.call('POST', `/v1/sessions/${second.id}/method`, second.token, { method: 'app' });
    assert.equal(two.json<{ status: SessionStatusEvent }>().status.code, 'parallel-session');
    assert.equal((await c.status(first.id, first.token)).code, 'parallel-session');
    // Finished sessions leave the user's index: the next app login is alone again.
    const third = await c.createSession({ user_id: 'anna.app' });
    const three = await a.call('POST', `/v1/sessions/${third.id}/method`, third.token, { method: 'app' });
    assert.equal(three.json<{ status: SessionStatusEvent }>().status.hint, 'outstanding');
    await a.call('POST', `/v1/sessions/${third.id}/cancel`, third.token);
  });

  it('RedisReplayStore: relying-party back ends sharing Redis accept an assertion once', async () => {
    const { status } = await (async () => {
      const seed = identity('bo.kodeviser');
      const session = await a.createSession();
      await a.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
      clock.advance(30_000);
      await b.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
        code: b.totp(seed.totp?.['code-display'] ?? ''),
      });
      const done = await c.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
        password: seed.password,
      });
      return { status: done.json<SessionStatusEvent>() };
    })();
    const [first, second] = [new Redis(redis.url), new Redis(redis.url)];
    try {
      const expect = {
        issuer: PUBLIC_URL,
        audience: 'netbank',
        nonce: NONCE,
        origin: BANK_ORIGIN,
        jwks: await jwksOf(a),
        currentDate: new Date(clock.now()),
      };
      const backEnd1 = { ...expect, replayStore: new RedisReplayStore(first, 'rp:jti:', () => clock.now()) };
      const backEnd2 = { ...expect, replayStore: new RedisReplayStore(second, 'rp:jti:', () => clock.now()) };
      await verifyAssertion(status.assertion ?? '', backEnd1);
      await assert.rejects(verifyAssertion(status.assertion ?? '', backEnd2), { code: 'replayed' });
    } finally {
      first.disconnect();
      second.disconnect();
    }
  });

  it('publishes the same JWKS from every instance, and a rotation on one is seen by all', async () => {
    const first = kidsOf(await jwksOf(a));
    assert.deepEqual(kidsOf(await jwksOf(b)), first);
    assert.deepEqual(kidsOf(await jwksOf(c)), first);
    const newKid = await a.app.broker.keys.rotate();
    // The others hear of the rotation over Redis and expose no event for it: their JWKS is polled.
    for (const instance of [b, c]) {
      await waitFor(async () => kidsOf(await jwksOf(instance)).includes(newKid), 'the rotated key on every instance', {
        timeoutMs: 2000,
      });
    }
    const everywhere = kidsOf(await jwksOf(a));
    assert.deepEqual(everywhere, [...first, newKid].sort());
    assert.deepEqual(kidsOf(await jwksOf(b)), everywhere);
    assert.deepEqual(kidsOf(await jwksOf(c)), everywhere);

    // An assertion made on C after the rotation carries the new key.
    const seed = identity('bo.kodeviser');
    const session = await c.createSession();
    await c.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    clock.advance(30_000);
    await c.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: c.totp(seed.totp?.['code-display'] ?? ''),
    });
    const done = (
      await c.call('POST', `/v1/sessions/${session.id}/password`, session.token, { password: seed.password })
    ).json<SessionStatusEvent>();
    assert.equal(decodeProtectedHeader(done.assertion ?? '').kid, newKid);
  });

  it('a one-time code accepted on one instance is refused on another', async () => {
    const seed = identity('bo.kodeviser');
    clock.advance(30_000);
    const code = a.totp(seed.totp?.['code-display'] ?? '');
    const first = await a.createSession();
    const second = await b.createSession();
    await a.call('POST', `/v1/sessions/${first.id}/method`, first.token, { method: 'code-display' });
    await b.call('POST', `/v1/sessions/${second.id}/method`, second.token, { method: 'code-display' });
    assert.equal((await a.call('POST', `/v1/sessions/${first.id}/code`, first.token, { code })).statusCode, 200);
    const replayed = await b.call('POST', `/v1/sessions/${second.id}/code`, second.token, { code });
    assert.equal(replayed.json().error.code, 'code_used', 'used, and no try counted');
  });

  it('devices and notifications are known to every instance', async () => {
    const notices = (await phone.via(b.port).call('GET', '/v1/app/notifications')).json<{
      notifications: AppNotification[];
    }>();
    const activated = notices.notifications.find((notice) => notice.kind === 'device-activated');
    assert.equal(activated?.device_name, 'Annas telefon');
    assert.ok(
      notices.notifications.some((notice) => notice.kind === 'requests-stopped'),
      'and what was stopped on A',
    );
    const unknown = await c.call('GET', '/v1/app/requests', 'x'.repeat(43));
    assert.equal(unknown.json().error.code, 'invalid_device');
  });

  it('a chip key enrolled through one instance logs in through another', async () => {
    const key = new SoftwareAuthenticator();
    const seed = identity('dan.chip');
    const started = await a.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip/options',
      headers: { origin: PUBLIC_URL },
      payload: { user_id: seed.userId, activation_code: await newLetter(a, seed.userId) },
    });
    const { enrolment_token, options } = started.json<{
      enrolment_token: string;
      options: PublicKeyCredentialCreationOptionsJSON;
    }>();
    // The enrolment is finished on B, and works once only (C refuses the same token).
    const response = key.create(options, PUBLIC_URL);
    const enrolled = await b.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip',
      payload: { enrolment_token, response },
    });
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    const again = await c.app.inject({ method: 'POST', url: '/v1/enrol/chip', payload: { enrolment_token, response } });
    assert.equal(again.json().error.code, 'invalid_token');

    const session = await c.createSession({ user_id: seed.userId }, PUBLIC_URL);
    const url = `/v1/sessions/${session.id}`;
    await c.call('POST', `${url}/method`, session.token, { method: 'chip' });
    const requestOptions = (
      await b.call('POST', `${url}/webauthn/options`, session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    const afterKey = await c.call('POST', `${url}/webauthn`, session.token, {
      response: key.get(requestOptions, PUBLIC_URL),
    });
    assert.equal(afterKey.statusCode, 200, afterKey.body);
    const done = await a.call('POST', `${url}/password`, session.token, { password: seed.password });
    assert.equal(done.json<SessionStatusEvent>().status, 'complete');
  });

  it('rate limits count across instances', async () => {
    // Instances of their own (another key prefix), so the low limit does not touch the other tests.
    const limited = { rateLimits: { sessionsPerAddress: 3 }, redisKeyPrefix: 'limits:' };
    const [x, y] = await Promise.all([
      startInstance(redis.url, clock, limited),
      startInstance(redis.url, clock, limited),
    ]);
    try {
      await x.createSession();
      await y.createSession();
      await x.createSession();
      const fourth = await y.call(
        'POST',
        '/v1/sessions',
        undefined,
        {
          client_id: 'netbank',
          mode: 'login',
          user_id: 'bo.kodeviser',
          nonce: NONCE,
        },
        { origin: BANK_ORIGIN },
      );
      assert.equal(fourth.statusCode, 429);
      assert.equal(fourth.json().error.code, 'rate_limited');
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });
});
