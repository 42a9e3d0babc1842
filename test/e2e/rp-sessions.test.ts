/**
 * The relying parties' cookie sessions (demo/rp/cookie-session.ts) on their own: the cookie's attributes, a new id at
 * renewal (no fixation) with the old one dead, idle expiry on the store's clock, and a store bounded in number.
 * The login flows that use them are in relying-party.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type FastifyRequest, type LightMyRequestResponse } from 'fastify';
import { CookieSessions, LruSessionStore } from '../../demo/rp/cookie-session.js';
import { ManualClock } from '../../server/clock.js';

const IDLE_LIMIT_MS = 30 * 60 * 1000;

async function sessionApp(
  store: LruSessionStore,
  servedOverHttps?: (request: FastifyRequest) => boolean,
): Promise<FastifyInstance> {
  const sessions = new CookieSessions<{ visits?: number; note?: string; user?: string }>(
    'rp_session',
    '/rp/',
    () => ({}),
    store,
  );
  const app = Fastify({ trustProxy: true });
  await app.register(async (scope) => {
    await sessions.install(scope, servedOverHttps);
    scope.get('/rp/visit', async (request) => {
      const session = sessions.load(request);
      session.visits = (session.visits ?? 0) + 1;
      return session;
    });
    scope.post('/rp/renew', async (request) => {
      await sessions.renew(request, { note: 'carried over' });
      return {};
    });
    scope.post('/rp/login', async (request) => {
      await sessions.renew(request, { user: 'signed in' });
      return {};
    });
  });
  app.get('/elsewhere', async () => ({}));
  return app;
}

/** The `name=value` a browser sends back, from a response's Set-Cookie. */
function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  assert.equal(typeof header, 'string', 'one Set-Cookie');
  return String(header).split(';')[0] ?? '';
}

const visit = (app: FastifyInstance, cookie?: string, headers: Record<string, string> = {}) =>
  app.inject({ url: '/rp/visit', headers: cookie ? { ...headers, cookie } : headers });

describe('the relying parties’ cookie sessions', () => {
  it('set an HttpOnly SameSite=Strict cookie on the party’s path, Secure only over https', async () => {
    const app = await sessionApp(new LruSessionStore());
    const plain = await visit(app);
    assert.match(String(plain.headers['set-cookie']), /^rp_session=[^;]+; Path=\/rp\/; HttpOnly; SameSite=Strict$/);
    const secure = await visit(app, undefined, { 'x-forwarded-proto': 'https' });
    assert.match(String(secure.headers['set-cookie']), /; Path=\/rp\/; HttpOnly; Secure; SameSite=Strict$/);
    assert.equal((await app.inject({ url: '/elsewhere' })).headers['set-cookie'], undefined);
    await app.close();
  });

  it('set a Secure cookie over plain http when the party’s pages are https (TLS ended at a proxy), and keep it', async () => {
    const app = await sessionApp(new LruSessionStore(), () => true);
    const first = await visit(app);
    assert.match(
      String(first.headers['set-cookie']),
      /^rp_session=[^;]+; Path=\/rp\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    assert.equal((await visit(app, cookieOf(first))).json().visits, 2, 'the session was saved');
    const renewed = await app.inject({ method: 'POST', url: '/rp/renew', headers: { cookie: cookieOf(first) } });
    assert.match(String(renewed.headers['set-cookie']), /; HttpOnly; Secure; SameSite=Strict$/);
    await app.close();
  });

  it('keep the data under one id, and renew to a new id that carries the given data; the old id is dead', async () => {
    const app = await sessionApp(new LruSessionStore());
    const first = await visit(app);
    const cookie = cookieOf(first);
    assert.equal((await visit(app, cookie)).json().visits, 2);
    const renewed = await app.inject({ method: 'POST', url: '/rp/renew', headers: { cookie } });
    const next = cookieOf(renewed);
    assert.notEqual(next, cookie, 'a new session id');
    assert.deepEqual((await visit(app, next)).json(), { note: 'carried over', visits: 1 });
    const old = await visit(app, cookie);
    assert.equal(old.json().visits, 1, 'the old id starts from nothing');
    assert.notEqual(cookieOf(old), cookie);
    await app.close();
  });

  it('forget a session left idle for 30 minutes; every use restarts the wait', async () => {
    const clock = new ManualClock(1_000_000);
    const app = await sessionApp(new LruSessionStore({ clock }));
    const cookie = cookieOf(await visit(app));
    clock.advance(IDLE_LIMIT_MS - 1000);
    assert.equal((await visit(app, cookie)).json().visits, 2, 'still there just before the limit');
    clock.advance(IDLE_LIMIT_MS - 1000);
    assert.equal((await visit(app, cookie)).json().visits, 3, 'the last use restarted the wait');
    clock.advance(IDLE_LIMIT_MS + 1);
    const expired = await visit(app, cookie);
    assert.equal(expired.json().visits, 1, 'idle past the limit: a fresh session');
    assert.notEqual(cookieOf(expired), cookie);
    await app.close();
  });

  it('keep at most the store’s number of sessions, dropping the least recently used', async () => {
    const store = new LruSessionStore({ maxAnonymous: 2 });
    const app = await sessionApp(store);
    const [a, b] = [cookieOf(await visit(app)), cookieOf(await visit(app))];
    await visit(app, a); // a is used again, so b is now the oldest
    const c = cookieOf(await visit(app));
    assert.equal(store.size, 2);
    assert.equal((await visit(app, a)).json().visits, 3, 'a was kept');
    assert.equal((await visit(app, c)).json().visits, 2, 'c was kept');
    assert.equal((await visit(app, b)).json().visits, 1, 'b was dropped');
    assert.equal(store.size, 2);
    await app.close();
  });

  it('a flood of new visitors pushes out only other visitors, never a signed-in user', async () => {
    const store = new LruSessionStore({ max: 2, maxAnonymous: 3 });
    const app = await sessionApp(store);
    const signIn = async () =>
      cookieOf(await app.inject({ method: 'POST', url: '/rp/login', headers: { cookie: cookieOf(await visit(app)) } }));
    const [first, second] = [await signIn(), await signIn()];
    const visitor = cookieOf(await visit(app));
    for (let i = 0; i < 50; i += 1) await visit(app); // new sessions, one request each
    assert.equal(store.size, 2 + 3, 'both tiers stay within their bounds');
    for (const cookie of [first, second]) {
      const still = await visit(app, cookie);
      assert.deepEqual(still.json(), { user: 'signed in', visits: 1 }, 'the signed-in sessions survive the flood');
    }
    assert.equal((await visit(app, visitor)).json().visits, 1, 'an early visitor was pushed out by later ones');
    await app.close();
  });
});
