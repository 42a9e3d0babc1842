/**
 * The broker under load, in a child process (its memory and CPU are its own), all traffic to 127.0.0.1:
 *  - session creations per second (autocannon, in its own process);
 *  - open event streams: memory and delivery latency at 100, 1,000, 10,000 streams in one process;
 *  - completions per second at fixed offered rates, with the delivery latency of each (decision call → complete
 *    status on the session's event stream);
 *  - the signing rate (ES256 assertions per second, the broker's own KeyRing).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { systemClock } from '../server/clock.js';
import { KeyRing } from '../server/signing/keys.js';
import type { AppRequest } from '../protocol/app-api.js';
import type { AppDevice } from '../test/support/app-device.js';
import { startBroker, type BrokerStats } from './broker-process.js';
import type { HotSpot } from './profile.js';
import { JsonClient } from './http.js';
import { makeRig, pendingApproval, sseLogin, type Rig } from './latency.js';
import { createSession, BENCH_NONCE } from './session-client.js';
import { openStream, type OpenStream } from './sse.js';
import { sleep, summarize, wallClock, type Summary } from './stats.js';

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

export interface CreationResult {
  connections: number;
  seconds: number;
  created: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export interface StreamLevel {
  streams: number;
  openSeconds: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** (RSS at this level − RSS with none) / streams. */
  rssPerStreamBytes: number;
  heapPerStreamBytes: number;
  connections: number;
  /** Broker CPU time spent per stream opened on the way to this level (session creation + stream), ms. */
  cpuPerOpenMs: number;
  /** Approval delivery (decision → complete on the stream) while this many other streams are open. */
  deliveryMs: Summary;
}

export interface StreamResult {
  baseline: { rssBytes: number; heapUsedBytes: number };
  levels: StreamLevel[];
  /** Open-file limits: this (driver) process's, and the broker's. */
  fileLimit: number | null;
  brokerFileLimit?: number;
  error?: string;
}

export interface CompletionStep {
  offeredPerSecond: number;
  sessions: number;
  completed: number;
  failed: number;
  achievedPerSecond: number;
  deliveryMs: Summary;
  decisionCallMs: Summary;
  brokerCpuPercent: number;
  /** CPU of this process (the load driver: event streams, decision calls), percent of one core. */
  driverCpuPercent: number;
  /** Where the broker's CPU went while completing at this rate (self time, top functions). */
  brokerHotSpots?: HotSpot[];
}

export interface SigningResult {
  sequentialPerSecond: number;
  parallelPerSecond: number;
  threads: number;
}

export interface LoadResult {
  creation: CreationResult;
  streams: StreamResult;
  completions: CompletionStep[];
  signing: SigningResult;
}

type Log = (line: string) => void;

async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

// ---- session creations -----------------------------------------------------------------------------------------

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  '2xx': number;
  duration: number;
}

export async function creationRate(seconds: number, origin: string, log: Log): Promise<CreationResult> {
  const broker = await startBroker({ identities: 0, origins: [origin] });
  const connections = 32;
  try {
    const body = JSON.stringify({ client_id: 'netbank', mode: 'login', user_id: 'anna.app', nonce: BENCH_NONCE });
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        require.resolve('autocannon/autocannon.js'),
        '-c',
        String(connections),
        '-d',
        String(seconds),
        '-m',
        'POST',
        '-H',
        'content-type=application/json',
        '-H',
        `origin=${origin}`,
        '-b',
        body,
        '-j',
        '-n',
        `${broker.url}/v1/sessions`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout) as AutocannonJson;
    const created = result['2xx'];
    const perSecond = created / (result.duration || seconds);
    log(`  session creations: ${perSecond.toFixed(0)}/s (p99 ${result.latency.p99} ms, ${connections} connections)`);
    return {
      connections,
      seconds,
      created,
      perSecond,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    await broker.stop();
  }
}

// ---- open streams ----------------------------------------------------------------------------------------------

