import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import { BANK_ORIGIN, identity, startBroker, type TestBroker } from './support/broker.js';
import { openStream } from './support/sse.js';

describe('event stream (SSE) and long-poll', () => {
  let broker: TestBroker;
  let base: string;
  before(async () => {
    broker = await startBroker({ settings: { heartbeatMs: 40 } });
    await broker.app.listen({ port: 0, host: '127.0.0.1' });
    const address = broker.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => broker.close());

  it('streams status events named "status" with id = seq, then ends on completion', async () => {
    const seed = identity('bo.kodeviser');
    const session = await broker.createSession();
    const stream = await openStream(`${base}/v1/sessions/${session.id}/events`, session.token);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    const first = await stream.next();
    assert.equal(first.eventName, 'status');
    assert.equal(first.eventId, String(first.seq));
    assert.equal(first.hint, 'method-required');

    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    assert.equal((await stream.next()).hint, 'code-required');
    broker.clock.advance(30_000);
    const code = broker.totp(seed.totp?.['code-display'] ?? '');
    await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code });
    assert.equal((await stream.next()).hint, 'password-required');
    await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, { password: seed.password });
    const done = await stream.next();
    assert.equal(done.status, 'complete');
    assert.ok(done.assertion);
    await stream.ended; // the broker closes the stream after the final event
  });

  it('resumes after a dropped connection with Last-Event-ID, losing nothing', async () => {
    const session = await broker.createSession();
    const stream = await openStream(`${base}/v1/sessions/${session.id}/events`, session.token);
    const first = await stream.next();
    stream.close();
    // While disconnected: three changes.
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' });
    await broker.call('POST', `/v1/sessions/${session.id}/extend`, session.token);
    const resumed = await openStream(`${base}/v1/sessions/${session.id}/events`, session.token, first.seq);
    const missed = [await resumed.next(), await resumed.next(), await resumed.next()];
    assert.deepEqual(
      missed.map((event) => event.seq),
      [first.seq + 1, first.seq + 2, first.seq + 3],
    );
    assert.equal(missed[1]?.attempts_left, 4, 'tries left for the user ID after one wrong code');
    assert.equal(missed[2]?.extensions_left, 9);
    await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    const cancelled = await resumed.next();
    assert.equal(cancelled.code, 'cancelled');
    await resumed.ended;
  });

  it('random drops between steps lose no event and no completion', async () => {
    const seed = identity('bo.kodeviser');
    let drops = 0;
    for (let round = 0; round < 12; round += 1) {
      const session = await broker.createSession();
      const url = `/v1/sessions/${session.id}`;
      const seen: number[] = [];
      let stream = await openStream(`${base}${url}/events`, session.token);
      const readAvailable = async (count: number) => {
        for (let i = 0; i < count; i += 1) seen.push((await stream.next()).seq);
      };
      await readAvailable(1);
      const steps: Array<() => Promise<unknown>> = [
        () => broker.call('POST', `${url}/method`, session.token, { method: 'code-display' }),
        () => broker.call('POST', `${url}/code`, session.token, { code: '000000' }),
        () => broker.call('POST', `${url}/extend`, session.token),
        async () => {
          broker.clock.advance(30_000);
          const code = broker.totp(seed.totp?.['code-display'] ?? '');
          return broker.call('POST', `${url}/code`, session.token, { code });
        },
        () => broker.call('POST', `${url}/password`, session.token, { password: seed.password }),
      ];
      let unread = 0;
      for (const step of steps) {
        if (Math.random() < 0.5) {
          // Drop before the step; resume after it from the last event seen.
          stream.close();
          drops += 1;
          await step();
          stream = await openStream(`${base}${url}/events`, session.token, seen.at(-1));
          await readAvailable(unread + 1);
          unread = 0;
        } else {
          await step();
          unread += 1;
        }
      }
      await readAvailable(unread);
      assert.deepEqual(
        seen,
        seen.map((_, index) => index + 1),
        'every seq once, in order',
      );
      assert.equal((await broker.status(session.id, session.token)).seq, seen.at(-1));
      await stream.ended;
    }
    assert.ok(drops > 5, `${drops} drops`);
  });

  it('a finished session replays its final event to a late stream and closes', async () => {
    const session = await broker.createSession();
    await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    const stream = await openStream(`${base}/v1/sessions/${session.id}/events`, session.token);
    assert.equal((await stream.next()).code, 'cancelled');
    await stream.ended;
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const session = await broker.createSession();
    const stream = await openStream(`${base}/v1/sessions/${session.id}/events`, session.token);
    await stream.next();
    // Two heartbeats (every 40 ms here) while no status changes.
    for (let beat = 0; beat < 2; beat += 1) assert.match(await stream.nextComment(), /heartbeat/);
    assert.ok(stream.comments.filter((comment) => comment.includes('heartbeat')).length >= 2, 'heartbeats');
    stream.close();
  });

  it('expiry reaches an open stream through the sweep', async () => {
    const session = await broker.createSession();
    const stream = await openStream(`${base}/v1/sessions/${session.id}/events`, session.token);
    await stream.next();
    broker.clock.advance(181_000);
    await broker.app.broker.sessions.sweep();
    const expired = await stream.next();
    assert.equal(expired.status, 'failed');
    assert.equal(expired.code, 'expired');
  });

  it('a cross-origin page gets CORS headers on the stream too', async () => {
    const session = await broker.createSession();
    const response = await fetch(`${base}/v1/sessions/${session.id}/events`, {
      headers: { authorization: `Bearer ${session.token}`, origin: BANK_ORIGIN },
    });
    assert.equal(response.headers.get('access-control-allow-origin'), BANK_ORIGIN);
    await response.body?.cancel();
  });

  it('refuses a stream without the right token, with a JSON error', async () => {
    const session = await broker.createSession();
    const response = await fetch(`${base}/v1/sessions/${session.id}/events`, {
      headers: { authorization: 'Bearer ' + 'x'.repeat(43) },
    });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_token');
  });

  it('long-poll: answers at once when newer events exist, waits for the next otherwise', async () => {
    const session = await broker.createSession();
    const url = `/v1/sessions/${session.id}`;
    const now = await broker.status(session.id, session.token);
    assert.equal(now.seq, 1);
    const registered = broker.nextSubscription(session.id);
    const waiting = fetch(`${base}${url}?wait=5&after=1`, { headers: { authorization: `Bearer ${session.token}` } });
    await registered; // the long-poll waits for the next event now
    await broker.call('POST', `${url}/method`, session.token, { method: 'chip' });
    const next = (await (await waiting).json()) as SessionStatusEvent;
    assert.equal(next.seq, 2);
    assert.equal(next.hint, 'chip-required');
    const immediate = await broker.call('GET', `${url}?wait=5&after=0`, session.token);
    assert.equal(immediate.json<SessionStatusEvent>().seq, 2);
  });

  it('long-poll: times out with the unchanged status', async () => {
    const session = await broker.createSession();
    const started = Date.now();
    const response = await fetch(`${base}/v1/sessions/${session.id}?wait=1&after=1`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(((await response.json()) as SessionStatusEvent).seq, 1);
    assert.ok(Date.now() - started >= 900);
  });
});
