/**
 * Streams and networks (issue 10, item 5, Node part): at least 1,000 random drops of the status connection between
 * the start and the completion of app logins lose 0 completions. The follower is the element's own code, the HTTP
 * transport of src/transport/http-transport.ts (fetch + eventsource-parser, `Last-Event-ID` resume, long-poll
 * fallback), against a real broker on a free port; a chaos `fetch` cuts each of its connections a random 1–12 ms
 * after the answer started, while the app scans, opens and approves at random moments.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { QrFrameResponse, SessionStatusEvent } from '../../../protocol/page-api.js';
import type { AppRequest } from '../../../protocol/app-api.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import type { AppDevice } from '../../../testing/node/index.js';
import { activateByLetter } from '../support/identity.js';
import { identity, startBroker, type TestBroker } from '../support/broker.js';
import { seeded } from '../../support/seeded.js';

const TARGET_DROPS = Number(process.env.STREAM_DROPS ?? 1000);
const LONG_POLL_DROPS = Number(process.env.LONG_POLL_DROPS ?? 1000);
const CONCURRENCY = 6;

// Random gaps between a login's steps, on purpose: they put each step at a random moment against the chaos cuts.
// Here time is the point; nothing is waited for.
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('hardening: dropped status connections', () => {
  let broker: TestBroker;
  let base: string;
  let phone: AppDevice;
  before(async () => {
    broker = await startBroker({
      // Six logins of one user at a time, each seen by the app at once: allowed, and room for all of them.
      settings: { parallelAppRequests: 'allow', maxPendingAppRequests: CONCURRENCY * 2, heartbeatMs: 60_000 },
      rateLimits: { sessionsPerAddress: 1e6, attemptsPerAddress: 1e6 },
    });
    await broker.app.listen({ port: 0, host: '127.0.0.1' });
    const address = broker.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
    const anna = identity('anna.app');
    phone = await activateByLetter(broker, anna.userId, 'Test phone');
  });
  after(async () => {
    // What is still open here are the client pool's idle keep-alive connections (fetch closes them after 4 s
    // idle); the broker releases every cut long-poll at once (stream-caps.test.ts shows it). Drop them now.
    const lingering = await new Promise<number>((resolve) =>
      broker.app.server.getConnections((_error, count) => resolve(count)),
    );
    if (lingering > 0) console.log(`# ${lingering} server sockets still open after the runs`);
    broker.app.server.closeAllConnections();
    await broker.close();
  });

  for (const [via, target] of [
    ['stream', TARGET_DROPS],
    ['long-poll', LONG_POLL_DROPS],
  ] as const)
    it(
      via === 'stream'
        ? `${target} random drops between start and completion lose 0 completions`
        : `behind a proxy that buffers streams: ${target} random drops of the long-poll lose 0 completions`,
      { timeout: 120_000 },
      async (t) => {
        const seed = Number(process.env.DROP_SEED ?? Date.now() % 2 ** 31);
        const random = seeded(seed);
        let drops = 0;
        let resumes = 0;
        let longPolls = 0;
        const open = new Set<() => void>();
        const following = new Set<AbortController>();
        // Every status connection the transport opens is cut after a random 1–12 ms, unless it has ended by then.
        const chaosFetch: typeof fetch = async (input, init) => {
          const url = String(input);
          const headers = new Headers(init?.headers);
          if (url.endsWith('/events') && headers.get('last-event-id')) resumes += 1;
          if (url.includes('?wait=')) longPolls += 1;
          if (via === 'long-poll' && url.endsWith('/events')) {
            // A proxy that buffers: the answer is no event stream, so the transport falls back to the long-poll.
            return new Response('<html>buffered</html>', { status: 200, headers: { 'content-type': 'text/html' } });
          }
          const controller = new AbortController();
          init?.signal?.addEventListener('abort', () => controller.abort(), { once: true });
          let ended = false;
          const cut = () => {
            if (ended) return;
            ended = true;
            drops += 1;
            controller.abort();
          };
          open.add(cut);
          let timer: ReturnType<typeof setTimeout> | undefined;
          // A long-poll is cut 1–20 ms after it was sent (mostly while the broker holds it).
          if (url.includes('?wait=')) timer = setTimeout(cut, 1 + Math.floor(random() * 20));
          try {
            const response = await fetch(input, { ...init, signal: controller.signal });
            // A stream is cut 1–12 ms after its answer started: mid-stream, whatever the load on the machine.
            timer ??= setTimeout(cut, 1 + Math.floor(random() * 12));
            if (!response.body) return response;
            // Learn when the broker itself ended the response, so that cutting it then is no drop.
            const [mine, theirs] = response.body.tee();
            void (async () => {
              const reader = mine.getReader();
              try {
                while (!(await reader.read()).done);
                if (!ended) ended = true;
              } catch {
                // cut
              } finally {
                clearTimeout(timer);
                open.delete(cut);
              }
            })();
            return new Response(theirs, {
              status: response.status,
              statusText: response.statusText,
              headers: response.headers,
            });
          } catch (error) {
            clearTimeout(timer);
            open.delete(cut);
            ended = true;
            throw error;
          }
        };
        const transport = new HttpTransport({
          broker: base,
          fetch: chaosFetch,
          baseBackoffMs: 1,
          maxBackoffMs: 4,
          firstByteTimeoutMs: 2000,
          longPollWaitSeconds: 5,
          random,
        });

        const frameOf = async (id: string, token: string) =>
          (await broker.call('GET', `/v1/sessions/${id}/qr`, token)).json<QrFrameResponse>().frame;

        async function oneLogin(): Promise<{ complete: boolean; ordered: boolean; sameAssertion: boolean }> {
          const session = await broker.createSession({ user_id: 'anna.app' });
          const seen: SessionStatusEvent[] = [];
          const controller = new AbortController();
          following.add(controller);
          const done = new Promise<SessionStatusEvent>((resolve, reject) => {
            controller.signal.addEventListener('abort', () => reject(new Error('no completion within 20 s')), {
              once: true,
            });
            transport.subscribe(
              { id: session.id, token: session.token },
              0,
              {
                onStatus(status) {
                  seen.push(status);
                  if (status.status !== 'pending') resolve(status);
                },
                onError: reject,
              },
              controller.signal,
            );
          });
          const step = () => pause(random() * 25);
          await step();
          await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app' });
          await step();
          const request = (await phone.scan(await frameOf(session.id, session.token))).json<AppRequest>();
          await step();
          await phone.open(request.request_id);
          await step();
          const decided = await phone.decide(request, 'approve');
          assert.equal(decided.status, 200, decided.text);
          const timeout = setTimeout(() => controller.abort(), 20_000);
          const final = await done;
          clearTimeout(timeout);
          controller.abort();
          const truth = await broker.status(session.id, session.token);
          return {
            complete: final.status === 'complete',
            ordered: seen.every((status, index) => index === 0 || status.seq > (seen[index - 1]?.seq ?? 0)),
            sameAssertion: final.assertion === truth.assertion && final.assertion !== undefined,
          };
        }

        let sessions = 0;
        let completions = 0;
        let problems = 0;
        const started = performance.now();
        const worker = async () => {
          while (drops < target) {
            sessions += 1;
            const result = await oneLogin();
            if (result.complete) completions += 1;
            if (!result.ordered || !result.sameAssertion) problems += 1;
          }
        };
        try {
          await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        } finally {
          // Whatever happened, nothing keeps following (or reconnecting) after the test.
          for (const controller of following) controller.abort();
          for (const cut of open) cut();
        }
        const seconds = (performance.now() - started) / 1000;
        t.diagnostic(`seed ${seed}: ${sessions} logins, ${drops} drops, ${completions} completions delivered`);
        t.diagnostic(`reconnections with Last-Event-ID ${resumes}, long-polls ${longPolls}, ${seconds.toFixed(1)} s`);
        assert.ok(drops >= target, `${drops} drops`);
        assert.equal(completions, sessions, 'every completion reached the follower');
        assert.equal(problems, 0, 'statuses in order, and the assertion the broker signed');
        if (via === 'stream') assert.ok(resumes > 0, 'resumed by Last-Event-ID');
        else assert.ok(longPolls > drops, 'followed by long-poll');
      },
    );
});
