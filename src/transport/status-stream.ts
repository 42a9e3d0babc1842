/**
 * Follows a session's status: the event stream (`GET …/events`, Server-Sent Events read with `fetch` so that the
 * token is a header), resumed with `Last-Event-ID` after a drop; a long-poll (`GET …?wait=N&after=SEQ`) when the
 * stream fails or a proxy buffers it; and retries with backoff on network loss. Because every resume names the
 * last `seq` seen, a completion that happened while the network was away is delivered on the next connection.
 */
import { createParser } from 'eventsource-parser';
import { networkError, toTransportError } from './http-errors.js';
import {
  TransportError,
  isTerminal,
  sleep,
  type Clock,
  type ConnectionKind,
  type StatusHandlers,
  type StatusSubscription,
} from './transport.js';
import { STATUS_EVENT, type SessionStatusEvent } from '../../protocol/page-api.js';

export interface FollowOptions {
  /** A stream that sends nothing this long after it opened is taken as buffered: switch to long-poll. */
  firstByteTimeoutMs: number;
  /** Seconds the broker may hold a long-poll open. */
  longPollWaitSeconds: number;
  /** Consecutive stream failures before falling back to long-poll. */
  streamAttempts: number;
  /** Backoff after the n-th consecutive failure: min(maxBackoffMs, baseBackoffMs · 2^(n-1)), jittered ±25 %. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  random: () => number;
}

const DEFAULTS: FollowOptions = {
  firstByteTimeoutMs: 5000,
  longPollWaitSeconds: 25,
  streamAttempts: 2,
  baseBackoffMs: 250,
  maxBackoffMs: 8000,
  random: Math.random,
};

export interface FollowArguments extends Partial<FollowOptions> {
  /** `…/v1/sessions/{id}` */
  url: string;
  token: string;
  afterSeq: number;
  handlers: StatusHandlers;
  signal: AbortSignal;
  fetch: typeof fetch;
  clock: Clock;
}

/** Terminal answers: following again cannot help. */
const FATAL = new Set(['session_not_found', 'invalid_token', 'not_found', 'unknown_client', 'origin_not_allowed']);
// Answers that say "not now" rather than "not a stream": the network is gone, the broker limits us, or its shared
// store is briefly out of reach (503). Back off and open the stream again; a proxy is not to blame.
const BROKER_BUSY = new Set(['network', 'rate_limited', 'store_unavailable']);

