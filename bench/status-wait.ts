/** Waiting on an event stream for a status that matches, with a timeout. */
import type { SessionStatusEvent } from '../protocol/page-api.js';
import type { OpenStream } from './sse.js';

export function nextStatus(
  stream: OpenStream,
  matches: (status: SessionStatusEvent) => boolean,
  timeoutMs = 10_000,
): Promise<{ status: SessionStatusEvent; at: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.onStatus = undefined;
      reject(new Error(`no matching status within ${timeoutMs} ms`));
    }, timeoutMs);
    stream.onStatus = (status, at) => {
      if (!matches(status)) return;
      clearTimeout(timer);
      stream.onStatus = undefined;
      resolve({ status, at });
    };
  });
}
