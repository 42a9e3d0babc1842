/**
 * Enrolment, step 1 (issue 23): only a bank's back end creates an enrolment, authenticated as a confidential client
 * (a JWT client assertion signed with a key it registered, or its secret with HTTP Basic). Tried as an attacker
 * would: a replayed, foreign, expired or unsigned assertion, a wrong secret, a page calling it, a CPR number.
 */
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { CLIENT_ASSERTION_TYPE, ENROL_LIMITS } from '../../protocol/enrol-api.js';
import { clientAssertion, createEnrolment, EnrolmentRequestError } from '../../verify/index.js';
import { BANK_ORIGIN, PUBLIC_URL, type TestBroker } from './support/broker.js';
import {
  assertion,
  create,
  enrolmentBroker,
  errorOf,
  injectFetch,
  makeKeys,
  SECRET,
  type Keys,
} from './support/enrolment.js';

let keys: Keys;
let broker: TestBroker;

before(async () => {
  keys = await makeKeys();
});

describe('enrolment: the bank back end authenticates as a confidential client', () => {
  beforeEach(async () => {
    broker = await enrolmentBroker(keys);
  });
  afterEach(() => broker.close());

  it('a client assertion signed with the registered key creates an enrolment with an opaque token', async () => {
    const response = await create(broker, {
      client_id: 'netbank',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await assertion(broker, keys.key),
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.json<{ enrolment_token: string; expires_at: string }>();
    assert.match(body.enrolment_token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(body.expires_at), broker.clock.now() + ENROL_LIMITS.enrolmentTtlSeconds * 1000);
    assert.ok(!body.enrolment_token.includes('K-100234'), 'the token says nothing of the customer');
  });

  it('refuses a replayed, foreign, expired, over-long, audience-less or unsigned assertion, alike', async () => {
    const replayed = await assertion(broker, keys.key);
    const first = await create(broker, {
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
      .sign(keys.otherKey);
    const [header, payload] = (await assertion(broker, keys.key)).split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const cases: Array<[string, string]> = [
      ['replayed', replayed],
      ['signed with a key the client did not register', foreign],
      ['for another audience', await assertion(broker, keys.key, { aud: 'https://other-broker.example' })],
      ['expired', await assertion(broker, keys.key, { iat: now - 400, exp: now - 100 })],
      ['living longer than 300 s', await assertion(broker, keys.key, { exp: now + 600 })],
      ['without a jti', await assertion(broker, keys.key, { jti: null })],
      ['issued by another client', await assertion(broker, keys.key, { iss: 'kommune' })],
      ['unsigned (alg none)', unsigned],
      ['with its signature cut off', `${header}.${payload}.AAAA`],
    ];
    for (const [what, value] of cases) {
      const response = await create(broker, {
        client_id: 'netbank',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: value,
      });
      assert.equal(response.statusCode, 401, what);
      assert.equal(errorOf(response).code, 'invalid_client', what);
    }
    const wrongType = await create(broker, {
      client_id: 'netbank',
      client_assertion_type: 'urn:x',
      client_assertion: await assertion(broker, keys.key),
    });
    assert.equal(errorOf(wrongType).code, 'invalid_client');
  });

  it('takes an assertion from a bank clock up to a minute ahead; refuses one further ahead, or just expired', async () => {
    const now = Math.floor(broker.clock.now() / 1000);
    const send = async (claims: Record<string, number>) =>
      create(broker, {
        client_id: 'netbank',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: await assertion(broker, keys.key, claims),
      });
    assert.equal((await send({ iat: now + 1, exp: now + 61 })).statusCode, 201, 'a second ahead');
    assert.equal((await send({ iat: now + 50, exp: now + 110 })).statusCode, 201, '50 s ahead');
    assert.equal((await send({ iat: now + 120, exp: now + 180 })).statusCode, 401, 'two minutes ahead');
    assert.equal((await send({ iat: now - 60, exp: now })).statusCode, 401, 'expired this second');
  });

  it('HTTP Basic with the client secret works; a wrong secret, another id or a client without a secret does not', async () => {
    const basic = (id: string, secret: string) => ({
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    });
    assert.equal((await create(broker, { client_id: 'kommune' }, basic('kommune', SECRET))).statusCode, 201);
    for (const [what, body, headers] of [
      ['a wrong secret', { client_id: 'kommune' }, basic('kommune', `${SECRET}x`)],
      ['credentials of another client id', { client_id: 'netbank' }, basic('kommune', SECRET)],
      ['a client with keys but no secret', { client_id: 'netbank' }, basic('netbank', SECRET)],
      ['a client with no means at all', { client_id: 'plain' }, basic('plain', SECRET)],
      ['an unknown client', { client_id: 'nobody' }, basic('nobody', SECRET)],
      ['nothing', { client_id: 'kommune' }, {}],
      ['a malformed header', { client_id: 'kommune' }, { authorization: 'Basic !!!' }],
    ] as const) {
      const response = await create(broker, body, headers);
      assert.equal(response.statusCode, 401, what);
      assert.equal(errorOf(response).code, 'invalid_client', what);
    }
    const both = await create(
      broker,
      {
        client_id: 'kommune',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: await assertion(broker, keys.key),
      },
      basic('kommune', SECRET),
    );
    assert.equal(both.statusCode, 400);
    assert.equal(errorOf(both).code, 'invalid_request');
  });

  it('refuses a CPR number as the customer reference, and an unknown field, before anything is stored', async () => {
    const auth = async () => ({
      client_id: 'netbank',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await assertion(broker, keys.key),
    });
    for (const ref of ['010190-1234', '0101901234', 'kunde 01.01.90-1234']) {
      const response = await create(broker, { ...(await auth()), customer_ref: ref });
      assert.equal(response.statusCode, 400, ref);
      assert.equal(errorOf(response).code, 'invalid_request', ref);
    }
    const extra = await create(broker, { ...(await auth()), cpr: '0101901234' });
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
    broker = await enrolmentBroker(keys, { attemptsPerAddress: 3 });
    const wrong = { authorization: `Basic ${Buffer.from(`kommune:nope`).toString('base64')}` };
    for (let i = 0; i < 3; i += 1)
      assert.equal((await create(broker, { client_id: 'kommune' }, wrong)).statusCode, 401);
    const fourth = await create(broker, { client_id: 'kommune' }, wrong);
    assert.equal(fourth.statusCode, 429);
    assert.equal(errorOf(fourth).code, 'rate_limited');
  });

  it('mitid-login/verify: createEnrolment signs an assertion, or sends the secret, and names a refusal', async () => {
    const fetchVia = injectFetch(broker.app);
    const byKey = await createEnrolment({
      brokerUrl: PUBLIC_URL,
      clientId: 'netbank',
      auth: { privateKey: keys.key, kid: 'bank-1', alg: 'ES256' },
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
        auth: { privateKey: keys.otherKey, kid: 'bank-1', alg: 'ES256' },
        customer: { ref: 'K-3', name: 'Maja Holm' },
        fetch: fetchVia,
      }),
      (error: unknown) =>
        error instanceof EnrolmentRequestError && error.code === 'invalid_client' && error.status === 401,
    );
    const made = await clientAssertion({
      privateKey: keys.key,
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
