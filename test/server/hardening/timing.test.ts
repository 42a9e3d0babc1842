/**
 * Enumeration and timing (issue 10, item 7). For each call that involves a user ID — session creation, a wrong
 * code, a wrong key answer, app activation and chip enrolment with a wrong activation code — known and unknown user
 * IDs get the same answer, and their response times, sampled interleaved in a shuffled order, differ by no more than
 * the noise. (A password is only ever asked after a right code or key, so an unknown user ID never reaches it.)
 *
 * The test: Mann–Whitney U (two-sided, normal approximation with tie correction) at α = 0.001, combined with a
 * practical bound: a comparison fails only when the difference is both significant AND the medians differ by more
 * than 15 % (and 0.5 ms). A positive control shows the same test does see one scrypt run of difference, so a
 * broker that skipped the dummy hash for unknown users would fail here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { BANK_ORIGIN, identity, NONCE, startBroker, type TestBroker } from '../support/broker.js';
import { seeded } from '../../support/seeded.js';

const SAMPLES = Number(process.env.TIMING_SAMPLES ?? 60);

/** A WebAuthn answer of the right shape from no key at all. */
const JUNK_KEY_ANSWER = {
  response: {
    id: 'AAAA',
    rawId: 'AAAA',
    type: 'public-key',
    response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
    clientExtensionResults: {},
  },
};
const ALPHA = 0.001;

/** Two-sided p-value of the Mann–Whitney U test (normal approximation, tie-corrected), and U. */
function mannWhitney(a: number[], b: number[]): { u: number; z: number; p: number } {
  const all = [...a.map((value) => ({ value, group: 0 })), ...b.map((value) => ({ value, group: 1 }))].sort(
    (x, y) => x.value - y.value,
  );
  const ranks = new Array<number>(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.value === all[i]?.value) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) ranks[k] = rank;
    const ties = j - i + 1;
    tieTerm += ties ** 3 - ties;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  const rankSumA = all.reduce((sum, entry, index) => (entry.group === 0 ? sum + (ranks[index] ?? 0) : sum), 0);
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const n = n1 + n2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = sd === 0 ? 0 : (u - mean) / sd;
  return { u, z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

function normalCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26 for erf; error < 1.5e-7.
  const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2));
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return 0.5 * (1 + erf);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

interface Probe {
  name: string;
  known: string;
  /** Sets up whatever the timed call needs; returns the timed call. */
  prepare(userId: string): Promise<() => Promise<LightMyRequestResponse>>;
}

interface Comparison {
  name: string;
  known: number[];
  unknown: number[];
  answersKnown: Set<string>;
  answersUnknown: Set<string>;
}

const shapeOf = (response: LightMyRequestResponse) => {
  const body = response.json<Record<string, unknown>>();
  const error = body.error as { code?: string; attempts_left?: number } | undefined;
  return JSON.stringify([response.statusCode, error?.code ?? Object.keys(body).sort(), error?.attempts_left]);
};

async function compare(probe: Probe, random: () => number, samples = SAMPLES): Promise<Comparison> {
  const result: Comparison = {
    name: probe.name,
    known: [],
    unknown: [],
    answersKnown: new Set(),
    answersUnknown: new Set(),
  };
  // One unknown user ID per probe, sampled as often as the known one: their wrong-try counts move in step.
  const unknownId = `nobody.${probe.name.replace(/[^a-z]/gi, '').toLowerCase()}`;
  // Warm-up, then interleaved pairs in a shuffled order, so drift of the machine's load hits both alike.
  for (const userId of [probe.known, unknownId]) await (await probe.prepare(userId))();
  for (let i = 0; i < samples; i += 1) {
    const order = random() < 0.5 ? ['known', 'unknown'] : ['unknown', 'known'];
    for (const which of order) {
      const userId = which === 'known' ? probe.known : unknownId;
      const call = await probe.prepare(userId);
      const started = process.hrtime.bigint();
      const response = await call();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      (which === 'known' ? result.known : result.unknown).push(ms);
      (which === 'known' ? result.answersKnown : result.answersUnknown).add(shapeOf(response));
    }
  }
  return result;
}

