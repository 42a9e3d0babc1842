/**
 * Enrolment, steps 1–5 (issue 23): the bank's back end creates an enrolment as a confidential client (a JWT client
 * assertion, or its secret with HTTP Basic), and the page with the enrolment token accepts the terms, chooses the
 * method, gives contact details and reserves a user ID. Each refusal is tried the way an attacker or a hurried user
 * would: a replayed or foreign assertion, a page of another origin, a CPR number as user ID, someone else's user ID,
 * a reload, going back and changing a step, an expired or cancelled enrolment.
 */
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CLIENT_ASSERTION_TYPE, ENROL_LIMITS, type EnrolmentView } from '../../protocol/enrol-api.js';
import { clientAssertion, createEnrolment, EnrolmentRequestError } from '../../verify/index.js';
import { BANK_ORIGIN, PUBLIC_URL, startBroker, TEST_CLIENTS, type TestBroker } from './support/broker.js';

const SECRET = 'c2VjcmV0LW9mLXRoZS1rb21tdW5lLWJhY2stZW5kLTAxMjM0NTY3';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let key: CryptoKey;
let otherKey: CryptoKey;
let keyPublic: CryptoKey;
let broker: TestBroker;

/** `fetch` over `inject`: the helper of mitid-login/verify talks to the test broker without a socket. */
function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'POST',
      url: url.pathname,
      headers: init?.headers as Record<string, string>,
      payload: init?.body as string,
    });
    return new Response(response.body, { status: response.statusCode });
  };
}

before(async () => {
  ({ privateKey: key, publicKey: keyPublic } = await generateKeyPair('ES256'));
  ({ privateKey: otherKey } = await generateKeyPair('ES256'));
});

async function publicJwk(publicKey: CryptoKey, kid: string) {
  return { ...(await exportJWK(publicKey)), kid };
}

async function freshBroker(rateLimits = {}): Promise<TestBroker> {
  const clients = [
    { ...TEST_CLIENTS[0]!, auth: { jwks: { keys: [await publicJwk(keyPublic, 'bank-1')] } } },
    { ...TEST_CLIENTS[1]!, auth: { secretSha256: sha256(SECRET) } },
    { id: 'plain', name: 'Uden nøgle', origins: [BANK_ORIGIN] },
  ];
  return startBroker({ clients, rateLimits });
}

function assertion(overrides: { aud?: string; iss?: string; exp?: number; iat?: number; jti?: string | null } = {}) {
  const now = Math.floor(broker.clock.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'bank-1' })
    .setIssuer(overrides.iss ?? 'netbank')
    .setSubject(overrides.iss ?? 'netbank')
    .setAudience(overrides.aud ?? PUBLIC_URL)
    .setIssuedAt(overrides.iat ?? now)
    .setExpirationTime(overrides.exp ?? now + 60);
  if (overrides.jti !== null) jwt.setJti(overrides.jti ?? `jti-${Math.random().toString(36).slice(2)}-0123456789`);
  return jwt.sign(key);
}

const CUSTOMER = { customer_ref: 'K-100234', name: 'Maja Holm Andersen', email: 'maja.holm@eksempel.dk' };

function create(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return broker.app.inject({ method: 'POST', url: '/v1/enrolments', headers, payload: { ...CUSTOMER, ...body } });
}

