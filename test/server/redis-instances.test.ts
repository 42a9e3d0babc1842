/**
 * Several broker instances on one real redis-server, as behind a load balancer without stickiness: a session
 * started on one is followed on another and approved through a third, completes once however many instances race
 * for it, and expires once; instances restart or die mid-session and nothing is lost. What the instances share
 * besides sessions (keys, devices, chip keys, rate limits, one-time codes) is in redis-instances-shared.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { QrFrameResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import { transactionRendering, type PaymentDetails } from '../../protocol/transaction.js';
import { ManualClock, systemClock } from '../../server/clock.js';
import { verifyAssertion } from '../../verify/index.js';
import type { AppDevice } from '../../testing/node/index.js';
import { activateByLetter } from './support/identity.js';
import { BANK_ORIGIN, identity, NONCE, PUBLIC_URL } from './support/broker.js';
import {
  jwksOf,
  kidsOf,
  RedisServer,
  SKIP_WITHOUT_REDIS,
  startChildInstance,
  startInstance,
  type Instance,
} from './support/redis.js';
import { useThreeInstances } from './support/redis-rig.js';
import { openStream } from './support/sse.js';

describe('several broker instances on Redis', { skip: SKIP_WITHOUT_REDIS }, () => {
  const rig = useThreeInstances();
  const { clock } = rig;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  let phone: AppDevice;
  before(() => {
    ({ a, b, c, phone } = rig);
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

  it('a payment approval keeps its details through Redis: shown on the phone via B, signed via C, verified field by field', async () => {
    const payment: PaymentDetails = {
      kind: 'payment',
      amount: { value: '2300.00', currency: 'DKK' },
      payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
    };
    const session = await a.createSession({ user_id: 'anna.app', mode: 'approve', transaction: { details: payment } });
    assert.equal(session.transaction?.text, transactionRendering(payment, 'da'));
    await a.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app' });
    const frame = (await c.call('GET', `/v1/sessions/${session.id}/qr`, session.token)).json<QrFrameResponse>();
    const onB = phone.via(b.port);
    assert.equal((await onB.scan(frame.frame)).status, 200);
    const [request] = await onB.requests();
    assert.deepEqual(request?.transaction_details, payment, 'the phone gets the details as the page gave them');
    const onC = phone.via(c.port);
    await onC.open(request.request_id);
    assert.equal((await onC.decide(request, 'approve')).status, 200);
    const done = await a.status(session.id, session.token);
    assert.equal(done.status, 'complete');
    const claims = await verifyAssertion(done.assertion ?? '', {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwks: await jwksOf(b),
      currentDate: new Date(clock.now()),
      expectedTransaction: payment,
    });
    assert.deepEqual(claims.txn?.details, payment);
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

    const restarted = rig.restart();
    await stream.ended; // the instance closed the stream on its way down
    await restarted;
    ({ a, b, c } = rig);

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