export function followStatus(args: FollowArguments): StatusSubscription {
  const options: FollowOptions = { ...DEFAULTS, ...stripUndefined(args) };
  const { url, token, handlers, signal, clock } = args;
  let lastSeq = args.afterSeq;
  let mode: 'stream' | 'long-poll' = 'stream';
  let streamFailures = 0;
  let failures = 0;
  let finished = false;
  let attempt: AbortController | undefined;
  /** The current stream answered but broke (or closed) before sending a byte. */
  let brokeEmpty = false;

  const report = (kind: ConnectionKind) => handlers.onConnection?.(kind);

  const deliver = (status: SessionStatusEvent): boolean => {
    if (finished || typeof status.seq !== 'number' || status.seq <= lastSeq) return false;
    lastSeq = status.seq;
    handlers.onStatus(status);
    if (isTerminal(status)) finished = true;
    return true;
  };

  const headers = (extra: Record<string, string>) => ({ authorization: `Bearer ${token}`, ...extra });

  async function readStream(attemptSignal: AbortSignal): Promise<void> {
    const requestHeaders: Record<string, string> = { accept: 'text/event-stream' };
    if (lastSeq > 0) requestHeaders['last-event-id'] = String(lastSeq);
    let response: Response;
    try {
      response = await args.fetch(`${url}/events`, {
        headers: headers(requestHeaders),
        signal: attemptSignal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw networkError(error, attemptSignal);
    }
    if (!response.ok) throw await toTransportError(response);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream') || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new TransportError('bad_response', 'not an event stream', response.status);
    }
    report('stream');
    let parseError: TransportError | undefined;
    const parser = createParser({
      onEvent(message) {
        if ((message.event ?? 'message') !== STATUS_EVENT) return;
        try {
          deliver(JSON.parse(message.data) as SessionStatusEvent);
        } catch {
          parseError = new TransportError('bad_response', 'unreadable status event');
        }
      },
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let sawBytes = false;
    // A proxy that buffers the stream lets the headers through and then nothing: detect it and long-poll instead.
    const bufferedTimer = clock.setTimeout(() => {
      if (!sawBytes) {
        mode = 'long-poll';
        void reader.cancel().catch(() => undefined);
      }
    }, options.firstByteTimeoutMs);
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          brokeEmpty = !sawBytes;
          throw networkError(error, attemptSignal);
        }
        if (chunk.done) break;
        sawBytes = true;
        streamFailures = 0;
        failures = 0;
        parser.feed(decoder.decode(chunk.value, { stream: true }));
        if (parseError) throw parseError;
        if (finished) {
          void reader.cancel().catch(() => undefined);
          return;
        }
      }
    } finally {
      clock.clearTimeout(bufferedTimer);
    }
    // A stream that closes without a byte is a failure (back off), not a reason to reconnect in a tight loop.
    if (!sawBytes && mode === 'stream') {
      brokeEmpty = true;
      throw new TransportError('network', 'the event stream closed empty');
    }
  }

  async function longPoll(attemptSignal: AbortSignal): Promise<void> {
    report('long-poll');
    let response: Response;
    try {
      response = await args.fetch(`${url}?wait=${options.longPollWaitSeconds}&after=${lastSeq}`, {
        headers: headers({ accept: 'application/json' }),
        signal: attemptSignal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw networkError(error, attemptSignal);
    }
    if (!response.ok) throw await toTransportError(response);
    if (response.status === 204) return;
    let status: SessionStatusEvent;
    try {
      status = (await response.json()) as SessionStatusEvent;
    } catch (error) {
      throw attemptSignal.aborted ? networkError(error, attemptSignal) : new TransportError('bad_response', 'not JSON');
    }
    failures = 0;
    deliver(status);
  }

  async function run() {
    while (!finished && !signal.aborted) {
      attempt = new AbortController();
      const stop = () => attempt?.abort();
      signal.addEventListener('abort', stop, { once: true });
      let wokenEarly = false;
      brokeEmpty = false;
      try {
        if (mode === 'stream') await readStream(attempt.signal);
        else await longPoll(attempt.signal);
        continue; // the stream ended or the poll answered: reconnect at once, resuming after lastSeq
      } catch (caught) {
        const error = caught instanceof TransportError ? caught : networkError(caught, attempt.signal);
        if (signal.aborted || finished) break;
        if (error.code === 'aborted') {
          // reconnectNow() aborted this attempt on purpose, or the buffered-stream timer cancelled the read.
          wokenEarly = true;
        } else if (FATAL.has(error.code)) {
          finished = true;
          report('closed');
          handlers.onError?.(error);
          break;
        } else if (mode === 'stream' && !BROKER_BUSY.has(error.code)) {
          mode = 'long-poll'; // not an event stream (or a broken one): a proxy is in the way
        } else if (mode === 'stream' && brokeEmpty && ++streamFailures >= options.streamAttempts) {
          // Streams keep opening and dying before a single byte: something in the way cuts long responses, and
          // long-poll survives that. A plain network loss (no answer at all) does not count: that is just offline.
          mode = 'long-poll';
        }
        if (!wokenEarly) {
          failures += 1;
          report('reconnecting');
          const delay = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** (failures - 1));
          const wait = new AbortController();
          const wake = () => wait.abort();
          signal.addEventListener('abort', wake, { once: true });
          wakeCurrent = wake;
          try {
            await sleep(clock, Math.round(delay * (0.75 + options.random() * 0.5)), wait.signal);
          } catch {
            // woken by reconnectNow() or stopped
          } finally {
            wakeCurrent = undefined;
            signal.removeEventListener('abort', wake);
          }
        }
      } finally {
        signal.removeEventListener('abort', stop);
      }
    }
    if (!finished || signal.aborted) report('closed');
  }

  let wakeCurrent: (() => void) | undefined;
  void run();

  return {
    reconnectNow() {
      if (finished) return;
      if (wakeCurrent) wakeCurrent();
      else attempt?.abort();
    },
    close() {
      finished = true;
      attempt?.abort();
      wakeCurrent?.();
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
