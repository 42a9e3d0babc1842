/**
 * Completions per second at fixed offered rates: approvals prepared up to the decision, then decided at the rate,
 * each timed from the decision call to the complete status on its session's event stream (see load.ts).
 */
import type { AppRequest } from '../protocol/app-api.js';
import type { AppDevice } from '../testing/node/index.js';
import { startBroker } from './broker-process.js';
import type { HotSpot } from './profile.js';
import { makeRig, pendingApproval, type Rig } from './latency.js';
import type { Log } from './load.js';
import { pool } from './pool.js';
import { openStream, type OpenStream } from './sse.js';
import { sleep, summarize, wallClock, type Summary } from './stats.js';

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
