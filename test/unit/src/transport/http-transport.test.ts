// The HTTP transport against a fake fetch, in Node (its fetch, Response, ReadableStream and DOMException are the
// browser's): headers, errors, the event stream's resume and the long-poll fallbacks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HttpTransport } from '../../../../src/transport/http-transport.js';
import { TransportError, type ConnectionKind } from '../../../../src/transport/transport.js';
import type { SessionStatusEvent } from '../../../../protocol/page-api.js';
import { FakeClock, settle } from '../../../../testing/index.js';
import { assertIncludes } from '../../support/assert-includes.js';

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A controllable event-stream body: push text, drop the connection, or close it. */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    status: (status: Partial<SessionStatusEvent> & { seq: number }) =>
      controller.enqueue(
        encoder.encode(
          `event: status\nid: ${status.seq}\ndata: ${JSON.stringify({ status: 'pending', expires_at: '2026-11-25T12:05:00Z', extensions_left: 2, ...status })}\n\n`,
        ),
      ),
    drop: () => controller.error(new TypeError('network error')),
    close: () => controller.close(),
  };
}

function fakeFetch(handler: (request: Recorded) => Response | Promise<Response>) {
  const requests: Recorded[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const recorded = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(recorded);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(recorded);
  }) as typeof fetch;
  return { fetchImpl, requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = { id: 'abc', token: 'secret-token' };

describe('HTTP transport (fake fetch)', () => {
  it('creates a session with a JSON POST and no token; later calls carry the token in a header, never the URL', async () => {
    const { fetchImpl, requests } = fakeFetch((request) =>
      request.url.endsWith('/sessions')
        ? json({
            session_id: 'abc',
            session_token: 'secret-token',
            expires_at: 'x',
            methods: ['app'],
            client_name: 'N',
            extensions_left: 2,
          })
        : json({ status: { seq: 2, status: 'pending', hint: 'outstanding', expires_at: 'x', extensions_left: 2 } }),
    );
    const transport = new HttpTransport({ broker: 'https://broker.example/', fetch: fetchImpl });
    const created = await transport.createSession({
      client_id: 'netbank',
      mode: 'login',
      user_id: 'anna',
      nonce: 'n'.repeat(16),
    });
    assert.equal(created.session_id, 'abc');
    assertIncludes(requests[0], { url: 'https://broker.example/v1/sessions', method: 'POST' });
    assert.equal(requests[0]!.headers['content-type'], 'application/json');
    assert.equal(requests[0]!.headers.authorization, undefined);
    await transport.chooseMethod(session, { method: 'app', device: 'cross' });
    assert.equal(requests[1]!.url, 'https://broker.example/v1/sessions/abc/method');
    assert.equal(requests[1]!.headers.authorization, 'Bearer secret-token');
    assert.equal(
      requests.every((request) => !request.url.includes('secret-token')),
      true,
    );
  });

  it('maps a 4xx { error: { code, message, attempts_left } } to a typed error', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json({ error: { code: 'wrong_code', message: 'Wrong code', attempts_left: 2 } }, 400),
    );
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl });
    const error = await transport.submitCode(session, '111111').catch((e: unknown) => e);
    assert.ok(error instanceof TransportError);
    assertIncludes(error, { code: 'wrong_code', status: 400, attemptsLeft: 2 });
  });

  it('reports a lost network as "network" and an abort as "aborted"', async () => {
    const { fetchImpl } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl });
    assert.equal(await transport.extend(session).catch((e: TransportError) => e.code), 'network');
    const abort = new AbortController();
    abort.abort();
    assert.equal(await transport.extend(session, abort.signal).catch((e: TransportError) => e.code), 'aborted');
  });

  it('follows the event stream, resumes with Last-Event-ID after a drop, and loses no completion', async () => {
    const clock = new FakeClock();
    const streams: ReturnType<typeof eventStream>[] = [];
    const { fetchImpl, requests } = fakeFetch(() => {
      const stream = eventStream();
      streams.push(stream);
      return stream.response;
    });
    const transport = new HttpTransport({ broker: 'https://b.example', fetch: fetchImpl, clock, random: () => 0.5 });
    const seen: SessionStatusEvent[] = [];
    const connections: ConnectionKind[] = [];
    const abort = new AbortController();
    transport.subscribe(
      session,
      0,
      { onStatus: (s) => seen.push(s), onConnection: (k) => connections.push(k) },
      abort.signal,
    );
    await settle();
    assert.equal(requests[0]!.url, 'https://b.example/v1/sessions/abc/events');
    assert.equal(requests[0]!.headers.accept, 'text/event-stream');
    assert.equal(requests[0]!.headers.authorization, 'Bearer secret-token');
    assert.equal(requests[0]!.headers['last-event-id'], undefined);
    streams[0]!.push(': heartbeat\n\n');
    streams[0]!.status({ seq: 1, hint: 'outstanding' });
    streams[0]!.status({ seq: 2, hint: 'qr-scanned' });
    await settle();
    assert.deepEqual(
      seen.map((s) => s.seq),
      [1, 2],
    );

    streams[0]!.drop(); // the network goes; meanwhile the user approves in the app
    await settle();
    assert.ok(connections.includes('reconnecting'), `connections: ${connections.join(', ')}`);
    await clock.tick(250); // first backoff
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.headers['last-event-id'], '2');
    streams[1]!.status({ seq: 2, hint: 'qr-scanned' }); // a repeat is ignored
    streams[1]!.status({ seq: 3, status: 'complete', assertion: 'h.p.s' });
    await settle();
    assert.deepEqual(
      seen.map((s) => s.seq),
      [1, 2, 3],
    );
    assert.equal(seen[2]!.assertion, 'h.p.s');
    await clock.tick(10_000);
    assert.equal(requests.length, 2, 'no reconnect after completion');
    abort.abort();
  });

  it('falls back to long-poll when the answer is not an event stream (a proxy in the way)', async () => {
    const clock = new FakeClock();
    let polls = 0;
    const { fetchImpl, requests } = fakeFetch((request) => {
      if (request.url.endsWith('/events'))
        return new Response('<html>proxy</html>', { headers: { 'content-type': 'text/html' } });
      polls += 1;
      return json({
        seq: polls,
        status: polls < 2 ? 'pending' : 'complete',
        hint: 'outstanding',
        assertion: 'a.b.c',
        expires_at: 'x',
        extensions_left: 1,
      });
    });
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl, clock, random: () => 0.5 });
    const seen: SessionStatusEvent[] = [];
    transport.subscribe(session, 0, { onStatus: (s) => seen.push(s) }, new AbortController().signal);
    await settle();
    await clock.tick(250);
    await settle();
    const poll = requests.find((request) => !request.url.endsWith('/events'))!;
    assert.equal(poll.url, '/v1/sessions/abc?wait=25&after=0');
    assert.equal(poll.headers.authorization, 'Bearer secret-token');
    assert.deepEqual(
      seen.map((s) => s.status),
      ['pending', 'complete'],
    );
    assert.equal(requests.at(-1)!.url, '/v1/sessions/abc?wait=25&after=1');
  });

  it('falls back to long-poll when the stream opens but stays silent (buffered)', async () => {
    const clock = new FakeClock();
    const { fetchImpl, requests } = fakeFetch((request) =>
      request.url.endsWith('/events')
        ? eventStream().response
        : json({ seq: 1, status: 'failed', code: 'expired', expires_at: 'x', extensions_left: 0 }),
    );
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl, clock, firstByteTimeoutMs: 5000 });
    const seen: SessionStatusEvent[] = [];
    transport.subscribe(session, 0, { onStatus: (s) => seen.push(s) }, new AbortController().signal);
    await settle();
    await clock.tick(5000);
    await settle();
    assert.deepEqual(
      requests.map((r) => r.url),
      ['/v1/sessions/abc/events', '/v1/sessions/abc?wait=25&after=0'],
    );
    assertIncludes(seen[0], { status: 'failed', code: 'expired' });
  });

  it('keeps the stream through plain network loss, but long-polls when streams keep dying before a byte', async () => {
    const clock = new FakeClock();
    let offline = true;
    const { fetchImpl, requests } = fakeFetch((request) => {
      if (offline) return Promise.reject(new TypeError('offline'));
      if (request.url.endsWith('/events')) {
        const stream = eventStream();
        queueMicrotask(() => stream.drop());
        return stream.response;
      }
      return json({ seq: 1, status: 'complete', assertion: 'a.b.c', expires_at: 'x', extensions_left: 0 });
    });
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl, clock, random: () => 0.5 });
    const seen: SessionStatusEvent[] = [];
    transport.subscribe(session, 0, { onStatus: (s) => seen.push(s) }, new AbortController().signal);
    await settle();
    for (const wait of [250, 500, 1000]) await clock.tick(wait);
    assert.equal(
      requests.map((r) => r.url).every((u) => u.endsWith('/events')),
      true,
      'offline: still the stream',
    );
    offline = false;
    for (const wait of [2000, 4000, 8000, 8000]) await clock.tick(wait);
    await settle();
    assert.equal(
      requests.some((r) => r.url.includes('?wait=25&after=0')),
      true,
    );
    assert.deepEqual(
      seen.map((s) => s.status),
      ['complete'],
    );
  });

  it('keeps the stream while the broker answers 503 store_unavailable, and resumes it once the store is back', async () => {
    const clock = new FakeClock();
    let storeDown = true;
    const streams: ReturnType<typeof eventStream>[] = [];
    const { fetchImpl, requests } = fakeFetch(() => {
      if (storeDown) return json({ error: { code: 'store_unavailable', message: 'Try again shortly.' } }, 503);
      const stream = eventStream();
      streams.push(stream);
      return stream.response;
    });
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl, clock, random: () => 0.5 });
    const seen: SessionStatusEvent[] = [];
    const connections: ConnectionKind[] = [];
    transport.subscribe(
      session,
      4,
      { onStatus: (s) => seen.push(s), onConnection: (k) => connections.push(k) },
      new AbortController().signal,
    );
    await settle();
    for (const wait of [250, 500]) await clock.tick(wait);
    assert.equal(requests.length, 3);
    assert.ok(connections.includes('reconnecting'), `connections: ${connections.join(', ')}`);
    storeDown = false;
    await clock.tick(1000);
    assert.equal(
      requests.map((r) => r.url).every((u) => u.endsWith('/events')),
      true,
      'a 503 is no reason to give up the stream',
    );
    assert.equal(requests.at(-1)!.headers['last-event-id'], '4');
    streams[0]!.status({ seq: 5, status: 'complete', assertion: 'a.b.c' });
    await settle();
    assert.deepEqual(
      seen.map((s) => s.status),
      ['complete'],
    );
  });

  it('stops with an error when the session is gone, and reconnects at once on request', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const { fetchImpl, requests } = fakeFetch(() => {
      calls += 1;
      if (calls === 1) return Promise.reject(new TypeError('offline'));
      return json({ error: { code: 'session_not_found', message: 'gone' } }, 404);
    });
    const transport = new HttpTransport({
      broker: '',
      fetch: fetchImpl,
      clock,
      baseBackoffMs: 60_000,
      maxBackoffMs: 60_000,
    });
    const errors: TransportError[] = [];
    const subscription = transport.subscribe(
      session,
      4,
      { onStatus: () => undefined, onError: (e) => errors.push(e) },
      new AbortController().signal,
    );
    await settle();
    assert.equal(requests.length, 1);
    subscription.reconnectNow(); // e.g. the page became visible: no waiting out the backoff
    await settle();
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.headers['last-event-id'], '4');
    assert.equal(errors[0]!.code, 'session_not_found');
  });
});
