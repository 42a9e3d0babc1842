/**
 * Several broker instances on one Redis: completions per second and delivery latency with one instance and with
 * two (and the in-memory single instance for reference). Each instance is its own process; a real redis-server
 * runs on a free port for the run. Every login is a whole app login over HTTP, as a page and a phone make it:
 * create → event stream → method (app, same device) → open → decide, with the page, its stream and the phone
 * each on a different instance when there are two (no stickiness). Delivery = decision call sent → `complete`
 * parsed on the page's stream.
 *
 * `redisScaling()` is what `npm run bench` calls; `node --import tsx bench/redis.ts` runs it alone and prints the
 * table (`--seconds N`, `--concurrency N`). With `--instance '<json>'` this file is one broker instance (the
 * child the measurement starts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChooseMethodResponse, SessionStatusEvent } from '../protocol/page-api.js';
import { type AppDevice, freePort } from '../testing/node/index.js';
import { JsonClient } from './http.js';
import { activateBenchApp, benchIdentities, benchUserId } from './identities.js';
import { createSession } from './session-client.js';
import { table } from './report.js';
import { openStream } from './sse.js';
import { round, roundSummary, summarize, wallClock, type Summary } from './stats.js';

const ORIGIN = 'http://bench.localhost';
const thisFile = fileURLToPath(import.meta.url);

export interface ScalingRow {
  store: 'memory' | 'redis';
  instances: number;
  /** Logins in flight at once (virtual users, each with its own identity and phone). */
  concurrency: number;
  seconds: number;
  completed: number;
  failed: number;
  completionsPerSecond: number;
  deliveryMs: Summary;
  /** CPU time per completed login, all broker instances together (ms): independent of other load on the host. */
  brokerCpuMsPerLogin: number;
  /** CPU time of redis-server per completed login (ms). */
  redisCpuMsPerLogin?: number;
}

export interface ScalingResult {
  redisVersion?: string;
  rows: ScalingRow[];
  /** Why the Redis rows are missing (redis-server not installed). */
  skipped?: string;
}

interface InstanceConfig {
  identities: number;
  redisUrl?: string;
}

interface Instance {
  url: string;
  child: ChildProcess;
}

/** CPU time (user + system) a process has used, ms (Linux /proc), or NaN. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function startRedis(): Promise<{
  url: string;
  version: string;
  pid: number | undefined;
  flush(): void;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const cli = (...args: string[]) =>
    spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();
  for (let tries = 0; cli('ping') !== 'PONG'; tries += 1) {
    if (tries > 100) throw new Error('redis-server did not start');
    await sleep(50);
  }
  const version = /redis_version:(\S+)/.exec(cli('info', 'server'))?.[1] ?? 'unknown';
  return {
    url: `redis://127.0.0.1:${port}`,
    version,
    pid: child.pid,
    flush: () => void cli('flushall'),
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      cli('shutdown', 'nosave');
      await Promise.race([exited, sleep(3000)]);
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function startInstance(config: InstanceConfig): Promise<Instance> {
  // BENCH_REDIS_PROFILE=<dir>: each instance writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_REDIS_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', thisFile, '--instance', JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('a broker instance did not start')), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"([^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    });
    child.once('exit', (code) => reject(new Error(`a broker instance exited (${code})`)));
  });
}

function stopInstance(instance: Instance): Promise<void> {
  return new Promise((resolve) => {
    if (instance.child.exitCode !== null) return resolve();
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGTERM');
    setTimeout(() => instance.child.kill('SIGKILL'), 3000).unref();
  });
}

/** One whole app login; resolves with the delivery time (decision sent → complete on the stream), ms. */
async function oneLogin(clients: JsonClient[], bases: string[], phones: AppDevice[], userId: string, turn: number) {
  const n = clients.length;
  const page = clients[turn % n] as JsonClient;
  const created = await createSession(page, userId);
  const stream = openStream(bases[(turn + 1) % n] as string, created.session_id, created.session_token);
  try {
    await stream.first;
    const chosen = await page.ok<ChooseMethodResponse>(
      'POST',
      `/v1/sessions/${created.session_id}/method`,
      created.session_token,
      { method: 'app', device: 'same' },
    );
    if (!chosen.app_link) throw new Error('no app link');
    const phone = phones[(turn + 2) % n] as AppDevice;
    const request = (await phone.openLink(chosen.app_link)).ok();
    const signature = phone.signature(request, 'approve');
    const complete = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no completion on the stream within 10 s')), 10_000);
      stream.onStatus = (status: SessionStatusEvent, at: number) => {
        if (status.status === 'complete') {
          clearTimeout(timer);
          resolve(at);
        }
      };
    });
    const sentAt = wallClock();
    (await phone.decide(request, 'approve', signature)).ok();
    return (await complete) - sentAt;
  } finally {
    stream.close();
  }
}

