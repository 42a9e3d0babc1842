/** Open event streams on one broker process: its memory, CPU and delivery latency at each level (see load.ts). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startBroker, type BrokerStats } from './broker-process.js';
import { JsonClient } from './http.js';
import { makeRig, sseLogin } from './latency.js';
import type { Log } from './load.js';
import { pool } from './pool.js';
import { createSession } from './session-client.js';
import { openStream, type OpenStream } from './sse.js';
import { sleep, summarize, wallClock, type Summary } from './stats.js';

const execFileAsync = promisify(execFile);

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
