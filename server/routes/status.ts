/**
 * Following a session: Server-Sent Events (`GET /v1/sessions/{id}/events`, resumable with `Last-Event-ID`, with
 * comment heartbeats) and a long-poll fallback (`GET /v1/sessions/{id}?wait=N&after=SEQ`) for proxies that
 * buffer streams. Both read the same per-session event log, so a client can switch between them freely.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_EVENT, type SessionStatusEvent } from '../../protocol/page-api.js';
import { BrokerError } from '../http/errors.js';
import { sessionRequest } from '../http/request.js';
import type { SessionService } from '../sessions/service.js';
import { toStatusEvent } from '../sessions/status.js';
import type { SessionStore } from '../sessions/types.js';
import type { BrokerSettings } from '../settings.js';
import { StreamGate } from './stream-gate.js';

const FINAL = new Set(['complete', 'failed']);

function nonNegativeInteger(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || Number(value) > max) {
    throw new BrokerError('invalid_request', `"${name}" must be a whole number from 0 to ${max}.`);
  }
  return Number(value);
}

function formatEvent(event: SessionStatusEvent): string {
  return `id: ${event.seq}\nevent: ${STATUS_EVENT}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface StatusRoutesOptions {
  sessions: SessionService;
  /** Events are read from the store's log and its subscriptions. */
  store: SessionStore;
  settings: Pick<BrokerSettings, 'heartbeatMs' | 'longPollMaxSeconds' | 'maxStreamsPerSession' | 'maxOpenStreams'>;
}

export const statusRoutes: FastifyPluginAsync<StatusRoutesOptions> = async (app, { sessions, store, settings }) => {
  const openStreams = new Set<() => void>();
  const gate = new StreamGate({ perSession: settings.maxStreamsPerSession, total: settings.maxOpenStreams });
  // Streams never end by themselves while a session is pending; close them so `app.close()` does not hang.
  app.addHook('preClose', async () => {
    for (const close of [...openStreams]) close();
  });

  app.get('/v1/sessions/:id/events', async (request: FastifyRequest, reply: FastifyReply) => {
    const { id, token } = sessionRequest(request);
    const lastEventIdHeader = request.headers['last-event-id'];
    const lastEventId = /^\d{1,15}$/.test(String(lastEventIdHeader ?? '')) ? Number(lastEventIdHeader) : 0;
    const session = await sessions.authenticate(id, token);
    const leave = gate.enter(id);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.write('retry: 2000\n\n');

    let lastSent = lastEventId;
    let closed = false;
    const queue: SessionStatusEvent[] = [];
    let replaying = true;
    const send = (event: SessionStatusEvent) => {
      if (closed || event.seq <= lastSent) return;
      lastSent = event.seq;
      raw.write(formatEvent(event));
      if (FINAL.has(event.status)) close();
    };
    const unsubscribe = store.subscribe(id, (event) => (replaying ? queue.push(event) : send(event)));
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), settings.heartbeatMs);
    heartbeat.unref();
    function close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      leave();
      openStreams.delete(close);
      raw.end();
    }
    openStreams.add(close);
    // The response closes when the client goes away (or when we end it).
    raw.on('close', close);

    // A resuming client gets every event it missed; a new one only the current status. Then what arrived
    // meanwhile, then live events.
    try {
      if (lastEventId > 0) {
        for (const event of await store.eventsAfter(id, lastEventId)) send(event);
      } else {
        const events = await store.eventsAfter(id, 0);
        send(events.at(-1) ?? toStatusEvent(session));
      }
    } catch {
      // The store went away after the stream opened: end it; the client reconnects with Last-Event-ID.
      close();
      return;
    }
    replaying = false;
    for (const event of queue.splice(0)) send(event);
  });

  app.get('/v1/sessions/:id', async (request, reply): Promise<SessionStatusEvent> => {
    const { id, token } = sessionRequest(request);
    const query = request.query as Record<string, unknown>;
    for (const key of Object.keys(query)) {
      if (key !== 'wait' && key !== 'after') throw new BrokerError('invalid_request', `Unknown parameter "${key}".`);
    }
    const wait = nonNegativeInteger(query.wait, 'wait', settings.longPollMaxSeconds) ?? 0;
    const after = nonNegativeInteger(query.after, 'after');
    reply.header('cache-control', 'no-store');
    const session = await sessions.authenticate(id, token);
    const current = toStatusEvent(session);
    if (after === undefined || current.seq > after || wait === 0 || FINAL.has(current.status)) return current;
    const leave = gate.enter(id);

    return new Promise<SessionStatusEvent>((resolve) => {
      let unsubscribe = () => {};
      let done = false;
      const finish = (event: SessionStatusEvent) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        leave();
        openStreams.delete(abandon);
        resolve(event);
      };
      const timer = setTimeout(() => {
        void sessions
          .authenticate(id, token)
          .then((latest) => finish(toStatusEvent(latest)))
          .catch(() => finish(current));
      }, wait * 1000);
      const abandon = () => finish(current);
      openStreams.add(abandon);
      unsubscribe = store.subscribe(id, (event) => {
        if (event.seq > after) finish(event);
      });
      // An event may have landed between reading the session and subscribing.
      void store.eventsAfter(id, after).then(
        (events) => {
          const newest = events.at(-1);
          if (newest) finish(newest);
        },
        () => finish(current),
      );
      // A client that gave up before the answer: stop waiting for it.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) abandon();
      });
    });
  });
};
