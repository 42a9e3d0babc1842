/**
 * Approval latency, node clients: from the app's decision call (approve) to the page's client holding the
 * complete status, for the event stream, the long-poll, and a client that polls every 2 seconds (the national
 * eID baseline). The browser variant (through the element, to `mitid-success`) is in latency-browser.ts.
 */
import type { SessionStatusEvent } from '../protocol/page-api.js';
import { parseAppLink, type AppDevice } from '../testing/node/index.js';
import type { BrokerProcess } from './broker-process.js';
import { JsonClient } from './http.js';
import { activateBenchApp, benchUserId } from './identities.js';
import { startAppSession, type StartedSession } from './session-client.js';
import { openStream } from './sse.js';
import { summarize, sleep, wallClock, type Summary } from './stats.js';
import { nextStatus } from './status-wait.js';

export type LatencyTransport = 'sse' | 'long-poll' | 'poll-2s';

export interface LatencyRow {
  transport: LatencyTransport;
  client: 'node' | 'chromium';
  ms: Summary;
  errors: number;
}

/** How often the baseline client asks, as national eID clients do. */
export const POLL_INTERVAL_MS = 2000;
const POLL_CONCURRENCY = 50;
const WARM_UP = 10;

export interface Rig {
  base: string;
  client: JsonClient;
  apps: AppDevice[];
  counter: { next: number };
}

/** Activates `devices` apps for the generated identities `bench.<first>` onwards. */
export async function makeRig(
  broker: BrokerProcess,
  devices: number,
  origin: string,
  first = 0,
  maxSockets = 128,
): Promise<Rig> {
  const client = new JsonClient(broker.url, origin, maxSockets);
  const apps: AppDevice[] = [];
  for (let index = 0; index < devices; index += 16) {
    const batch = Array.from({ length: Math.min(16, devices - index) }, (_, offset) =>
      activateBenchApp(client, benchUserId(first + index + offset), first + index + offset),
    );
    apps.push(...(await Promise.all(batch)));
  }
  return { base: broker.url, client, apps, counter: { next: 0 } };
}

/**
 * A session for `app`, waiting for the app (same device); approve mode, unique text. The app opens it with the
 * link's one-time secret (`link`), as the element's app link does: same-device requests are never listed.
 */
export async function pendingApproval(
  rig: Rig,
  app: AppDevice,
): Promise<{ session: StartedSession; link: { requestId: string; secret: string }; text: string }> {
  const text = `Bench approval #${rig.counter.next++}`;
  const session = await startAppSession(rig.client, app.userId, text);
  return { session, link: parseAppLink(session.appLink), text };
}

/** One approval over the event stream, timed from the decision call to the complete status. */
export async function sseLogin(rig: Rig, app: AppDevice): Promise<number> {
  const { session, link } = await pendingApproval(rig, app);
  const stream = openStream(rig.base, session.id, session.token);
  try {
    await stream.first;
    const signing = nextStatus(stream, (status) => status.hint === 'user-signing');
    const request = (await app.open(link.requestId, link.secret)).ok();
    await signing;
    const signature = app.signature(request, 'approve');
    const done = nextStatus(stream, (status) => status.status === 'complete');
    const start = wallClock();
    (await app.decide(request, 'approve', signature)).ok();
    return (await done).at - start;
  } finally {
    stream.close();
  }
}

function poll(rig: Rig, session: StartedSession, query: string): Promise<SessionStatusEvent> {
  return rig.client.ok<SessionStatusEvent>('GET', `/v1/sessions/${session.id}${query}`, session.token);
}

async function longPollLogin(rig: Rig, app: AppDevice): Promise<number> {
  const { session, link } = await pendingApproval(rig, app);
  const request = (await app.open(link.requestId, link.secret)).ok();
  const current = await poll(rig, session, '?wait=0');
  const signature = app.signature(request, 'approve');
  // The page's poll is waiting at the broker when the decision comes (as the element's always is).
  let after = current.seq;
  const waiting = (async () => {
    for (;;) {
      const status = await poll(rig, session, `?wait=25&after=${after}`);
      if (status.status === 'complete') return wallClock();
      after = status.seq;
    }
  })();
  await sleep(5);
  const start = wallClock();
  (await app.decide(request, 'approve', signature)).ok();
  return (await waiting) - start;
}

async function pollingLogin(rig: Rig, app: AppDevice): Promise<number> {
  const { session, link } = await pendingApproval(rig, app);
  const request = (await app.open(link.requestId, link.secret)).ok();
  const signature = app.signature(request, 'approve');
  let start = Number.NaN;
  // The client polls every 2 s from when it started following; the user approves at a random moment.
  const done = (async () => {
    for (;;) {
      const status = await poll(rig, session, '');
      if (status.status === 'complete') return wallClock();
      await sleep(POLL_INTERVAL_MS);
    }
  })();
  await sleep(Math.random() * POLL_INTERVAL_MS + 50);
  start = wallClock();
  (await app.decide(request, 'approve', signature)).ok();
  return (await done) - start;
}

async function measure(
  rig: Rig,
  count: number,
  concurrency: number,
  login: (rig: Rig, app: AppDevice) => Promise<number>,
): Promise<{ samples: number[]; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  let issued = 0;
  const worker = async (slot: number) => {
    const app = rig.apps[slot % rig.apps.length]!;
    while (issued < count) {
      issued += 1;
      try {
        samples.push(await login(rig, app));
      } catch (error) {
        errors += 1;
        if (errors <= 3) console.warn(`  latency: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, slot) => worker(slot)));
  return { samples, errors };
}

export async function nodeLatency(
  broker: BrokerProcess,
  origin: string,
  logins: number,
  log: (line: string) => void,
): Promise<LatencyRow[]> {
  const rig = await makeRig(broker, POLL_CONCURRENCY, origin);
  const rows: LatencyRow[] = [];
  const variants: Array<[LatencyTransport, (rig: Rig, app: AppDevice) => Promise<number>, number]> = [
    ['sse', sseLogin, 1],
    ['long-poll', longPollLogin, 1],
    ['poll-2s', pollingLogin, Math.min(POLL_CONCURRENCY, logins)],
  ];
  try {
    for (const [transport, login, concurrency] of variants) {
      if (concurrency === 1) await measure(rig, WARM_UP, 1, login);
      const { samples, errors } = await measure(rig, logins, concurrency, login);
      const ms = summarize(samples);
      log(`  node ${transport}: p50 ${ms.p50.toFixed(1)} ms, p95 ${ms.p95.toFixed(1)} ms (${ms.n} logins)`);
      rows.push({ transport, client: 'node', ms, errors });
    }
  } finally {
    rig.client.close();
  }
  return rows;
}
