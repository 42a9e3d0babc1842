/**
 * Proxies: the rate limits count per client address, and behind a reverse proxy that address comes from
 * X-Forwarded-For. The left-most entry is whatever the client wrote, so the broker trusts a configured number of
 * hops or the proxies' own addresses, never every hop; IPv6 clients count per /64. Shown behind a real nginx on
 * loopback: the client connects to nginx from its own loopback address (127.0.0.5), nginx from 127.0.0.1.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../../server/app.js';
import { ManualClock } from '../../../server/clock.js';
import { checkTrustProxy, parseTrustProxy } from '../../../server/config/trust-proxy.js';
import { addressBucket } from '../../../server/http/client-address.js';
import { BANK_ORIGIN, NONCE, startBroker, testAppOptions } from '../support/broker.js';
import { Nginx, SKIP_WITHOUT_NGINX } from '../support/nginx.js';

const LIMIT = 3;

const sessionBody = JSON.stringify({ client_id: 'netbank', mode: 'login', user_id: 'x.y', nonce: NONCE });

/** POST /v1/sessions to `base` over a socket bound to `localAddress`, with the headers the client chooses. */
function createSessionFrom(base: string, localAddress: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const outgoing = request(
      `${base}/v1/sessions`,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', origin: BANK_ORIGIN, ...headers },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.once('error', reject);
    outgoing.end(sessionBody);
  });
}

/** A listening broker with a small per-address session limit, recording the client address of every request. */
async function listeningBroker(options: AppOptions) {
  const app: FastifyInstance = await buildApp({
    ...testAppOptions(new ManualClock(Date.now())),
    rateLimits: { sessionsPerAddress: LIMIT },
    ...options,
  });
  const seen: string[] = [];
  app.addHook('onRequest', async (incoming) => {
    seen.push(incoming.ip);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { app, seen, base: `http://127.0.0.1:${address.port}` };
}

describe('hardening: proxies', () => {
  describe('behind a real nginx on loopback', { skip: SKIP_WITHOUT_NGINX }, () => {
    for (const setting of ['1', '127.0.0.1']) {
      describe(`TRUST_PROXY=${setting}`, () => {
        let broker: Awaited<ReturnType<typeof listeningBroker>>;
        let nginx: Nginx;
        before(async () => {
          broker = await listeningBroker({ trustProxy: parseTrustProxy(setting) });
          nginx = await Nginx.start(broker.base);
        });
        after(async () => {
          await nginx?.stop();
          await broker?.app.close();
        });

        it('a client-written X-Forwarded-For does not get a fresh per-address bucket', async () => {
          const statuses = [];
          for (let i = 1; i <= LIMIT + 1; i += 1) {
            statuses.push(
              await createSessionFrom(nginx.url, '127.0.0.5', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.${i}` }),
            );
          }
          assert.deepEqual(statuses, [201, 201, 201, 429]);
        });

        it('the client address is the one the proxy saw: neither what the client wrote nor the proxy’s own', async () => {
          broker.seen.length = 0;
          // Another client, behind the same proxy, writing what the first one wrote: its own bucket.
          assert.equal(await createSessionFrom(nginx.url, '127.0.0.6', { 'x-forwarded-for': '203.0.113.1' }), 201);
          assert.equal(await createSessionFrom(nginx.url, '127.0.0.6'), 201);
          assert.deepEqual(broker.seen, ['127.0.0.6', '127.0.0.6']);
        });
      });
    }
  });

  it('trusting the proxy by address: a client that reaches the broker directly cannot write its address', async () => {
    const broker = await listeningBroker({ trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    try {
      const statuses = [];
      for (let i = 1; i <= LIMIT + 1; i += 1) {
        statuses.push(await createSessionFrom(broker.base, '127.0.0.7', { 'x-forwarded-for': `203.0.113.${i}` }));
      }
      assert.deepEqual(statuses, [201, 201, 201, 429]);
      assert.ok(
        broker.seen.every((address) => address === '127.0.0.7'),
        broker.seen.join(' '),
      );
    } finally {
      await broker.app.close();
    }
  });

  it('IPv6 clients count per /64: a new address in the same /64 gets no fresh bucket; another /64 does', async () => {
    const broker = await startBroker({ rateLimits: { sessionsPerAddress: LIMIT } });
    const createFrom = (remoteAddress: string) =>
      broker.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        remoteAddress,
        headers: { origin: BANK_ORIGIN, 'content-type': 'application/json' },
        payload: sessionBody,
      });
    const statuses = [];
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:a:b:c:d',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:db8:1:2::2',
    ]) {
      statuses.push((await createFrom(address)).statusCode);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    assert.equal((await createFrom('2001:db8:1:3::1')).statusCode, 201);
    // An IPv4 peer reported by a dual-stack socket counts as that IPv4 address.
    for (let i = 0; i < LIMIT; i += 1) assert.equal((await createFrom('192.0.2.1')).statusCode, 201);
    assert.equal((await createFrom('::ffff:192.0.2.1')).statusCode, 429);
  });

  it('address buckets: IPv4 per address, IPv6 per /64 whatever its spelling, mapped IPv4 as IPv4', () => {
    assert.equal(addressBucket('192.0.2.1'), '192.0.2.1');
    assert.equal(addressBucket('2001:db8:1:2:a:b:c:d'), '2001:db8:1:2::/64');
    assert.equal(addressBucket('2001:0DB8:0001:0002::1'), '2001:db8:1:2::/64');
    assert.equal(addressBucket('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(addressBucket('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(addressBucket('::1'), '0:0:0:0::/64');
    assert.equal(addressBucket('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(addressBucket('::ffff:c000:201'), '192.0.2.1');
    assert.equal(addressBucket('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
  });

  it('TRUST_PROXY is a hop count or a list of addresses and CIDRs; anything else is refused with one clear line', () => {
    assert.equal(parseTrustProxy(undefined), undefined);
    assert.equal(parseTrustProxy(''), undefined);
    assert.equal(parseTrustProxy('1'), 1);
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('10.0.0.0/8, 192.168.1.7,::1,fd00::/8,loopback'), [
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['yes', 'true', '-1', '1.5', '10.0.0.300', '10.0.0.0/33', '::1/129', '10.0.0.1,', 'a/b/c']) {
      assert.throws(
        () => parseTrustProxy(bad),
        (error: Error) => error instanceof TypeError && /^TRUST_PROXY must be .*, not ".*"\.$/.test(error.message),
        bad,
      );
    }
    // The option refuses the old `true` (trust every hop, the hole) and bad lists alike.
    for (const bad of [true, -1, 1.5, [], ['nope'], '127.0.0.1']) {
      assert.throws(() => checkTrustProxy(bad), TypeError, String(bad));
    }
  });

  it('buildApp refuses trustProxy: true, which trusted every hop', async () => {
    await assert.rejects(
      buildApp({ ...testAppOptions(new ManualClock(0)), trustProxy: true as unknown as number }),
      /trustProxy must be a number of proxy hops/,
    );
  });
});
