/**
 * Hardening II, item 4: the per-client limit on session creation counts only sessions whose client and Origin are
 * valid. A foreign page (refused 403) must not use up a client's budget, and no counter may be keyed by anything
 * the request made up: a client_id that names no client, or an address that is no address.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { BANK_ORIGIN, NONCE, startBroker, type TestBroker } from '../support/broker.js';

const errorOf = (response: LightMyRequestResponse) => response.json<{ error: { code: string } }>().error;

function create(broker: TestBroker, options: { ip: string; origin?: string; clientId?: string }) {
  return broker.app.inject({
    method: 'POST',
    url: '/v1/sessions',
    remoteAddress: options.ip,
    headers: { origin: options.origin ?? BANK_ORIGIN },
    payload: { client_id: options.clientId ?? 'netbank', mode: 'login', user_id: 'x.y', nonce: NONCE },
  });
}

/** Every key the broker counts under, from now on (the shared state's `count`, wrapped in the test only). */
function countedKeys(broker: TestBroker): string[] {
  const keys: string[] = [];
  const state = broker.app.broker.state;
  const original = state.count.bind(state);
  state.count = (key, ttlMs) => {
    keys.push(key);
    return original(key, ttlMs);
  };
  return keys;
}

describe('hardening II: the per-client limit', () => {
  it('sessions refused for a foreign Origin do not use up the client’s budget', async () => {
    const broker = await startBroker({ rateLimits: { sessionsPerClient: 3, sessionsPerAddress: 100 } });
    const foreign = [];
    for (let i = 0; i < 10; i += 1) {
      foreign.push(await create(broker, { ip: `198.51.100.${i + 1}`, origin: 'https://evil.example' }));
    }
    assert.deepEqual(
      foreign.map((response) => [response.statusCode, errorOf(response).code]),
      Array.from({ length: 10 }, () => [403, 'origin_not_allowed']),
    );
    const real = [];
    for (let i = 0; i < 4; i += 1) real.push(await create(broker, { ip: `203.0.113.${i + 1}` }));
    assert.deepEqual(
      real.map((response) => response.statusCode),
      [201, 201, 201, 429],
      'the client’s 3 sessions are all there for its own pages',
    );
    const retryAfter = Number(real[3]?.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `429 says when the window ends (Retry-After ${retryAfter})`);
    await broker.close();
  });

  it('no counter is keyed by a made-up client_id, and a refused session counts nothing', async () => {
    const broker = await startBroker();
    const keys = countedKeys(broker);
    for (let i = 0; i < 20; i += 1) {
      const response = await create(broker, { ip: '203.0.113.9', clientId: `made-up-${i}` });
      assert.equal(errorOf(response).code, 'unknown_client');
    }
    assert.equal(
      errorOf(await create(broker, { ip: '203.0.113.9', origin: 'https://evil.example' })).code,
      'origin_not_allowed',
    );
    assert.deepEqual(keys, [], 'nothing was counted for refused sessions');
    assert.equal((await create(broker, { ip: '203.0.113.9' })).statusCode, 201);
    assert.ok(keys.length > 0, 'a valid session is counted');
    assert.ok(
      keys.every((key) => /:session:(address:203\.0\.113\.9|client:netbank)$/.test(key)),
      `only the address and the registered client: ${keys.join(', ')}`,
    );
    await broker.close();
  });

  it('an address that is not an IP address (a forged X-Forwarded-For) shares one counter instead of making its own', async () => {
    const broker = await startBroker({ trustProxy: 1, rateLimits: { sessionsPerAddress: 2 } });
    const keys = countedKeys(broker);
    const forged = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await broker.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { origin: BANK_ORIGIN, 'x-forwarded-for': `not-an-address-${i}-${'x'.repeat(200)}` },
        payload: { client_id: 'netbank', mode: 'login', user_id: 'x.y', nonce: NONCE },
      });
      forged.push(response.statusCode);
    }
    assert.deepEqual(forged, [201, 201, 429], 'the made-up addresses share one budget');
    // It was the forged value the broker saw (one trusted hop), and it counted as no address.
    assert.ok(
      keys.some((key) => key.endsWith(':session:address:unparsable')),
      `counted as unparsable: ${keys.join(', ')}`,
    );
    assert.ok(
      keys.every((key) => !key.includes('not-an-address')),
      `no key holds the forged value: ${keys.join(', ')}`,
    );
    await broker.close();
  });
});
