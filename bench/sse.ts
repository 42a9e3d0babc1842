/**
 * A lean event-stream reader for the load driver: one raw node:http request per stream (no agent pooling, so each
 * stream is its own connection, as a browser's would be), parsed with eventsource-parser as the element does.
 */
import http from 'node:http';
import { createParser } from 'eventsource-parser';
import type { SessionStatusEvent } from '../protocol/page-api.js';

export interface OpenStream {
  /** Resolves with the first status event (the current status). */
  first: Promise<SessionStatusEvent>;
  /** Called with every status event, with the wall-clock time it was parsed. */
  onStatus: ((status: SessionStatusEvent, at: number) => void) | undefined;
  close(): void;
}

const noAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

export function openStream(base: string, sessionId: string, token: string): OpenStream {
  const url = new URL(`/v1/sessions/${sessionId}/events`, base);
  let resolveFirst!: (status: SessionStatusEvent) => void;
  let rejectFirst!: (error: Error) => void;
  let gotFirst = false;
  const stream: OpenStream = {
    first: new Promise((resolve, reject) => {
      resolveFirst = resolve;
      rejectFirst = reject;
    }),
    onStatus: undefined,
    close: () => request.destroy(),
  };
  const parser = createParser({
    onEvent(event) {
      if (event.event !== 'status') return;
      const status = JSON.parse(event.data) as SessionStatusEvent;
      const at = performance.timeOrigin + performance.now();
      if (!gotFirst) {
        gotFirst = true;
        resolveFirst(status);
      }
      stream.onStatus?.(status, at);
    },
  });
  const request = http.get(
    {
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      agent: noAgent,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    },
    (response) => {
      if (response.statusCode !== 200) {
        rejectFirst(new Error(`events: ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => parser.feed(chunk));
      response.on('error', () => undefined);
    },
  );
  request.on('error', (error) => {
    if (!gotFirst) rejectFirst(error);
  });
  return stream;
}
