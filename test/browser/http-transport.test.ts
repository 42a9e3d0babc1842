import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { HttpTransport } from '../../src/transport/http-transport.js';
import { TransportError, type ConnectionKind } from '../../src/transport/transport.js';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import { FakeClock, settle } from '../support/fake-clock.js';

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
    expect(created.session_id).to.equal('abc');
    expect(requests[0]).to.deep.include({ url: 'https://broker.example/v1/sessions', method: 'POST' });
    expect(requests[0]!.headers['content-type']).to.equal('application/json');
    expect(requests[0]!.headers.authorization).to.equal(undefined);
    await transport.chooseMethod(session, { method: 'app', device: 'cross' });
    expect(requests[1]!.url).to.equal('https://broker.example/v1/sessions/abc/method');
    expect(requests[1]!.headers.authorization).to.equal('Bearer secret-token');
    expect(requests.every((request) => !request.url.includes('secret-token'))).to.equal(true);
  });

  it('maps a 4xx { error: { code, message, attempts_left } } to a typed error', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json({ error: { code: 'wrong_code', message: 'Wrong code', attempts_left: 2 } }, 400),
    );
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl });
    const error = await transport.submitCode(session, '111111').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TransportError);
    expect(error).to.include({ code: 'wrong_code', status: 400, attemptsLeft: 2 });
  });

  it('reports a lost network as "network" and an abort as "aborted"', async () => {
    const { fetchImpl } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const transport = new HttpTransport({ broker: '', fetch: fetchImpl });
    expect(await transport.extend(session).catch((e: TransportError) => e.code)).to.equal('network');
    const abort = new AbortController();
    abort.abort();
    expect(await transport.extend(session, abort.signal).catch((e: TransportError) => e.code)).to.equal('aborted');
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
    expect(requests[0]!.url).to.equal('https://b.example/v1/sessions/abc/events');
    expect(requests[0]!.headers.accept).to.equal('text/event-stream');
    expect(requests[0]!.headers.authorization).to.equal('Bearer secret-token');
    expect(requests[0]!.headers['last-event-id']).to.equal(undefined);
    streams[0]!.push(': heartbeat\n\n');
    streams[0]!.status({ seq: 1, hint: 'outstanding' });
    streams[0]!.status({ seq: 2, hint: 'qr-scanned' });
    await settle();
    expect(seen.map((s) => s.seq)).to.deep.equal([1, 2]);

    streams[0]!.drop(); // the network goes; meanwhile the user approves in the app
    await settle();
    expect(connections).to.include('reconnecting');
    await clock.tick(250); // first backoff
    expect(requests).to.have.length(2);
    expect(requests[1]!.headers['last-event-id']).to.equal('2');
    streams[1]!.status({ seq: 2, hint: 'qr-scanned' }); // a repeat is ignored
    streams[1]!.status({ seq: 3, status: 'complete', assertion: 'h.p.s' });
    await settle();
    expect(seen.map((s) => s.seq)).to.deep.equal([1, 2, 3]);
    expect(seen[2]!.assertion).to.equal('h.p.s');
    await clock.tick(10_000);
    expect(requests, 'no reconnect after completion').to.have.length(2);
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
    expect(poll.url).to.equal('/v1/sessions/abc?wait=25&after=0');
    expect(poll.headers.authorization).to.equal('Bearer secret-token');
    expect(seen.map((s) => s.status)).to.deep.equal(['pending', 'complete']);
    expect(requests.at(-1)!.url).to.equal('/v1/sessions/abc?wait=25&after=1');
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
    expect(requests.map((r) => r.url)).to.deep.equal(['/v1/sessions/abc/events', '/v1/sessions/abc?wait=25&after=0']);
    expect(seen[0]).to.include({ status: 'failed', code: 'expired' });
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
    expect(
      requests.map((r) => r.url).every((u) => u.endsWith('/events')),
      'offline: still the stream',
    ).to.equal(true);
    offline = false;
    for (const wait of [2000, 4000, 8000, 8000]) await clock.tick(wait);
    await settle();
    expect(requests.some((r) => r.url.includes('?wait=25&after=0'))).to.equal(true);
    expect(seen.map((s) => s.status)).to.deep.equal(['complete']);
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
    expect(requests).to.have.length(3);
    expect(connections).to.include('reconnecting');
    storeDown = false;
    await clock.tick(1000);
    expect(
      requests.map((r) => r.url).every((u) => u.endsWith('/events')),
      'a 503 is no reason to give up the stream',
    ).to.equal(true);
    expect(requests.at(-1)!.headers['last-event-id']).to.equal('4');
    streams[0]!.status({ seq: 5, status: 'complete', assertion: 'a.b.c' });
    await settle();
    expect(seen.map((s) => s.status)).to.deep.equal(['complete']);
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
    expect(requests).to.have.length(1);
    subscription.reconnectNow(); // e.g. the page became visible: no waiting out the backoff
    await settle();
    expect(requests).to.have.length(2);
    expect(requests[1]!.headers['last-event-id']).to.equal('4');
    expect(errors[0]!.code).to.equal('session_not_found');
  });
});
