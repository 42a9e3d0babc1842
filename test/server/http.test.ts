import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BANK_ORIGIN, startBroker } from './support/broker.js';
import { openStream } from './support/sse.js';

describe('HTTP surface', () => {
  it('answers CORS preflights for registered origins only', async () => {
    const broker = await startBroker();
    const preflight = (origin: string, url = '/v1/sessions') =>
      broker.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(BANK_ORIGIN);
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], BANK_ORIGIN);
    assert.match(String(allowed.headers['access-control-allow-headers']), /authorization/);
    assert.match(String(allowed.headers['access-control-allow-headers']), /last-event-id/);
    assert.equal(allowed.headers['access-control-allow-credentials'], undefined);
    const stream = await preflight(BANK_ORIGIN, '/v1/sessions/abc/events');
    assert.equal(stream.headers['access-control-allow-origin'], BANK_ORIGIN);
    const denied = await preflight('https://evil.example');
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
    const app = await preflight(BANK_ORIGIN, '/v1/app/requests');
    assert.equal(app.headers['access-control-allow-origin'], undefined, 'the app API is not for pages');
    const created = await broker.createSession();
    const status = await broker.call('GET', `/v1/sessions/${created.id}`, created.token, undefined, {
      origin: BANK_ORIGIN,
    });
    assert.equal(status.headers['access-control-allow-origin'], BANK_ORIGIN);
    assert.equal(status.headers['cache-control'], 'no-store');
    await broker.close();
  });

  it('leaves everything but the page API, and unregistered origins, out of CORS', async () => {
    const broker = await startBroker();
    const jwks = await broker.app.inject({ url: '/.well-known/jwks.json', headers: { origin: BANK_ORIGIN } });
    assert.equal(jwks.headers['access-control-allow-origin'], '*', 'the well-known documents say * themselves');
    assert.equal(jwks.headers.vary, undefined, 'and do not vary by origin');
    const health = await broker.app.inject({ url: '/healthz', headers: { origin: BANK_ORIGIN } });
    assert.equal(health.headers['access-control-allow-origin'], undefined);
    assert.equal(health.headers.vary, undefined);
    const preflight = await broker.app.inject({
      method: 'OPTIONS',
      url: '/v1/app/requests',
      headers: { origin: BANK_ORIGIN, 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.statusCode, 404);
    assert.equal(preflight.headers['access-control-allow-methods'], undefined);
    const stranger = await broker.app.inject({
      method: 'OPTIONS',
      url: '/v1/sessions',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(stranger.statusCode, 404, 'no preflight answer for an origin no client registered');
    assert.equal(stranger.headers['access-control-allow-methods'], undefined);
    await broker.close();
  });

  it('close() ends open event streams instead of hanging', async () => {
    const broker = await startBroker();
    await broker.app.listen({ port: 0, host: '127.0.0.1' });
    const address = broker.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const session = await broker.createSession();
    const stream = await openStream(`http://127.0.0.1:${address.port}/v1/sessions/${session.id}/events`, session.token);
    await stream.next();
    const started = Date.now();
    await broker.close();
    await stream.ended;
    assert.ok(Date.now() - started < 2000);
  });

  it('health check', async () => {
    const broker = await startBroker();
    assert.deepEqual((await broker.app.inject({ url: '/healthz' })).json(), { ok: true });
    await broker.close();
  });
});
