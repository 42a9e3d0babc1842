/**
 * Caps on open status connections (server/routes/stream-gate.ts): a few per session, and a total per instance.
 * Over a cap the broker answers 429 `rate_limited` (the element backs off and keeps its session); a closed
 * connection gives its place back; a long-poll that answers at once holds no place.
 */
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBroker, type TestBroker } from '../support/broker.js';
import { openStream, type StatusStream } from '../support/sse.js';

describe('hardening: caps on open status connections', () => {
  let broker: TestBroker;
  let base: string;
  before(async () => {
    broker = await startBroker({ settings: { maxStreamsPerSession: 2, maxOpenStreams: 3, heartbeatMs: 60_000 } });
    await broker.app.listen({ port: 0, host: '127.0.0.1' });
    const address = broker.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(async () => {
    broker.app.server.closeAllConnections();
    await broker.close();
  });

  const events = (id: string) => `${base}/v1/sessions/${id}/events`;

  async function refused(response: Response | StatusStream): Promise<void> {
    assert.equal(response.status, 429);
    if ('json' in response) {
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'rate_limited');
      assert.equal(response.headers.get('retry-after'), '2', 'when to try again');
    }
  }

  /** Opens a stream, retrying while the broker has not yet seen an earlier one close (a few event-loop turns). */
  async function openOnceFree(id: string, token: string): Promise<StatusStream> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const stream = await openStream(events(id), token);
      if (stream.status === 200) return stream;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the place of the closed stream never came back');
  }

  /** Opens a stream, retrying until the broker has taken both long-polls' places (they are sent just before). */
  async function openOnceFull(id: string, token: string): Promise<StatusStream> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const stream = await openStream(events(id), token);
      if (stream.status === 429) return stream;
      stream.close();
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the long-polls never took their places');
  }

  it('a session holds at most maxStreamsPerSession; a closed stream gives its place back', async () => {
    const session = await broker.createSession();
    const first = await openStream(events(session.id), session.token);
    const second = await openStream(events(session.id), session.token);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const third = await fetch(events(session.id), { headers: { authorization: `Bearer ${session.token}` } });
    await refused(third);
    // A waiting long-poll is a connection too; one that answers at once is not held.
    const status = await broker.status(session.id, session.token);
    const waiting = await fetch(`${base}/v1/sessions/${session.id}?wait=5&after=${status.seq}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    await refused(waiting);
    const immediate = await fetch(`${base}/v1/sessions/${session.id}?wait=5&after=0`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(immediate.status, 200);

    first.close();
    const again = await openOnceFree(session.id, session.token);
    assert.equal((await again.next()).hint, 'method-required');
    second.close();
    again.close();
  });

  it('a long-poll the client abandons gives its place back at once (no request left in flight)', async () => {
    let inFlight = 0;
    const track = (_request: unknown, response: ServerResponse) => {
      inFlight += 1;
      response.on('close', () => (inFlight -= 1));
    };
    broker.app.server.on('request', track);
    const session = await broker.createSession();
    const { seq } = await broker.status(session.id, session.token);
    const waiting = [1, 2].map(() => {
      const controller = new AbortController();
      const answer = fetch(`${base}/v1/sessions/${session.id}?wait=30&after=${seq}`, {
        headers: { authorization: `Bearer ${session.token}` },
        signal: controller.signal,
      }).catch(() => undefined);
      return { controller, answer };
    });
    // Both places taken: the session is full.
    await refused(await openOnceFull(session.id, session.token));
    for (const { controller, answer } of waiting) {
      controller.abort();
      await answer;
    }
    const streams = [await openOnceFree(session.id, session.token), await openOnceFree(session.id, session.token)];
    assert.equal(inFlight, 2, 'only the two new streams are in flight');
    for (const stream of streams) stream.close();
    broker.app.server.off('request', track);
  });

  it('the instance holds at most maxOpenStreams, whatever the sessions', async () => {
    const sessions = await Promise.all([1, 2, 3, 4].map(() => broker.createSession()));
    const [a, b, c, d] = sessions as [
      (typeof sessions)[0],
      (typeof sessions)[0],
      (typeof sessions)[0],
      (typeof sessions)[0],
    ];
    const open: StatusStream[] = [];
    for (const session of [a, b]) open.push(await openOnceFree(session.id, session.token));
    open.push(await openOnceFree(c.id, c.token));
    await refused(await fetch(events(d.id), { headers: { authorization: `Bearer ${d.token}` } }));
    open.shift()!.close();
    open.push(await openOnceFree(d.id, d.token));
    for (const stream of open) stream.close();
  });

  it('a stream that ends with its session gives its place back', async () => {
    const session = await broker.createSession();
    const stream = await openOnceFree(session.id, session.token);
    await stream.next();
    await broker.call('POST', `/v1/sessions/${session.id}/cancel`, session.token);
    assert.equal((await stream.next()).status, 'failed');
    await stream.ended;
    const others = await Promise.all([1, 2, 3].map(() => broker.createSession()));
    const open = [];
    for (const other of others) open.push(await openOnceFree(other.id, other.token));
    assert.equal(open.length, 3);
    for (const each of open) each.close();
  });
});
