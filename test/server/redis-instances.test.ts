/**
 * Several broker instances on one real redis-server, as behind a load balancer without stickiness: a session
 * started on one is followed on another and approved through a third; instances restart or die mid-session and
 * nothing is lost; keys, devices, chip keys, rate limits and one-time codes are the same everywhere.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { QrFrameResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import type { AppNotification } from '../../protocol/app-api.js';
import { ManualClock, systemClock } from '../../server/clock.js';
import { Redis } from 'ioredis';
import { RedisReplayStore } from '../../verify/index.js';
import { verifyAssertion } from '../../verify/index.js';
import type { AppDevice } from '../support/app-device.js';
import { activateByLetter, newLetter } from './support/identity.js';
import { SoftwareAuthenticator } from './support/authenticator.js';
import { BANK_ORIGIN, identity, NONCE, PUBLIC_URL } from './support/broker.js';
import { RedisServer, SKIP_WITHOUT_REDIS, startChildInstance, startInstance, type Instance } from './support/redis.js';
import { openStream } from './support/sse.js';
import { waitFor } from '../support/wait-for.js';

async function jwksOf(instance: Instance): Promise<JSONWebKeySet> {
  return (await (await fetch(`${instance.base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
}

function kidsOf(jwks: JSONWebKeySet): string[] {
  return jwks.keys.map((key) => key.kid ?? '').sort();
}

describe('several broker instances on Redis', { skip: SKIP_WITHOUT_REDIS }, () => {
  let redis: RedisServer;
  const clock = new ManualClock(Date.now());
  let a: Instance;
  let b: Instance;
  let c: Instance;
  let phone: AppDevice;

  before(async () => {
    redis = await RedisServer.start();
    // Started together: they agree on one signing key and one set of secrets.
    [a, b, c] = await Promise.all([
      startInstance(redis.url, clock),
      startInstance(redis.url, clock),
      startInstance(redis.url, clock),
    ]);
    const anna = identity('anna.app');
    phone = await activateByLetter(a, anna.userId, 'Annas telefon');
  });
  after(async () => {
    await Promise.allSettled([a.close(), b.close(), c.close()]);
    await redis?.dispose();
  });

  it('starts a session on A, follows it on B, approves it through C; the assertion verifies with any JWKS', async () => {
    const session = await a.createSession({ user_id: 'anna.app' });
    const stream = await openStream(`${b.base}/v1/sessions/${session.id}/events`, session.token);
    assert.equal((await stream.next()).hint, 'method-required');

    const chosen = await a.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app' });
    assert.equal(chosen.statusCode, 200, chosen.body);
    assert.equal((await stream.next()).hint, 'outstanding');

    // The page polls QR frames from B; the phone talks to C.
    const frame = (await b.call('GET', `/v1/sessions/${session.id}/qr`, session.token)).json<QrFrameResponse>();
    const onC = phone.via(c.port);
    const scanned = await onC.scan(frame.frame);
    assert.equal(scanned.status, 200, scanned.text);
    assert.equal((await stream.next()).hint, 'qr-scanned');
    const [request] = await onC.requests();
    assert.ok(request);
    assert.equal((await onC.open(request.request_id)).status, 200);
    assert.equal((await stream.next()).hint, 'user-signing');
    const decided = await onC.decide(request, 'approve');
    assert.equal(decided.status, 200, decided.text);

    const done = await stream.next();
    assert.equal(done.status, 'complete');
    assert.equal(done.seq, 5);
    await stream.ended;
    for (const instance of [a, b, c]) {
      const claims = await verifyAssertion(done.assertion ?? '', {
        issuer: PUBLIC_URL,
        audience: 'netbank',
        nonce: NONCE,
        origin: BANK_ORIGIN,
        jwks: await jwksOf(instance),
        currentDate: new Date(clock.now()),
        // One assertion checked against each instance's key set: a replay check would refuse the second.
        replayStore: false,
      });
      assert.equal(claims.method, 'app');
    }
    // Every instance reads the same final status.
    for (const instance of [a, b, c]) assert.equal((await instance.status(session.id, session.token)).seq, 5);
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

  it('a long-poll waiting on one instance wakes when another changes the session', async () => {
    const session = await a.createSession();
    const registered = b.nextSubscription(session.id);
    const waiting = fetch(`${b.base}/v1/sessions/${session.id}?wait=10&after=1`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    await registered; // the long-poll waits on B now
    const started = Date.now();
    await c.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'chip' });
    const next = (await (await waiting).json()) as SessionStatusEvent;
    assert.equal(next.seq, 2);
    assert.equal(next.hint, 'chip-required');
    assert.ok(Date.now() - started < 2000, 'woken by the change, not by the timeout');
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

  it('two instances never both complete a session: one wins, the others see it finished', async () => {
    const seed = identity('bo.kodeviser');
    for (let round = 0; round < 5; round += 1) {
      const session = await a.createSession();
      const url = `/v1/sessions/${session.id}`;
      await a.call('POST', `${url}/method`, session.token, { method: 'code-display' });
      clock.advance(30_000);
      const code = await b.call('POST', `${url}/code`, session.token, {
        code: b.totp(seed.totp?.['code-display'] ?? ''),
      });
      assert.equal(code.statusCode, 200, code.body);
      const answers = await Promise.all(
        [a, b, c, a, b, c].map((instance) =>
          instance.call('POST', `${url}/password`, session.token, { password: seed.password }),
        ),
      );
      const completed = answers.filter((answer) => answer.statusCode === 200);
      assert.equal(completed.length, 1, answers.map((answer) => answer.body).join('\n'));
      for (const answer of answers.filter((other) => other.statusCode !== 200)) {
        assert.equal(answer.statusCode, 409, answer.body);
      }
      const events = await c.app.broker.store.eventsAfter(session.id, 0);
      assert.deepEqual(
        events.map((event) => event.seq),
        events.map((_, index) => index + 1),
        'every seq once',
      );
      assert.equal(events.filter((event) => event.status === 'complete').length, 1);
      assert.equal(events.at(-1)?.assertion, completed[0]?.json<SessionStatusEvent>().assertion);
    }
  });

  it('concurrent changes through every instance apply one by one (no lost update, nothing beyond the limits)', async () => {
    const session = await a.createSession();
    const answers = await Promise.all(
      [a, b, c, a, b, c, a, b, c, a, b, c, a, b, c].map((instance) =>
        instance.call('POST', `/v1/sessions/${session.id}/extend`, session.token),
      ),
    );
    assert.equal(answers.filter((answer) => answer.statusCode === 200).length, 10);
    assert.equal(answers.filter((answer) => answer.json().error?.code === 'extend_limit').length, 5);
    const status = await b.status(session.id, session.token);
    assert.equal(status.extensions_left, 0);
    assert.equal(status.seq, 11);
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

  it('expiry is announced once, by whichever instance sweeps first', async () => {
    const session = await a.createSession();
    const stream = await openStream(`${c.base}/v1/sessions/${session.id}/events`, session.token);
    await stream.next();
    clock.advance(181_000);
    await Promise.all([a.app.broker.sessions.sweep(), b.app.broker.sessions.sweep(), c.app.broker.sessions.sweep()]);
    const expired = await stream.next();
    assert.equal(expired.code, 'expired');
    await stream.ended;
    const events = await b.app.broker.store.eventsAfter(session.id, 0);
    assert.deepEqual(
      events.map((event) => event.seq),
      [1, 2],
    );
  });

  it('restarting every instance keeps pending sessions; a stream resumes on a new instance', async () => {
    const seed = identity('bo.kodeviser');
    const session = await a.createSession();
    const url = `/v1/sessions/${session.id}`;
    await b.call('POST', `${url}/method`, session.token, { method: 'code-display' });
    const stream = await openStream(`${c.base}${url}/events`, session.token);
    const seen = await stream.next();
    assert.equal(seen.hint, 'code-required');
    const jwksBefore = kidsOf(await jwksOf(a));

    await Promise.all([a.close(), b.close(), c.close()]);
    await stream.ended; // the instance closed the stream on its way down
    [a, b, c] = await Promise.all([
      startInstance(redis.url, clock),
      startInstance(redis.url, clock),
      startInstance(redis.url, clock),
    ]);

    assert.deepEqual(kidsOf(await jwksOf(c)), jwksBefore, 'the same keys after the restart');
    const status = await b.status(session.id, session.token);
    assert.equal(status.status, 'pending');
    assert.equal(status.hint, 'code-required');
    assert.equal(status.seq, seen.seq);

    const resumed = await openStream(`${a.base}${url}/events`, session.token, seen.seq);
    clock.advance(30_000);
    await b.call('POST', `${url}/code`, session.token, { code: b.totp(seed.totp?.['code-display'] ?? '') });
    assert.equal((await resumed.next()).hint, 'password-required');
    await c.call('POST', `${url}/password`, session.token, { password: seed.password });
    const done = await resumed.next();
    assert.equal(done.status, 'complete');
    assert.equal(done.seq, seen.seq + 2);
    await resumed.ended;
    // The phone activated before the restart still works.
    assert.equal((await phone.via(c.port).call('GET', '/v1/app/requests')).status, 200);
  });
});

describe('an instance killed mid-session', { skip: SKIP_WITHOUT_REDIS }, () => {
  let redis: RedisServer;
  before(async () => {
    redis = await RedisServer.start();
  });
  after(() => redis?.dispose());

  it('the client reconnects to another instance with Last-Event-ID and the login completes', async () => {
    // Real time here: the killed instance is its own process with the system clock.
    const realTime = { clock: systemClock };
    const killed = await startChildInstance(redis.url);
    const clock = new ManualClock();
    const [b, c] = await Promise.all([
      startInstance(redis.url, clock, realTime),
      startInstance(redis.url, clock, realTime),
    ]);
    try {
      const anna = identity('anna.app');
      const phone = await activateByLetter(b, anna.userId, 'Annas telefon');
      const headers = { origin: BANK_ORIGIN, 'content-type': 'application/json' };
      const created = await fetch(`${killed.base}/v1/sessions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ client_id: 'netbank', mode: 'login', user_id: anna.userId, nonce: NONCE }),
      });
      const session = (await created.json()) as { session_id: string; session_token: string };
      const url = `/v1/sessions/${session.session_id}`;
      const chosen = await fetch(`${killed.base}${url}/method`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${session.session_token}` },
        body: JSON.stringify({ method: 'app', device: 'same' }),
      });
      assert.equal(chosen.status, 200);
      const { app_link: appLink } = (await chosen.json()) as { app_link: string };

      const stream = await openStream(`${killed.base}${url}/events`, session.session_token);
      assert.equal((await stream.next()).hint, 'outstanding');
      const onC = phone.via(c.port);
      const opened = await onC.openLink(appLink);
      assert.equal(opened.status, 200, opened.text);
      const request = opened.json();
      const signing = await stream.next();
      assert.equal(signing.hint, 'user-signing');

      // The instance holding the stream dies; the user approves meanwhile.
      killed.child.kill('SIGKILL');
      await stream.ended;
      assert.equal((await onC.decide(request, 'approve')).status, 200);

      const resumed = await openStream(`${b.base}${url}/events`, session.session_token, signing.seq);
      const done = await resumed.next();
      assert.equal(done.status, 'complete');
      assert.equal(done.seq, signing.seq + 1, 'the very next event, once');
      assert.ok(done.assertion);
      await resumed.ended;
    } finally {
      killed.child.kill('SIGKILL');
      await Promise.all([b.close(), c.close()]);
    }
  });
});
