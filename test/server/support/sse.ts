/** Reads the broker's event stream the way the element does: fetch with a bearer header, parsed by eventsource-parser. */
import { createParser } from 'eventsource-parser';
import type { SessionStatusEvent } from '../../../protocol/page-api.js';

export interface StatusStream {
  /** The next status event (rejects after `timeoutMs`). */
  next(
    timeoutMs?: number,
  ): Promise<SessionStatusEvent & { eventId: string | undefined; eventName: string | undefined }>;
  /** Every comment line so far (heartbeats are comments). */
  comments: string[];
  /** The next comment not yet taken by `nextComment` (rejects after `timeoutMs`). */
  nextComment(timeoutMs?: number): Promise<string>;
  status: number;
  headers: Headers;
  /** Drops the connection, as a flaky network would. */
  close(): void;
  ended: Promise<void>;
}

export async function openStream(url: string, token: string, lastEventId?: number): Promise<StatusStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
      ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
    },
    signal: controller.signal,
  });
  type Item = SessionStatusEvent & { eventId: string | undefined; eventName: string | undefined };
  const queue: Item[] = [];
  const waiters: Array<(item: Item) => void> = [];
  const comments: string[] = [];
  let commentsTaken = 0;
  const commentWaiters: Array<() => void> = [];
  const parser = createParser({
    onEvent(event) {
      const item: Item = {
        ...(JSON.parse(event.data) as SessionStatusEvent),
        eventId: event.id,
        eventName: event.event,
      };
      const waiter = waiters.shift();
      if (waiter) waiter(item);
      else queue.push(item);
    },
    onComment(comment) {
      comments.push(comment);
      commentWaiters.shift()?.();
    },
  });
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: response.status,
    headers: response.headers,
    comments,
    ended,
    close: () => controller.abort(),
    nextComment(timeoutMs = 3000) {
      const take = () => comments[commentsTaken++]!;
      if (commentsTaken < comments.length) return Promise.resolve(take());
      return new Promise((resolve, reject) => {
        const waiter = () => {
          clearTimeout(timer);
          resolve(take());
        };
        const timer = setTimeout(() => {
          commentWaiters.splice(commentWaiters.indexOf(waiter), 1);
          reject(new Error('no comment in time'));
        }, timeoutMs);
        commentWaiters.push(waiter);
      });
    },
    next(timeoutMs = 3000) {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no event in time')), timeoutMs);
        waiters.push((item) => {
          clearTimeout(timer);
          resolve(item);
        });
      });
    },
  };
}
