/** Starts the broker in a child process (broker-child.ts) and talks to it: its URL, stats, and stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BrokerChildConfig } from './broker-child.js';
import type { HotSpot } from './profile.js';

export interface BrokerStats {
  memory: NodeJS.MemoryUsage;
  /** CPU time the broker has used since it started (user + system). */
  cpuMs: number;
  handles: number;
  /** The broker's soft open-file limit (raised to the hard limit at start). */
  fileLimit: number;
  connections: number;
  /** Resident set size from /proc (what the kernel charges the process), bytes. */
  rssKernel: number;
}

export interface BrokerProcess {
  url: string;
  pid: number;
  stats(): Promise<BrokerStats>;
  /** CPU-profiles the broker between the two calls; the result lists where its CPU time went. */
  profileStart(): Promise<void>;
  profileStop(): Promise<HotSpot[]>;
  stop(): Promise<void>;
}

const childScript = fileURLToPath(new URL('./broker-child.ts', import.meta.url));

/** VmRSS of a process in bytes (Linux), or NaN. */
export function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function startBroker(config: BrokerChildConfig): Promise<BrokerProcess> {
  // Through sh, to raise the open-file limit to the hard limit first: every open event stream is a socket.
  const child: ChildProcess = spawn(
    'sh',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      '--expose-gc',
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      childScript,
      JSON.stringify(config),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (!child.stdout || !child.stdin) throw new Error('broker child has no pipes');
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`broker exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let message: { id?: number; url?: string; pid?: number; result?: unknown; error?: string };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        return; // not ours
      }
      if (process.env.BENCH_BROKER_LOG === '1' && !message.url && message.id === undefined) console.error(line);
      if (message.url && message.pid) resolve({ url: message.url, pid: message.pid });
      else if (message.id !== undefined) {
        const waiter = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      }
    });
  });
  const { url, pid } = await ready;
  const command = (name: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.stdin!.write(`${JSON.stringify({ id, command: name })}\n`);
    });
  return {
    url,
    pid,
    async stats() {
      const result = (await command('stats')) as Omit<BrokerStats, 'rssKernel'>;
      return { ...result, rssKernel: residentBytes(pid) };
    },
    async profileStart() {
      await command('profile-start');
    },
    async profileStop() {
      return (await command('profile-stop')) as HotSpot[];
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.stdin!.end();
      });
    },
  };
}