async function createdToken(): Promise<string> {
  const response = await create({
    client_id: 'netbank',
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await assertion(),
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ enrolment_token: string }>().enrolment_token;
}

function step(token: string, path: string, payload?: object, origin = BANK_ORIGIN): Promise<LightMyRequestResponse> {
  return broker.app.inject({
    method: path === 'current' ? 'GET' : 'POST',
    url: `/v1/enrol/${path}`,
    headers: { authorization: `Bearer ${token}`, origin },
    ...(payload ? { payload } : {}),
  });
}

function errorOf(response: LightMyRequestResponse): { code: string; reason?: string } {
  return response.json<{ error: { code: string; reason?: string } }>().error;
}

describe('enrolment: the bank back end authenticates as a confidential client', () => {
  beforeEach(async () => {
    broker = await freshBroker();
  });
  afterEach(() => broker.close());

  it('a client assertion signed with the registered key creates an enrolment with an opaque token', async () => {
    const response = await create({
      client_id: 'netbank',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await assertion(),
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.json<{ enrolment_token: string; expires_at: string }>();
    assert.match(body.enrolment_token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(body.expires_at), broker.clock.now() + ENROL_LIMITS.enrolmentTtlSeconds * 1000);
    assert.ok(!body.enrolment_token.includes('K-100234'), 'the token says nothing of the customer');
  });

  it('refuses a replayed, foreign, expired, over-long, audience-less or unsigned assertion, alike', async () => {
    const replayed = await assertion();
    const first = await create({
      client_id: 'netbank',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: replayed,
    });
    assert.equal(first.statusCode, 201);
    const now = Math.floor(broker.clock.now() / 1000);
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'bank-1' })
      .setIssuer('netbank')
      .setSubject('netbank')
      .setAudience(PUBLIC_URL)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti('a-foreign-key-0123456789')
      .sign(otherKey);
    const [header, payload] = (await assertion()).split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const cases: Array<[string, string]> = [
      ['replayed', replayed],
      ['signed with a key the client did not register', foreign],
      ['for another audience', await assertion({ aud: 'https://other-broker.example' })],
      ['expired', await assertion({ iat: now - 400, exp: now - 100 })],
      ['living longer than 300 s', await assertion({ exp: now + 600 })],
      ['without a jti', await assertion({ jti: null })],
      ['issued by another client', await assertion({ iss: 'kommune' })],
      ['unsigned (alg none)', unsigned],
      ['with its signature cut off', `${header}.${payload}.AAAA`],
    ];
    for (const [what, value] of cases) {
      const response = await create({
        client_id: 'netbank',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: value,
      });
      assert.equal(response.statusCode, 401, what);
      assert.equal(errorOf(response).code, 'invalid_client', what);
    }
    const wrongType = await create({
      client_id: 'netbank',
      client_assertion_type: 'urn:x',
      client_assertion: await assertion(),
    });
    assert.equal(errorOf(wrongType).code, 'invalid_client');
  });

  it('HTTP Basic with the client secret works; a wrong secret, another id or a client without a secret does not', async () => {
    const basic = (id: string, secret: string) => ({
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    });
    assert.equal((await create({ client_id: 'kommune' }, basic('kommune', SECRET))).statusCode, 201);
    for (const [what, body, headers] of [
      ['a wrong secret', { client_id: 'kommune' }, basic('kommune', `${SECRET}x`)],
      ['credentials of another client id', { client_id: 'netbank' }, basic('kommune', SECRET)],
      ['a client with keys but no secret', { client_id: 'netbank' }, basic('netbank', SECRET)],
      ['a client with no means at all', { client_id: 'plain' }, basic('plain', SECRET)],
      ['an unknown client', { client_id: 'nobody' }, basic('nobody', SECRET)],
      ['nothing', { client_id: 'kommune' }, {}],
      ['a malformed header', { client_id: 'kommune' }, { authorization: 'Basic !!!' }],
    ] as const) {
      const response = await create(body, headers);
      assert.equal(response.statusCode, 401, what);
      assert.equal(errorOf(response).code, 'invalid_client', what);
    }
    const both = await create(
      { client_id: 'kommune', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await assertion() },
      basic('kommune', SECRET),
    );
    assert.equal(both.statusCode, 400);
    assert.equal(errorOf(both).code, 'invalid_request');
  });

  it('refuses a CPR number as the customer reference, and an unknown field, before anything is stored', async () => {
    const auth = async () => ({
      client_id: 'netbank',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await assertion(),
    });
    for (const ref of ['010190-1234', '0101901234', 'kunde 01.01.90-1234']) {
      const response = await create({ ...(await auth()), customer_ref: ref });
      assert.equal(response.statusCode, 400, ref);
      assert.equal(errorOf(response).code, 'invalid_request', ref);
    }
    const extra = await create({ ...(await auth()), cpr: '0101901234' });
    assert.equal(extra.statusCode, 400);
    assert.match(errorOf(extra).code, /invalid_request/);
  });

  it('is not open to pages: a preflight from a client origin gets no CORS answer', async () => {
    const preflight = await broker.app.inject({
      method: 'OPTIONS',
      url: '/v1/enrolments',
      headers: { origin: BANK_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    const pageStep = await broker.app.inject({
      method: 'OPTIONS',
      url: '/v1/enrol/user-id',
      headers: { origin: BANK_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(pageStep.headers['access-control-allow-origin'], BANK_ORIGIN);
  });

  it('counts wrong credentials as guesses per address', async () => {
    await broker.close();
    broker = await freshBroker({ attemptsPerAddress: 3 });
    const wrong = { authorization: `Basic ${Buffer.from(`kommune:nope`).toString('base64')}` };
    for (let i = 0; i < 3; i += 1) assert.equal((await create({ client_id: 'kommune' }, wrong)).statusCode, 401);
    const fourth = await create({ client_id: 'kommune' }, wrong);
    assert.equal(fourth.statusCode, 429);
    assert.equal(errorOf(fourth).code, 'rate_limited');
  });

  it('mitid-login/verify: createEnrolment signs an assertion, or sends the secret, and names a refusal', async () => {
    const fetchVia = injectFetch(broker.app);
    const byKey = await createEnrolment({
      brokerUrl: PUBLIC_URL,
      clientId: 'netbank',
      auth: { privateKey: key, kid: 'bank-1', alg: 'ES256' },
      customer: { ref: 'K-1', name: 'Maja Holm' },
      fetch: fetchVia,
    });
    assert.match(byKey.enrolment_token, /^[A-Za-z0-9_-]{43}$/);
    const bySecret = await createEnrolment({
      brokerUrl: `${PUBLIC_URL}/`,
      clientId: 'kommune',
      auth: { secret: SECRET },
      customer: { ref: 'K-2', name: 'Maja Holm' },
      fetch: fetchVia,
    });
    assert.match(bySecret.enrolment_token, /^[A-Za-z0-9_-]{43}$/);
    await assert.rejects(
      createEnrolment({
        brokerUrl: PUBLIC_URL,
        clientId: 'netbank',
        auth: { privateKey: otherKey, kid: 'bank-1', alg: 'ES256' },
        customer: { ref: 'K-3', name: 'Maja Holm' },
        fetch: fetchVia,
      }),
      (error: unknown) =>
        error instanceof EnrolmentRequestError && error.code === 'invalid_client' && error.status === 401,
    );
    const made = await clientAssertion({
      privateKey: key,
      kid: 'bank-1',
      alg: 'ES256',
      clientId: 'netbank',
      audience: PUBLIC_URL,
    });
    const claims = JSON.parse(Buffer.from(made.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.iss, 'netbank');
    assert.equal(claims.sub, 'netbank');
    assert.equal(claims.aud, PUBLIC_URL);
    assert.ok(Number(claims.exp) - Number(claims.iat) <= 300);
  });
});

describe('enrolment: the page takes steps 2 to 5', () => {
  beforeEach(async () => {
    broker = await freshBroker();
  });
  afterEach(() => broker.close());

  it('terms first; then method, contact and user ID in any order, kept across a reload and changed going back', async () => {
    const token = await createdToken();
    const early = await step(token, 'method', { method: 'app' });
    assert.equal(early.statusCode, 409);
    assert.equal(errorOf(early).code, 'wrong_step');
    assert.equal((await step(token, 'terms', { accepted: true })).statusCode, 200);
    assert.equal((await step(token, 'terms', { accepted: false })).statusCode, 400, 'only acceptance is sent');
    assert.equal((await step(token, 'user-id', { user_id: 'Sol.og.Hav77' })).statusCode, 200);
    assert.equal((await step(token, 'method', { method: 'code-reader' })).statusCode, 200);
    assert.equal((await step(token, 'contact', { phone: '20 30 40 50' })).statusCode, 200);
    // Back to step 3: another method; the rest stays.
    assert.equal((await step(token, 'method', { method: 'app' })).statusCode, 200);
    const reloaded = (await step(token, 'current')).json<EnrolmentView>();
    assert.equal(reloaded.method, 'app');
    assert.deepEqual(reloaded.contact, { phone: '20304050' });
    assert.equal(reloaded.user_id, 'Sol.og.Hav77');
    assert.ok(reloaded.terms_accepted_at);
  });

  it('refuses contact details that are none, not an e-mail address, or not a phone number, with the reason', async () => {
    const token = await createdToken();
    await step(token, 'terms', { accepted: true });
    for (const [contact, reason] of [
      [{}, 'none'],
      [{ email: '' }, 'none'],
      [{ email: 'maja@' }, 'email'],
      [{ email: 'maja holm@eksempel.dk' }, 'email'],
      [{ phone: '1234' }, 'phone'],
      [{ email: 'maja@eksempel.dk', phone: '+45 abc' }, 'phone'],
    ] as const) {
      const response = await step(token, 'contact', contact);
      assert.equal(response.statusCode, 400, JSON.stringify(contact));
      assert.deepEqual([errorOf(response).code, errorOf(response).reason], ['invalid_contact', reason]);
    }
    assert.equal((await step(token, 'contact', { email: 'maja@eksempel.dk', phone: '+4520304050' })).statusCode, 200);
  });

  it('refuses a user ID by rule with its reason, and counts no try for it', async () => {
    const token = await createdToken();
    await step(token, 'terms', { accepted: true });
    for (const [userId, reason] of [
      ['010190-1234', 'cpr'],
      ['maja0101901234', 'cpr'],
      ['abc1', 'too-short'],
      ['12345678', 'all-digits'],
      ['maja.holm', 'name'],
      ['Andersen1987', 'name'],
      ['maja.holm@eksempel.dk', 'email'],
      ['mitid2026', 'common'],
      ['<script>', 'invalid-characters'],
    ] as const) {
      const response = await step(token, 'user-id/check', { user_id: userId });
      assert.equal(response.statusCode, 400, userId);
      assert.deepEqual([errorOf(response).code, errorOf(response).reason], ['user_id_refused', reason], userId);
    }
    for (let i = 0; i < ENROL_LIMITS.userIdTriesPerEnrolment; i += 1) {
      const free = await step(token, 'user-id/check', { user_id: `fri.bruger.${i}x` });
      assert.equal(free.statusCode, 200, `try ${i}: refusals by rule cost no try`);
    }
    const over = await step(token, 'user-id/check', { user_id: 'endnu.en.bruger' });
    assert.equal(over.statusCode, 429);
    assert.equal(errorOf(over).code, 'rate_limited');
  });

  it("another identity's user ID is taken, whatever its case; a free one is available", async () => {
    const token = await createdToken();
    await step(token, 'terms', { accepted: true });
    for (const userId of ['bo.kodeviser', 'BO.Kodeviser', ' anna.app ']) {
      const response = await step(token, 'user-id/check', { user_id: userId });
      assert.equal(response.statusCode, 409, userId);
      assert.equal(errorOf(response).code, 'user_id_taken');
      assert.equal((await step(token, 'user-id', { user_id: userId })).statusCode, 409);
    }
    const free = await step(token, 'user-id/check', { user_id: 'havørn.77' });
    assert.deepEqual(free.json(), { available: true });
  });

  it('a reserved user ID is taken for other enrolments until it is given up, cancelled or expired', async () => {
    const first = await createdToken();
    const second = await createdToken();
    for (const token of [first, second]) await step(token, 'terms', { accepted: true });
    assert.equal((await step(first, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 200);
    assert.equal((await step(first, 'user-id/check', { user_id: 'SOL.og.hav77' })).statusCode, 200, 'its own');
    assert.equal(errorOf(await step(second, 'user-id/check', { user_id: 'sol.og.hav77' })).code, 'user_id_taken');
    assert.equal((await step(second, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 409);
    // The first changes its mind: the old one is free again.
    assert.equal((await step(first, 'user-id', { user_id: 'mark.og.mose' })).statusCode, 200);
    assert.equal((await step(second, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 200);
    // Cancelling frees it; the token is then over.
    assert.equal((await step(first, 'cancel')).statusCode, 204);
    assert.equal(errorOf(await step(first, 'current')).code, 'enrolment_expired');
    assert.equal((await step(second, 'user-id', { user_id: 'mark.og.mose' })).statusCode, 200);
    // Expiry frees it by the broker's clock, whatever the store still holds.
    const third = await createdToken();
    await step(third, 'terms', { accepted: true });
    broker.clock.advance(ENROL_LIMITS.enrolmentTtlSeconds * 1000 + 1);
    const late = await step(second, 'user-id', { user_id: 'sol.og.hav77' });
    assert.equal(late.statusCode, 410);
    assert.equal(errorOf(late).code, 'enrolment_expired');
    const fourth = await createdToken();
    await step(fourth, 'terms', { accepted: true });
    assert.equal((await step(fourth, 'user-id', { user_id: 'sol.og.hav77' })).statusCode, 200);
  });

  it('answers only a page of the creating client, with the token; nothing else opens an enrolment', async () => {
    const token = await createdToken();
    const elsewhere = await step(token, 'current', undefined, 'https://evil.example');
    assert.equal(elsewhere.statusCode, 403);
    assert.equal(errorOf(elsewhere).code, 'origin_not_allowed');
    const noToken = await broker.app.inject({
      method: 'GET',
      url: '/v1/enrol/current',
      headers: { origin: BANK_ORIGIN },
    });
    assert.equal(errorOf(noToken).code, 'invalid_token');
    const unknown = await step('A'.repeat(43), 'current');
    assert.equal(unknown.statusCode, 401);
    assert.equal(errorOf(unknown).code, 'invalid_token');
  });
});