async function fileLimit(): Promise<number | null> {
  try {
    const { stdout } = await execFileAsync('sh', ['-c', 'ulimit -n']);
    const value = Number(stdout.trim());
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Streams one process can hold here: both ends need a descriptor each, in two processes; keep a margin. */
export function ceilingLevel(driverLimit: number | null, brokerLimit: number): number | null {
  const limit = Math.min(driverLimit ?? Infinity, brokerLimit > 0 ? brokerLimit : Infinity);
  if (!Number.isFinite(limit)) return null;
  return Math.floor((limit - 1500) / 1000) * 1000;
}

export async function openStreams(
  requested: number[],
  origin: string,
  log: Log,
  ceiling = false,
): Promise<StreamResult> {
  const limit = await fileLimit();
  const levels = [...requested];
  // The warm-up runs 4 logins at a time over 4 identities, so two of one identity can overlap: list both in the
  // app (as the completions broker does) rather than stop both.
  const broker = await startBroker({
    identities: 4,
    origins: [origin],
    sessionTtlMs: 15 * 60_000,
    parallelAppRequests: 'allow',
  });
  const rig = await makeRig(broker, 4, origin);
  const client = new JsonClient(broker.url, origin, 32);
  const streams: OpenStream[] = [];
  const result: StreamResult = { baseline: { rssBytes: 0, heapUsedBytes: 0 }, levels: [], fileLimit: limit };
  try {
    // Warm the broker up (JIT, pools), then take the baseline.
    await pool(20, 4, (index) => sseLogin(rig, rig.apps[index % rig.apps.length]!));
    await sleep(500);
    const base: BrokerStats = await broker.stats();
    result.baseline = { rssBytes: base.rssKernel, heapUsedBytes: base.memory.heapUsed };
    result.brokerFileLimit = base.fileLimit;
    const top = ceiling ? ceilingLevel(limit, base.fileLimit) : null;
    if (top && top > (levels.at(-1) ?? 0)) levels.push(top);
    let cpuBefore = base.cpuMs;
    for (const level of levels) {
      const started = wallClock();
      const missing = level - streams.length;
      const opened = await pool(missing, 100, async (index) => {
        const created = await createSession(client, `idle.${streams.length + index}`);
        const stream = openStream(broker.url, created.session_id, created.session_token);
        await stream.first;
        return stream;
      });
      streams.push(...opened);
      const openSeconds = (wallClock() - started) / 1000;
      await sleep(1000);
      const stats = await broker.stats();
      const samples = await pool(40, 1, () => sseLogin(rig, rig.apps[0]!));
      const row: StreamLevel = {
        streams: level,
        openSeconds,
        rssBytes: stats.rssKernel,
        heapUsedBytes: stats.memory.heapUsed,
        rssPerStreamBytes: (stats.rssKernel - base.rssKernel) / level,
        heapPerStreamBytes: (stats.memory.heapUsed - base.memory.heapUsed) / level,
        connections: stats.connections,
        cpuPerOpenMs: (stats.cpuMs - cpuBefore) / Math.max(missing, 1),
        deliveryMs: summarize(samples),
      };
      cpuBefore = (await broker.stats()).cpuMs;
      result.levels.push(row);
      log(
        `  ${level} open streams: RSS ${(row.rssBytes / 2 ** 20).toFixed(0)} MiB ` +
          `(${(row.rssPerStreamBytes / 1024).toFixed(1)} KiB/stream), delivery p99 ${row.deliveryMs.p99.toFixed(1)} ms`,
      );
    }
  } catch (error) {
    result.error = (error as Error).message;
    log(`  open streams stopped: ${result.error} (ulimit -n ${limit ?? '?'})`);
  } finally {
    for (const stream of streams) stream.close();
    client.close();
    rig.client.close();
    await broker.stop();
  }
  return result;
}

// ---- completions -----------------------------------------------------------------------------------------------

interface Prepared {
  app: AppDevice;
  request: AppRequest;
  signature: string;
  stream: OpenStream;
  sent: number;
  delivered: number;
  answered: number;
  failed: boolean;
}

async function prepare(rig: Rig, count: number): Promise<Prepared[]> {
  return pool(count, 48, async (index) => {
    const app = rig.apps[index % rig.apps.length]!;
    const { session, link } = await pendingApproval(rig, app);
    const stream = openStream(rig.base, session.id, session.token);
    await stream.first;
    const request = (await app.open(link.requestId, link.secret)).ok();
    return {
      app,
      request,
      signature: app.signature(request, 'approve'),
      stream,
      sent: Number.NaN,
      delivered: Number.NaN,
      answered: Number.NaN,
      failed: false,
    };
  });
}

async function runAtRate(rig: Rig, items: Prepared[], rate: number): Promise<void> {
  let pendingCount = items.length;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    pendingCount -= 1;
    if (pendingCount === 0) finish();
  };
  for (const item of items) {
    item.stream.onStatus = (status, at) => {
      if (status.status === 'pending') return;
      if (status.status === 'complete') item.delivered = at;
      else item.failed = true;
      item.stream.onStatus = undefined;
      settle();
    };
  }
  const interval = 1000 / rate;
  const start = wallClock();
  let next = 0;
  while (next < items.length) {
    const now = wallClock();
    while (next < items.length && start + next * interval <= now) {
      const item = items[next++]!;
      item.sent = wallClock();
      item.app
        .decide(item.request, 'approve', item.signature)
        .then((reply) => {
          reply.ok();
          item.answered = wallClock();
        })
        .catch(() => (item.failed = true));
    }
    await sleep(1);
  }
  await Promise.race([allDone, sleep(15_000)]);
}

export async function completions(
  rates: number[],
  seconds: number,
  origin: string,
  log: Log,
  profile = false,
): Promise<CompletionStep[]> {
  // 100 simulated users each keep many approvals pending at once, which `stop-both` (one pending app request per
  // user ID) would refuse: the completion test allows it. Listing a device's requests then costs a little more.
  const broker = await startBroker({ identities: 100, origins: [origin], parallelAppRequests: 'allow' });
  const rig = await makeRig(broker, 100, origin, 0, 512);
  const steps: CompletionStep[] = [];
  try {
    for (const rate of rates) {
      const items = await prepare(rig, Math.round(rate * seconds));
      await sleep(300);
      const cpuBefore = (await broker.stats()).cpuMs;
      const driverBefore = process.cpuUsage();
      if (profile) await broker.profileStart();
      const started = wallClock();
      await runAtRate(rig, items, rate);
      const elapsed = wallClock() - started;
      const driverCpu = process.cpuUsage(driverBefore);
      const hotSpots = profile ? await broker.profileStop() : undefined;
      const cpuAfter = (await broker.stats()).cpuMs;
      for (const item of items) item.stream.close();
      const done = items.filter((item) => Number.isFinite(item.delivered));
      const lastDelivery = Math.max(...done.map((item) => item.delivered));
      const firstSent = Math.min(...items.map((item) => item.sent));
      const step: CompletionStep = {
        offeredPerSecond: rate,
        sessions: items.length,
        completed: done.length,
        failed: items.length - done.length,
        achievedPerSecond: done.length ? done.length / ((lastDelivery - firstSent) / 1000) : 0,
        deliveryMs: summarize(done.map((item) => item.delivered - item.sent)),
        decisionCallMs: summarize(
          items.filter((item) => Number.isFinite(item.answered)).map((item) => item.answered - item.sent),
        ),
        brokerCpuPercent: ((cpuAfter - cpuBefore) / elapsed) * 100,
        driverCpuPercent: ((driverCpu.user + driverCpu.system) / 1000 / elapsed) * 100,
        ...(hotSpots ? { brokerHotSpots: hotSpots } : {}),
      };
      steps.push(step);
      log(
        `  ${rate} completions/s offered: ${step.achievedPerSecond.toFixed(0)}/s done, delivery p99 ` +
          `${step.deliveryMs.p99.toFixed(1)} ms, CPU broker ${step.brokerCpuPercent.toFixed(0)} %, ` +
          `driver ${step.driverCpuPercent.toFixed(0)} %`,
      );
      // Past saturation, higher rates only queue up: stop.
      if (step.failed > items.length * 0.1 || step.deliveryMs.p99 > 2000) break;
    }
  } finally {
    rig.client.close();
    await broker.stop();
  }
  return steps;
}

// ---- signing ---------------------------------------------------------------------------------------------------

export async function signingRate(seconds: number, log: Log): Promise<SigningResult> {
  const keys = await KeyRing.create(systemClock, 60_000);
  const claims = () => {
    const iat = Math.floor(Date.now() / 1000);
    return {
      iss: 'http://localhost:8080',
      aud: 'netbank',
      sub: 'x'.repeat(43),
      iat,
      exp: iat + 120,
      auth_time: iat,
      jti: 'j'.repeat(22),
      nonce: BENCH_NONCE,
      origin: 'http://localhost:8080',
      acr: 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
      amr: ['swk', 'mfa'],
      method: 'app',
      mode: 'login',
      name: 'Bench User',
    };
  };
  for (let i = 0; i < 200; i += 1) await keys.sign(claims());
  let count = 0;
  let started = wallClock();
  while (wallClock() - started < seconds * 1000) {
    await keys.sign(claims());
    count += 1;
  }
  const sequentialPerSecond = count / ((wallClock() - started) / 1000);
  count = 0;
  started = wallClock();
  while (wallClock() - started < seconds * 1000) {
    await Promise.all(Array.from({ length: 32 }, () => keys.sign(claims())));
    count += 32;
  }
  const parallelPerSecond = count / ((wallClock() - started) / 1000);
  log(
    `  ES256 signing: ${sequentialPerSecond.toFixed(0)}/s one at a time, ${parallelPerSecond.toFixed(0)}/s 32 at once`,
  );
  return { sequentialPerSecond, parallelPerSecond, threads: cpus().length };
}