describe('hardening: known and unknown user IDs cannot be told apart', () => {
  let broker: TestBroker;
  const dan = identity('dan.chip');
  const anna = identity('anna.app');
  before(async () => {
    broker = await startBroker({
      passwordCost: 2 ** 13,
      rateLimits: { sessionsPerAddress: 1e6, attemptsPerAddress: 1e6 },
      // Hundreds of wrong tries per user ID here: no block, so the answers stay comparable.
      settings: { failureLimit: 1e6 },
    });
  });
  after(() => broker.close());

  const create = (userId: string) =>
    broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { origin: BANK_ORIGIN },
      payload: { client_id: 'netbank', mode: 'login', user_id: userId, nonce: NONCE },
    });

  const probes = (): Probe[] => [
    { name: 'create session', known: 'bo.kodeviser', prepare: async (userId) => () => create(userId) },
    {
      name: 'wrong code',
      known: 'bo.kodeviser',
      prepare: async (userId) => {
        const session = await broker.createSession({ user_id: userId });
        await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
        return () => broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' });
      },
    },
    {
      name: 'wrong key answer (chip)',
      known: dan.userId,
      prepare: async (userId) => {
        const session = await broker.createSession({ user_id: userId });
        await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'chip' });
        await broker.call('POST', `/v1/sessions/${session.id}/webauthn/options`, session.token);
        return () => broker.call('POST', `/v1/sessions/${session.id}/webauthn`, session.token, JUNK_KEY_ANSWER);
      },
    },
    {
      name: 'app activation, wrong activation code',
      known: anna.userId,
      prepare: async (userId) => () =>
        broker.app.inject({
          method: 'POST',
          url: '/v1/app/activate',
          payload: {
            user_id: userId,
            activation_code: 'ZZZZ-ZZZZ-ZZZZ',
            device_public_key: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
            device_name: 'x',
          },
        }),
    },
    {
      name: 'chip enrolment, wrong activation code',
      known: dan.userId,
      prepare: async (userId) => () =>
        broker.app.inject({
          method: 'POST',
          url: '/v1/enrol/chip/options',
          headers: { origin: BANK_ORIGIN },
          payload: { user_id: userId, activation_code: 'ZZZZ-ZZZZ-ZZZZ' },
        }),
    },
  ];

  it(`same answers, and response times within the noise (${SAMPLES} interleaved pairs per call)`, async (t) => {
    const random = seeded(Number(process.env.TIMING_SEED ?? 20261125));
    for (const probe of probes()) {
      const { name, known, unknown, answersKnown, answersUnknown } = await compare(probe, random);
      assert.deepEqual([...answersUnknown], [...answersKnown], `${name}: the same answers`);
      const [mk, mu] = [median(known), median(unknown)];
      const { u, z, p } = mannWhitney(known, unknown);
      const relative = Math.abs(mu - mk) / Math.max(mk, mu);
      t.diagnostic(
        `${name}: median known ${mk.toFixed(3)} ms, unknown ${mu.toFixed(3)} ms (${(relative * 100).toFixed(1)} %), ` +
          `Mann–Whitney U ${u}, z ${z.toFixed(2)}, p ${p.toFixed(3)}; answers ${[...answersKnown].join(' ')}`,
      );
      const distinguishable = p < ALPHA && relative > 0.15 && Math.abs(mu - mk) > 0.5;
      assert.ok(!distinguishable, `${name}: known and unknown user IDs differ beyond the noise`);
    }
  });

  it('positive control: the same test tells a call with scrypt from one without', async (t) => {
    const random = seeded(7);
    const bo = identity('bo.kodeviser');
    const withHash: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      for (const which of random() < 0.5 ? [0, 1] : [1, 0]) {
        // A right code (a fresh one each time) opens the password step; then a wrong password (scrypt) or an empty
        // one, which the schema refuses before any hash.
        broker.clock.advance(30_000);
        const session = await broker.createSession({ user_id: bo.userId });
        const url = `/v1/sessions/${session.id}`;
        await broker.call('POST', `${url}/method`, session.token, { method: 'code-display' });
        await broker.call('POST', `${url}/code`, session.token, { code: broker.totp(bo.totp?.['code-display'] ?? '') });
        const started = process.hrtime.bigint();
        await broker.call('POST', `${url}/password`, session.token, { password: which === 0 ? 'wrong-pw' : '' });
        (which === 0 ? withHash : without).push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    const { p, z } = mannWhitney(withHash, without);
    t.diagnostic(
      `scrypt vs none: medians ${median(withHash).toFixed(2)} vs ${median(without).toFixed(2)} ms, z ${z.toFixed(2)}, p ${p.toExponential(1)}`,
    );
    assert.ok(p < ALPHA && median(withHash) > median(without) * 1.15);
  });

  it('mannWhitney agrees with a textbook example', () => {
    // Two groups with complete separation: U = 0, and the exact two-sided p for n1 = n2 = 5 is 0.0079.
    const { u, p } = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    assert.equal(u, 0);
    assert.ok(p > 0.005 && p < 0.02, `p ${p}`);
    assert.ok(mannWhitney([1, 2, 3], [1, 2, 3]).p > 0.99);
  });
});
