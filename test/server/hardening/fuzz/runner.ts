/**
 * The run: every kind (the table's generic ones and the special ones) drawn `runs` times against the broker, each
 * answer checked and tallied; and the heap measured after a full GC, before and after the broker forgets it all.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { ENROL_LIMITS } from '../../../../protocol/enrol-api.js';
import type { ErrorBody, ErrorCode } from '../../../../protocol/page-api.js';
import { KEPT_AFTER_END_MS } from '../../../../server/enrolment/records.js';
import { statusOf } from '../../../../server/http/errors.js';
import type { TestBroker } from '../../support/broker.js';
import { ENDPOINTS, type Kind } from './endpoints.js';
import type { Fixtures } from './fixtures.js';
import { authKinds, bodyKinds, emptyBodyKinds, verbKinds } from './generic-kinds.js';
import { SPECIAL_KINDS } from './special-kinds.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export const KINDS: Kind[] = [
  ...ENDPOINTS.flatMap((endpoint) => [
    ...bodyKinds(endpoint),
    ...authKinds(endpoint),
    ...verbKinds(endpoint),
    ...emptyBodyKinds(endpoint),
  ]),
  ...SPECIAL_KINDS,
];

interface Tally {
  kinds: number;
  requests: number;
  byStatus: Map<number, number>;
  byCode: Map<string, number>;
}

export async function fuzz(broker: TestBroker, fixtures: Fixtures, runs: number, seed: number): Promise<Tally> {
  fixtures.other = undefined;
  const tally: Tally = { kinds: KINDS.length, requests: 0, byStatus: new Map(), byCode: new Map() };
  for (const [index, entry] of KINDS.entries()) {
    await fc.assert(
      fc.asyncProperty(entry.run, async (build) => {
        const ctx = await fixtures.make(entry.fixture);
        const req = build(ctx);
        const headers = Object.fromEntries(
          Object.entries(req.headers ?? {}).filter((pair): pair is [string, string] => pair[1] !== undefined),
        );
        const response = await broker.app.inject({
          method: req.method,
          url: req.url,
          headers,
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        tally.requests += 1;
        tally.byStatus.set(response.statusCode, (tally.byStatus.get(response.statusCode) ?? 0) + 1);
        const where = `${entry.name} — ${req.method} ${req.url.slice(0, 120)}`;
        assert.ok(
          response.statusCode >= 400 && response.statusCode < 500,
          `${where} → ${response.statusCode} ${response.body.slice(0, 300)}`,
        );
        assert.match(String(response.headers['content-type']), /^application\/json/, where);
        const body = response.json<ErrorBody>();
        const code = body.error?.code as ErrorCode;
        assert.equal(statusOf(code), response.statusCode, `${where}: code ${code} with status ${response.statusCode}`);
        assert.equal(typeof body.error.message, 'string', where);
        tally.byCode.set(code, (tally.byCode.get(code) ?? 0) + 1);
      }),
      { numRuns: runs, seed: seed + index, endOnFailure: true },
    );
  }
  return tally;
}

/**
 * Fails what is pending and forgets everything finished and expired: what a broker left alone for two hours holds
 * (an enrolment record, the longest-lived thing a request leaves, is kept an hour after its end).
 */
export async function forgetAll(broker: TestBroker): Promise<void> {
  broker.clock.advance(broker.app.broker.settings.sessionTtlMs * 5 + broker.app.broker.settings.finishedRetentionMs);
  await broker.app.broker.sessions.sweep();
  broker.clock.advance(broker.app.broker.settings.finishedRetentionMs + 1);
  await broker.app.broker.sessions.sweep();
  broker.clock.advance(ENROL_LIMITS.enrolmentTtlSeconds * 1000 + KEPT_AFTER_END_MS);
  // The sweeper's other half (server/app.ts): the shared state's expired entries go too.
  broker.app.broker.memoryState?.prune();
}

export function heapAfterGc(): number {
  for (let i = 0; i < 4; i += 1) gc();
  return process.memoryUsage().heapUsed;
}
