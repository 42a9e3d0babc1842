/**
 * The broker under load, in a child process (its memory and CPU are its own), all traffic to 127.0.0.1:
 *  - session creations per second (autocannon, in its own process);
 *  - open event streams (load-streams.ts): memory and delivery latency at 100, 1,000, 10,000 streams in one process;
 *  - completions per second at fixed offered rates (load-completions.ts), with the delivery latency of each
 *    (decision call → complete status on the session's event stream);
 *  - the signing rate (ES256 assertions per second, the broker's own KeyRing).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { systemClock } from '../server/clock.js';
import { KeyRing } from '../server/signing/keys.js';
import { startBroker } from './broker-process.js';
import type { CompletionStep } from './load-completions.js';
import type { StreamResult } from './load-streams.js';
import { BENCH_NONCE } from './session-client.js';
import { wallClock } from './stats.js';

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

export type Log = (line: string) => void;

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
