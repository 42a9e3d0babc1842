/**
 * `npm run bench`: size, first render, approval latency and the broker under load, side by side in one run.
 * Prints the tables and writes bench/results.json. `npm run bench -- --quick` for a fast, rough run; `--help`.
 * A benchmark, not a test: nothing here runs in `npm test` (CI checks the size budget only).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startBroker } from './broker-process.js';
import { buildSnapshot } from './bundle.js';
import { firstRender } from './first-render.js';
import { makeRig, nodeLatency } from './latency.js';
import { browserLatency } from './latency-browser.js';
import { completions } from './load-completions.js';
import { openStreams } from './load-streams.js';
import { creationRate, signingRate } from './load.js';
import { redisScaling, renderScaling, type ScalingResult } from './redis.js';
import { describeMachine, noteLoad } from './machine.js';
import { parseOptions } from './options.js';
import { passwordFlood } from './passwords.js';
import { render, targets, type Results } from './report.js';
import { measureSize } from './size.js';
import { startStaticServer } from './static-server.js';

const options = parseOptions(process.argv.slice(2));
const log = (line: string) => console.log(line);
const startedAt = new Date();
const machine = describeMachine();
const results: Results = {};
let scaling: ScalingResult | undefined;
const phase = (name: string) => {
  noteLoad(machine, name);
  log(`\n== ${name} (load average ${machine.load[name]}) ==`);
};

log(`mitid-login bench, ${options.quick ? 'quick' : 'full'} run: ${[...options.parts].join(', ')}`);
const startLoad = loadavg()[0] ?? 0;
if (startLoad > machine.cores * 0.5)
  log(
    `Note: the 1-minute load average is ${startLoad.toFixed(1)} on ${machine.cores} cores: other work is running, ` +
      'so timings will be noisy (sizes and memory are not affected).',
  );
// The password flood needs no build: `--only=passwords` runs it alone, in seconds.
const needsBuild = [...options.parts].some((part) => part !== 'passwords');
if (needsBuild) phase('build');
const snapshot = needsBuild ? await buildSnapshot() : undefined;
const server = snapshot ? await startStaticServer(snapshot.dist) : undefined;
// Only the parts that need the build read it.
const origin = server?.origin ?? 'http://127.0.0.1';
let browser: Browser | undefined;
const chromium = async () => {
  if (!browser) {
    browser = await launchChromium();
    machine.chromium = browser.version();
  }
  return browser;
};

try {
  if (options.parts.has('size')) {
    phase('size');
    if (snapshot) results.size = await measureSize(snapshot.root);
  }
  if (options.parts.has('render')) {
    phase('first render');
    results.firstRender = await firstRender(await chromium(), origin, options.loads, log);
  }
  if (options.parts.has('latency')) {
    phase('approval latency');
    const broker = await startBroker({ identities: 60, origins: [origin] });
    try {
      const rows = await nodeLatency(broker, origin, options.logins, log);
      // The browser plays a device of its own (bench.0055), apart from the node clients' ones.
      const rig = await makeRig(broker, 1, origin, 55);
      try {
        rows.unshift(...(await browserLatency(await chromium(), origin, rig, options.browserLogins, log)));
      } finally {
        rig.client.close();
      }
      results.latency = rows;
    } finally {
      await broker.stop();
    }
  }
  if (browser) {
    await browser.close();
    browser = undefined;
  }
  if (options.parts.has('passwords')) {
    phase('password checks under a flood');
    results.passwords = await passwordFlood(options.passwordRounds, log);
  }
  if (options.parts.has('load')) {
    phase('signing');
    results.load = { signing: await signingRate(options.signSeconds, log) };
    phase('session creations');
    results.load.creation = await creationRate(options.createSeconds, origin, log);
    phase('open streams');
    results.load.streams = await openStreams(options.streamLevels, origin, log, options.streamCeiling);
    phase('completions');
    results.load.completions = await completions(
      options.completionRates,
      options.completionSeconds,
      origin,
      log,
      options.profile,
    );
    // Several instances on one Redis (bench/redis.ts): whole app logins spread over the instances.
    phase('instances on Redis');
    scaling = await redisScaling({ seconds: options.quick ? 5 : 15, concurrency: 16, log });
  }
} finally {
  await browser?.close();
  await server?.close();
  snapshot?.remove();
}

noteLoad(machine, 'end');
const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
log(`\n${render(results)}`);
if (scaling) log(`\nBroker instances on Redis (whole app logins, 16 in flight):\n${renderScaling(scaling)}`);
log(
  `\n${options.quick ? 'Quick' : 'Full'} run, ${durationSeconds.toFixed(0)} s; load averages ${JSON.stringify(machine.load)}`,
);
if (options.out !== '-') {
  const file = {
    generatedAt: startedAt.toISOString(),
    run: options.quick ? 'quick' : 'full',
    durationSeconds: Math.round(durationSeconds),
    options: { ...options, parts: [...options.parts] },
    machine,
    targets: targets(results),
    ...results,
    ...(scaling ? { instances: scaling } : {}),
  };
  writeFileSync(options.out, `${JSON.stringify(file, null, 2)}\n`);
  log(`Wrote ${options.out}`);
}
// Keep-alive sockets and child pipes are closed; exit even if a stray handle lingers.
process.exit(0);
