/**
 * Property-based fuzzing of every broker endpoint (issue 10, item 1). Each KIND is one way a request can be wrong
 * (a type, a size, an encoding, nesting, an unknown field, a step out of order, the wrong session or token, a bad
 * header or content type) on one endpoint; fast-check draws the values. Every answer must be a 4xx JSON error whose
 * `code` is one of the wire contract's codes with that code's status; no 5xx; the broker still serves a login
 * afterwards; and the heap, after a sweep and a full GC, is back to where it was before the run.
 *
 * FUZZ_RUNS (default 4) sets the runs per kind; FUZZ_SEED replays a run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loginByCode, startBroker, type TestBroker } from '../support/broker.js';
import { ENDPOINTS } from './fuzz/endpoints.js';
import { Fixtures } from './fuzz/fixtures.js';
import { forgetAll, fuzz, heapAfterGc, KINDS } from './fuzz/runner.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

describe('hardening: fuzzing every endpoint with malformed requests', () => {
  let broker: TestBroker;
  let fixtures: Fixtures;
  before(async () => {
    broker = await startBroker({
      rateLimits: { sessionsPerAddress: 1e9, attemptsPerAddress: 1e9, sessionsPerClient: 1e9, attemptsPerClient: 1e9 },
    });
    fixtures = new Fixtures(broker);
    await fixtures.setUp();
  });
  after(() => broker.close());

  it('has at least 200 distinct malformed kinds covering every endpoint', () => {
    const names = new Set(KINDS.map((entry) => entry.name));
    assert.equal(names.size, KINDS.length, 'kind names are distinct');
    assert.ok(KINDS.length >= 200, `${KINDS.length} kinds`);
    for (const endpoint of ENDPOINTS) {
      assert.ok(
        KINDS.some((entry) => entry.name.startsWith(`${endpoint.name}:`)),
        `no kind for ${endpoint.name}`,
      );
    }
  });

  it('answers every kind with a 4xx JSON error of a stable code, never a 5xx; memory returns to its level', async (t) => {
    // Warm-up: every kind once (code paths compiled, caches filled), then everything forgotten: the baseline.
    await fuzz(broker, fixtures, 1, SEED ^ 0x5a5a);
    await forgetAll(broker);
    const baseline = heapAfterGc();

    const started = performance.now();
    const tally = await fuzz(broker, fixtures, RUNS, SEED);
    const seconds = (performance.now() - started) / 1000;
    const peak = heapAfterGc();
    await forgetAll(broker);
    const settled = heapAfterGc();

    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    const statuses = [...tally.byStatus.entries()].sort((a, b) => a[0] - b[0]);
    const codes = [...tally.byCode.entries()].sort((a, b) => b[1] - a[1]);
    t.diagnostic(`seed ${SEED}, ${RUNS} runs per kind, ${seconds.toFixed(1)} s`);
    t.diagnostic(`kinds ${tally.kinds}, requests ${tally.requests}`);
    t.diagnostic(`by status: ${statuses.map(([status, n]) => `${status}×${n}`).join(', ')}`);
    t.diagnostic(`by code: ${codes.map(([code, n]) => `${code}×${n}`).join(', ')}`);
    t.diagnostic(
      `heap after GC: baseline ${mb(baseline)} MB, after the run ${mb(peak)} MB, after the sweep ${mb(settled)} MB`,
    );
    assert.ok(tally.requests >= tally.kinds * RUNS);
    assert.ok(![...tally.byStatus.keys()].some((status) => status >= 500), 'no 5xx');
    assert.ok(tally.byCode.size >= 15, `${tally.byCode.size} distinct codes exercised`);
    // Back to its level: within 4 MB of the baseline (the sessions of the run alone take more than that).
    assert.ok(settled - baseline < 4 * 2 ** 20, `heap grew by ${mb(settled - baseline)} MB`);

    // Alive and well: health, and a whole login.
    assert.equal((await broker.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    broker.clock.advance(30_000);
    const { status } = await loginByCode(broker);
    assert.equal(status.status, 'complete');
  });
});
