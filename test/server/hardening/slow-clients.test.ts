/**
 * Hardening II, item 6: slow clients. 300 sockets trickling a body one byte every 20 s were all still open after
 * 100 s. The broker now closes a request whose headers or body do not arrive in time, an idle keep-alive socket,
 * and refuses connections over a cap, all as settings (`server` in buildApp's options).
 *
 * Against a real listening server with small timeouts; the test waits for the sockets' close events only (the
 * trickle itself is a timer writing a byte now and then, as the attacker's would).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.js';
import { ManualClock } from '../../../server/clock.js';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../../server/settings.js';
import { BANK_ORIGIN, testAppOptions } from '../support/broker.js';

const SMALL: ServerSettings = {
  requestTimeoutMs: 800,
  headersTimeoutMs: 500,
  keepAliveTimeoutMs: 300,
  connectionTimeoutMs: 2000,
  connectionsCheckingIntervalMs: 50,
  maxConnections: 40,
};
// What a loaded CI machine may add to the server's check before the close reaches the client.
const SLACK_MS = 1000;
// Node closes an idle keep-alive socket up to a second after keepAliveTimeout (its margin for a request already
// on the way; measured on Node 20).
const KEEP_ALIVE_MARGIN_MS = 1000;
// Longer than every bound above: a socket still open then was not closed by the broker.
const GIVE_UP_MS = 5000;

interface Closed {
  afterMs: number;
  received: string;
}

/** Opens a socket to `port`; `closed` resolves when the server closes it, or rejects after GIVE_UP_MS. */
function open(port: number): { socket: Socket; connected: Promise<void>; closed: Promise<Closed> } {
  const started = performance.now();
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<Closed>((resolve, reject) => {
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the socket was still open after ${GIVE_UP_MS} ms`));
    }, GIVE_UP_MS);
    socket.once('close', () => {
      clearTimeout(giveUp);
      resolve({ afterMs: performance.now() - started, received });
    });
  });
  return { socket, connected, closed };
}

/** Writes `text` one byte every `everyMs` until the socket closes. */
function trickle(socket: Socket, text: string, everyMs = 40): void {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || next >= text.length) return;
    socket.write(text.charAt(next));
    next += 1;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

describe('hardening II: slow clients', () => {
  let app: FastifyInstance;
  let port: number;

  before(async () => {
    app = await buildApp({
      ...testAppOptions(new ManualClock(Date.now())),
      server: SMALL,
      // The idle timeout must outlast a long-poll and a heartbeat gap: the broker refuses settings that do not.
      settings: { longPollMaxSeconds: 1, heartbeatMs: 500 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });
  after(async () => {
    await app.close();
  });

  it('the documented defaults: 10 s for a request, 5 s for its headers, 10 s keep-alive, 25,000 connections', () => {
    assert.deepEqual(DEFAULT_SERVER_SETTINGS, {
      requestTimeoutMs: 10_000,
      headersTimeoutMs: 5_000,
      keepAliveTimeoutMs: 10_000,
      connectionTimeoutMs: 60_000,
      connectionsCheckingIntervalMs: 1_000,
      maxConnections: 25_000,
    });
  });

  it('sockets trickling their headers are answered 408 and closed within headersTimeout', async () => {
    const sockets = Array.from({ length: 20 }, () => open(port));
    for (const { socket } of sockets) {
      socket.write('POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\n');
      trickle(socket, `X-Slow: ${'a'.repeat(1000)}`);
    }
    for (const closed of await Promise.all(sockets.map((entry) => entry.closed))) {
      assert.ok(closed.afterMs <= SMALL.headersTimeoutMs + SLACK_MS, `closed after ${closed.afterMs.toFixed(0)} ms`);
      assert.match(closed.received, /^HTTP\/1\.1 408 /);
    }
  });

  it('sockets trickling a body one byte at a time are answered 408 and closed within requestTimeout', async () => {
    const sockets = Array.from({ length: 20 }, () => open(port));
    const body = JSON.stringify({ client_id: 'netbank', mode: 'login', user_id: 'x.y', nonce: 'n'.repeat(100) });
    for (const { socket } of sockets) {
      socket.write(
        'POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
          `Origin: ${BANK_ORIGIN}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      trickle(socket, body);
    }
    for (const closed of await Promise.all(sockets.map((entry) => entry.closed))) {
      assert.ok(closed.afterMs <= SMALL.requestTimeoutMs + SLACK_MS, `closed after ${closed.afterMs.toFixed(0)} ms`);
      assert.match(closed.received, /^HTTP\/1\.1 408 /);
    }
  });

  it('an idle keep-alive socket is closed after keepAliveTimeout', async () => {
    const { socket, closed } = open(port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const { afterMs, received } = await closed;
    assert.match(received, /^HTTP\/1\.1 200 /);
    const bound = SMALL.keepAliveTimeoutMs + KEEP_ALIVE_MARGIN_MS + SLACK_MS;
    assert.ok(afterMs <= bound, `closed after ${afterMs.toFixed(0)} ms (Node's own default is 5 s, Fastify's 72 s)`);
  });

  it('a connection over maxConnections is closed at once, while the others stay until their timeout', async () => {
    const held = Array.from({ length: SMALL.maxConnections }, () => open(port));
    await Promise.all(held.map((entry) => entry.connected));
    // The client's connect can precede the server's accept: wait until the server counts them all.
    await new Promise<void>((resolve) => {
      const check = () =>
        app.server.getConnections((_error, count) => (count >= SMALL.maxConnections ? resolve() : setImmediate(check)));
      check();
    });
    const extra = open(port);
    const first = await Promise.race([
      extra.closed.then((closed) => ({ which: 'extra', ...closed })),
      Promise.any(held.map((entry) => entry.closed)).then((closed) => ({ which: 'held', ...closed })),
    ]);
    assert.equal(first.which, 'extra', 'the extra connection is the first to close');
    assert.equal(first.received, '', 'it gets no answer at all');
    // The held ones, which never sent a byte, go at the headers timeout.
    for (const closed of await Promise.all(held.map((entry) => entry.closed))) {
      assert.ok(closed.afterMs <= SMALL.headersTimeoutMs + SLACK_MS, `closed after ${closed.afterMs.toFixed(0)} ms`);
    }
  });

  it('refuses an idle timeout shorter than a long-poll, and a headers timeout longer than the request timeout', async () => {
    await assert.rejects(
      buildApp({ ...testAppOptions(new ManualClock(0)), server: { connectionTimeoutMs: 20_000 } }),
      /connectionTimeoutMs/,
    );
    await assert.rejects(
      buildApp({ ...testAppOptions(new ManualClock(0)), server: { headersTimeoutMs: 20_000 } }),
      /headersTimeoutMs/,
    );
  });
});