async function measure(
  store: 'memory' | 'redis',
  instances: number,
  redis: { url: string; pid: number | undefined } | undefined,
  seconds: number,
  concurrency: number,
  log: (line: string) => void,
): Promise<ScalingRow> {
  const started = await Promise.all(
    Array.from({ length: instances }, () =>
      startInstance({ identities: concurrency, ...(redis ? { redisUrl: redis.url } : {}) }),
    ),
  );
  const clients = started.map((instance) => new JsonClient(instance.url, ORIGIN, concurrency * 4));
  try {
    const bases = started.map((instance) => instance.url);
    // Each virtual user has its phone talk to every instance (a device activated through each: with Redis any
    // instance knows every device, but a bench device talks to one address).
    const users = await Promise.all(
      Array.from({ length: concurrency }, async (_, index) => {
        const userId = benchUserId(index);
        // One phone per user (its letter activates once), talking to every instance.
        const phone = await activateBenchApp(clients[0] as JsonClient, userId, index);
        const phones = clients.map((client) => phone.via(client.port()));
        return { userId, phones };
      }),
    );
    // Warm-up (the JIT of every instance), not counted.
    for (let round = 0; round < 5; round += 1) {
      await Promise.all(users.map((user, index) => oneLogin(clients, bases, user.phones, user.userId, index + round)));
    }
    const deliveries: number[] = [];
    let failed = 0;
    const brokerCpuBefore = started.reduce((total, instance) => total + cpuMs(instance.child.pid), 0);
    const redisCpuBefore = cpuMs(redis?.pid);
    const startedAt = Date.now();
    const deadline = startedAt + seconds * 1000;
    await Promise.all(
      users.map(async (user, index) => {
        for (let turn = index; Date.now() < deadline; turn += 1) {
          try {
            deliveries.push(await oneLogin(clients, bases, user.phones, user.userId, turn));
          } catch {
            failed += 1;
          }
        }
      }),
    );
    const elapsed = (Date.now() - startedAt) / 1000;
    const brokerCpu = started.reduce((total, instance) => total + cpuMs(instance.child.pid), 0) - brokerCpuBefore;
    const redisCpu = cpuMs(redis?.pid) - redisCpuBefore;
    const perLogin = (ms: number) => round(ms / Math.max(1, deliveries.length), 2);
    const row: ScalingRow = {
      store,
      instances,
      concurrency,
      seconds: round(elapsed, 1),
      completed: deliveries.length,
      failed,
      completionsPerSecond: round(deliveries.length / elapsed, 1),
      deliveryMs: roundSummary(summarize(deliveries)),
      brokerCpuMsPerLogin: perLogin(brokerCpu),
      ...(redis ? { redisCpuMsPerLogin: perLogin(redisCpu) } : {}),
    };
    log(
      `${store}, ${instances} instance${instances > 1 ? 's' : ''}: ${row.completionsPerSecond} completions/s, ` +
        `delivery p50 ${row.deliveryMs.p50} ms, p99 ${row.deliveryMs.p99} ms (${row.completed} logins, ${failed} failed); ` +
        `CPU per login: broker ${row.brokerCpuMsPerLogin} ms, Redis ${row.redisCpuMsPerLogin ?? '–'} ms`,
    );
    return row;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(started.map(stopInstance));
  }
}

export async function redisScaling(
  options: { seconds?: number; concurrency?: number; log?: (line: string) => void } = {},
): Promise<ScalingResult> {
  const seconds = options.seconds ?? 10;
  const concurrency = options.concurrency ?? 16;
  const log = options.log ?? (() => {});
  const rows = [await measure('memory', 1, undefined, seconds, concurrency, log)];
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return { rows, skipped: 'redis-server is not installed' };
  }
  const redis = await startRedis();
  try {
    rows.push(await measure('redis', 1, redis, seconds, concurrency, log));
    // A clean Redis for the next configuration: the same bench users log in again.
    redis.flush();
    rows.push(await measure('redis', 2, redis, seconds, concurrency, log));
  } finally {
    await redis.stop();
  }
  return { redisVersion: redis.version, rows };
}

/** The rows as a table in the bench's plain style. */
export function renderScaling(result: ScalingResult): string {
  const ms = (value: number | undefined) => (value === undefined ? '–' : `${value} ms`);
  const lines = [
    table(
      [
        'store',
        'instances',
        'in flight',
        'logins/s',
        'delivery p50',
        'p99',
        'logins',
        'failed',
        'CPU/login broker',
        'Redis',
      ],
      result.rows.map((row) => [
        row.store,
        String(row.instances),
        String(row.concurrency),
        String(row.completionsPerSecond),
        ms(row.deliveryMs.p50),
        ms(row.deliveryMs.p99),
        String(row.completed),
        String(row.failed),
        ms(row.brokerCpuMsPerLogin),
        ms(row.redisCpuMsPerLogin),
      ]),
    ),
  ];
  if (result.skipped) lines.push('', `Redis rows skipped: ${result.skipped}.`);
  return lines.join('\n');
}

if (process.argv[1] === thisFile && process.argv[2] === '--instance') {
  // One broker instance (child process).
  const config = JSON.parse(process.argv[3] ?? '{}') as InstanceConfig;
  const { buildApp } = await import('../server/app.js');
  const { DEMO_IDENTITIES_FILE } = await import('../demo/config.js');
  const { loadIdentitiesFile } = await import('../server/config/identities.js');
  const unlimited = 1_000_000_000;
  const app = await buildApp({
    logger: false,
    passwordCost: 1024,
    clients: [{ id: 'netbank', name: 'Bench Bank', origins: ['self', ORIGIN] }],
    identities: [...loadIdentitiesFile(DEMO_IDENTITIES_FILE), ...benchIdentities(config.identities)],
    rateLimits: {
      sessionsPerAddress: unlimited,
      sessionsPerClient: unlimited,
      attemptsPerAddress: unlimited,
      attemptsPerClient: unlimited,
    },
    settings: { sessionTtlMs: 10 * 60_000 },
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
} else if (process.argv[1] === thisFile) {
  const flag = (name: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? Number(process.argv[index + 1]) : undefined;
  };
  const seconds = flag('--seconds');
  const concurrency = flag('--concurrency');
  const result = await redisScaling({
    ...(seconds ? { seconds } : {}),
    ...(concurrency ? { concurrency } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${renderScaling(result)}`);
  process.exit(0);
}
