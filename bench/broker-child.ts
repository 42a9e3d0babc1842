/**
 * The reference broker in its own process, so that its memory and CPU are its own. Started by broker-process.ts
 * with `node --expose-gc --import tsx bench/broker-child.ts '<json config>'`; prints `{"url": …}` once listening,
 * then answers JSON-line commands on stdin (`stats`: memory after a full GC, CPU time, open handles;
 * `profile-start` / `profile-stop`: a CPU profile of the window between, summarised as hot spots).
 *
 * Only existing `buildApp` options are used: rate limits raised so that one loopback address may drive the load,
 * cheap password hashing (unless the config asks for the real cost), and generated app identities (`bench.0000`, …) next to the demo ones.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildApp } from '../server/app.js';
import { DEMO_IDENTITIES_FILE } from '../demo/config.js';
import { loadIdentitiesFile, type IdentitySeed } from '../server/config/identities.js';
import { benchIdentities } from './identities.js';
import { startProfile, stopProfile } from './profile.js';

export interface BrokerChildConfig {
  /** Generated identities with the app method, `bench.0000` … */
  identities: number;
  /** Page origins allowed to start sessions (besides the broker's own). */
  origins: string[];
  /** Session lifetime; the stream test keeps thousands open for a while. */
  sessionTtlMs?: number;
  /** `allow` lets one simulated user have several approvals pending (the completion test); default: the broker's. */
  parallelAppRequests?: 'allow' | 'stop-both';
  /** scrypt N: cheap (1024) unless a benchmark measures password checks (bench/passwords.ts). */
  passwordCost?: number;
  /** More identities, as given (the password flood's code-display users). */
  extraIdentities?: IdentitySeed[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as BrokerChildConfig;
const identities: IdentitySeed[] = [
  ...loadIdentitiesFile(DEMO_IDENTITIES_FILE),
  ...benchIdentities(config.identities),
  ...(config.extraIdentities ?? []),
];
const unlimited = 1_000_000_000;
const app = await buildApp({
  // BENCH_BROKER_LOG=1 shows the broker's request log (and errors) when a benchmark misbehaves.
  logger: process.env.BENCH_BROKER_LOG === '1',
  passwordCost: config.passwordCost ?? 1024,
  clients: [{ id: 'netbank', name: 'Bench Bank', origins: ['self', ...config.origins] }],
  identities,
  rateLimits: {
    sessionsPerAddress: unlimited,
    sessionsPerClient: unlimited,
    attemptsPerAddress: unlimited,
    attemptsPerClient: unlimited,
  },
  settings: {
    sessionTtlMs: config.sessionTtlMs ?? 10 * 60_000,
    ...(config.parallelAppRequests ? { parallelAppRequests: config.parallelAppRequests } : {}),
  },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const reply = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

function stats() {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.().length ?? -1;
  return {
    memory,
    cpuMs: (cpu.user + cpu.system) / 1000,
    handles,
    fileLimit: fileLimit(),
    connections: connectionCount(),
  };
}

/** The soft open-file limit this process runs with (Linux), or -1. */
function fileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('Max open files'));
    return Number(line?.split(/\s{2,}/)[1] ?? -1);
  } catch {
    return -1;
  }
}

function connectionCount(): Promise<number> {
  return new Promise((resolve) => app.server.getConnections((error, count) => resolve(error ? -1 : count)));
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, command } = JSON.parse(line) as { id: number; command: string };
  const answer = (work: Promise<unknown>) =>
    work.then(
      (result) => reply({ id, result }),
      (error: unknown) => reply({ id, error: String(error) }),
    );
  if (command === 'stats') {
    const result = stats();
    void answer(result.connections.then((connections) => ({ ...result, connections })));
  } else if (command === 'profile-start') void answer(startProfile());
  else if (command === 'profile-stop') void answer(stopProfile());
  else reply({ id, error: `unknown command ${command}` });
});
process.stdin.on('end', () => process.exit(0));

reply({ url: `http://127.0.0.1:${port}`, pid: process.pid });
