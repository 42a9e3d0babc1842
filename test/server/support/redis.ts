/**
 * A real redis-server for a test: started on a free port (no persistence unless a data directory is asked for),
 * stopped with `redis-cli shutdown`. Broker instances built here share one Redis, one clock and one public URL,
 * as instances behind one load balancer do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { buildApp, type AppOptions } from '../../../server/app.js';
import type { ManualClock } from '../../../server/clock.js';
import { TestBroker, testAppOptions } from './broker.js';
import { freePort } from '../../../testing/node/index.js';
import { waitFor } from '../../support/wait-for.js';

export const REDIS_INSTALLED = spawnSync('redis-server', ['--version']).status === 0;

/** `describe(…, { skip: SKIP_WITHOUT_REDIS })`: skipped, with the reason, only where redis-server is missing. */
export const SKIP_WITHOUT_REDIS: string | false = REDIS_INSTALLED
  ? false
  : 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)';

export { freePort };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisServer {
  private process: ChildProcess | undefined;
  private readonly dir: string;

  private constructor(readonly port: number) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'mitid-redis-'));
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.run();
    return server;
  }

  /** Stops Redis; `keepData` writes a snapshot first, so `restart()` brings the same data back. */
  async stop(keepData = false): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (!this.process || this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown', keepData ? 'save' : 'nosave']);
    // The exit is the event; the timer only bounds a shutdown that hangs, and SIGKILL ends it then.
    await Promise.race([exited, sleep(3000)]);
    this.process?.kill('SIGKILL');
    this.process = undefined;
  }

  /** Freezes Redis (SIGSTOP): connections stay open but nothing answers, as with a hung server. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }

  async restart(): Promise<void> {
    await this.run();
  }

  cli(...args: string[]): string {
    return spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).stdout.trim();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async run(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    // redis-server (its output ignored) announces no readiness to us: PING is how a client learns it is ready.
    await waitFor(() => this.cli('ping') === 'PONG', `redis-server to answer PING on port ${this.port}`, {
      timeoutMs: 5000,
      intervalMs: 50,
    });
  }
}

/** A listening broker instance on Redis. */
export class Instance extends TestBroker {
  constructor(
    app: TestBroker['app'],
    clock: ManualClock,
    readonly base: string,
  ) {
    super(app, clock);
  }
}

/** The key set an instance publishes. */
export async function jwksOf(instance: Instance): Promise<JSONWebKeySet> {
  return (await (await fetch(`${instance.base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
}

export function kidsOf(jwks: JSONWebKeySet): string[] {
  return jwks.keys.map((key) => key.kid ?? '').sort();
}

export async function startInstance(redisUrl: string, clock: ManualClock, options: AppOptions = {}): Promise<Instance> {
  const app = await buildApp({ ...testAppOptions(clock), redisUrl, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return new Instance(app, clock, `http://127.0.0.1:${address.port}`);
}

/** A broker instance in a child process (to be killed with SIGKILL). */
export async function startChildInstance(redisUrl: string): Promise<{ base: string; child: ChildProcess }> {
  const script = new URL('./redis-instance-child.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('the child broker did not start')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the child broker exited (${code})`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}
