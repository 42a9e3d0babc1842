/**
 * Redis goes away and comes back. Meanwhile every call that needs it answers 503 with the JSON error
 * `store_unavailable` (at once, not after a hang); afterwards the instances reconnect by themselves, sessions
 * continue where they were, open event streams hear the rest, and no record ever disagrees with its event log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import { ManualClock } from '../../server/clock.js';
import { toStatusEvent } from '../../server/sessions/status.js';
import { BANK_ORIGIN, identity, NONCE } from './support/broker.js';
import { RedisServer, SKIP_WITHOUT_REDIS, startInstance, type Instance } from './support/redis.js';
import { openStream } from './support/sse.js';
import { waitFor } from '../support/wait-for.js';

/** The instance has reconnected to Redis: it says so on /readyz (what a load balancer polls), and nowhere else. */
function ready(instance: Instance): Promise<void> {
  return waitFor(
    async () => (await instance.call('GET', '/readyz', undefined)).statusCode === 200,
    'the instance to reconnect to Redis (/readyz 200)',
    { intervalMs: 25 },
  );
}

/** The record and its log agree: events 1..seq, each once, the last one the record's own status. */
async function assertWhole(instance: Instance, id: string): Promise<void> {
  const record = await instance.app.broker.store.get(id);
  assert.ok(record, `session ${id}`);
  const events = await instance.app.broker.store.eventsAfter(id, 0);
  assert.deepEqual(
    events.map((event) => event.seq),
    Array.from({ length: record.seq }, (_, index) => index + 1),
  );
  assert.deepEqual(events.at(-1), toStatusEvent(record));
}

describe('Redis unavailable', { skip: SKIP_WITHOUT_REDIS }, () => {
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

  it('answers 503 store_unavailable at once, recovers when Redis returns, and the session goes on', async () => {
    const seed = identity('bo.kodeviser');
    const session = await a.createSession();
    const url = `/v1/sessions/${session.id}`;
    await a.call('POST', `${url}/method`, session.token, { method: 'code-display' });
    const stream = await openStream(`${b.base}${url}/events`, session.token);
    const before = await stream.next();
    assert.equal(before.hint, 'code-required');

    await redis.stop(true);
    clock.advance(30_000);
    const code = a.totp(seed.totp?.['code-display'] ?? '');
    const started = Date.now();
    const answers = await Promise.all([
      a.call(
        'POST',
        '/v1/sessions',
        undefined,
        { client_id: 'netbank', mode: 'login', user_id: 'bo', nonce: NONCE },
        {
          origin: BANK_ORIGIN,
        },
      ),
      b.call('GET', url, session.token),
      a.call('POST', `${url}/code`, session.token, { code }),
      b.call('POST', `${url}/extend`, session.token),
      a.call('GET', '/readyz', undefined),
    ]);
    assert.ok(Date.now() - started < 2500, 'no long hang');
    for (const answer of answers) {
      assert.equal(answer.statusCode, 503, answer.body);
      assert.match(String(answer.headers['content-type']), /^application\/json/);
      assert.equal(answer.json().error.code, 'store_unavailable');
      assert.equal(typeof answer.json().error.message, 'string');
    }
    // What needs no store still works.
    assert.equal((await b.call('GET', '/healthz', undefined)).statusCode, 200);
    assert.equal((await b.call('GET', '/.well-known/jwks.json', undefined)).statusCode, 200);

    await redis.restart();
    await Promise.all([ready(a), ready(b)]);

    // Nothing of the refused calls was written: the session is as it was.
    const status = await a.status(session.id, session.token);
    assert.equal(status.seq, before.seq);
    assert.equal(status.hint, 'code-required');
    assert.equal(status.extensions_left, before.extensions_left);
    await assertWhole(b, session.id);

    // The code refused during the outage was never used: it works now. The stream opened before the outage
    // hears the rest.
    assert.equal((await a.call('POST', `${url}/code`, session.token, { code })).statusCode, 200);
    assert.equal((await stream.next(5000)).hint, 'password-required');
    await b.call('POST', `${url}/password`, session.token, { password: seed.password });
    const done = await stream.next();
    assert.equal(done.status, 'complete');
    assert.equal(done.seq, before.seq + 2);
    await stream.ended;
  });

  it('a hung Redis (no answer at all) gives store_unavailable after the command timeout, then recovers', async () => {
    const session = await a.createSession();
    redis.pause();
    try {
      const started = Date.now();
      const answer = await b.call('POST', `/v1/sessions/${session.id}/extend`, session.token);
      const waited = Date.now() - started;
      assert.equal(answer.statusCode, 503, answer.body);
      assert.equal(answer.json().error.code, 'store_unavailable');
      assert.ok(waited >= 1500 && waited < 4000, `answered after ${waited} ms`);
    } finally {
      redis.resume();
    }
    await Promise.all([ready(a), ready(b)]);
    // The timed-out call may or may not have reached Redis; either way the session is whole and usable.
    await assertWhole(a, session.id);
    const extended = await a.call('POST', `/v1/sessions/${session.id}/extend`, session.token);
    assert.equal(extended.statusCode, 200, extended.body);
  });

  it('Redis stopping in the middle of a burst leaves every session whole', async () => {
    const sessions = await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 ? a : b).createSession()));
    const instances = [a, b];
    let answered = 0;
    const burst = sessions.flatMap((session, index) => {
      const url = `/v1/sessions/${session.id}`;
      const on = (step: number) => instances[(index + step) % 2] as Instance;
      const steps = [
        on(0).call('POST', `${url}/method`, session.token, { method: 'code-display' }),
        on(1).call('POST', `${url}/extend`, session.token),
        on(0).call('POST', `${url}/code`, session.token, { code: '000000' }),
        on(1).call('POST', `${url}/extend`, session.token),
        on(0).call('POST', `${url}/cancel`, session.token),
      ];
      return steps.map((step) => step.finally(() => (answered += 1)));
    });
    // Stop Redis when about a third of the calls have been answered: the rest are in flight or not yet sent.
    while (answered < 20) await new Promise((resolve) => setImmediate(resolve));
    await redis.stop(true);
    const answers = await Promise.all(burst);
    for (const answer of answers) {
      assert.ok(answer.statusCode < 500 || answer.json().error.code === 'store_unavailable', answer.body);
    }
    const refused = answers.filter((answer) => answer.statusCode === 503).length;
    assert.ok(refused > 0 && refused < answers.length, `${refused} of ${answers.length} refused`);
    await redis.restart();
    await Promise.all([ready(a), ready(b)]);
    for (const session of sessions) await assertWhole(a, session.id);
    // And they still work.
    const [first] = sessions;
    assert.ok(first);
    const status = (await b.call('GET', `/v1/sessions/${first.id}`, first.token)).json<SessionStatusEvent>();
    assert.ok(['pending', 'failed'].includes(status.status));
  });

  it('an instance whose event subscriber is down is not ready, and is again once it has reconnected', async () => {
    const subscriber = b.app.broker.redis!.subscriber;
    const dropped = new Promise((resolve) => subscriber.once('close', resolve));
    // The subscriber's socket drops (the command connection stays up): ioredis reconnects it by itself.
    subscriber.stream.destroy();
    await dropped;
    const answer = await b.call('GET', '/readyz', undefined);
    assert.equal(answer.statusCode, 503);
    assert.equal(answer.json<{ error: { code: string } }>().error.code, 'store_unavailable');
    await ready(b);
    assert.equal(subscriber.status, 'ready');
  });
});
