/**
 * The enrolment tests' rig (issue 23): a broker whose `netbank` client registered a public key (private_key_jwt) and
 * whose `kommune` client registered a secret (client_secret_basic), with helpers that create enrolments as the
 * bank's back end and take the page's steps with the enrolment token.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CLIENT_ASSERTION_TYPE } from '../../../protocol/enrol-api.js';
import type { ClientConfig } from '../../../server/config/clients.js';
import type { RateLimitSettings } from '../../../server/settings.js';
import { BANK_ORIGIN, PUBLIC_URL, startBroker, TEST_CLIENTS, type TestBroker } from './broker.js';

export const SECRET = 'c2VjcmV0LW9mLXRoZS1rb21tdW5lLWJhY2stZW5kLTAxMjM0NTY3';
export const CUSTOMER = { customer_ref: 'K-100234', name: 'Maja Holm Andersen', email: 'maja.holm@eksempel.dk' };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The netbank's key pair (registered) and another one (not registered). */
export interface Keys {
  key: CryptoKey;
  keyPublic: CryptoKey;
  otherKey: CryptoKey;
}

export async function makeKeys(): Promise<Keys> {
  const registered = await generateKeyPair('ES256');
  const other = await generateKeyPair('ES256');
  return { key: registered.privateKey, keyPublic: registered.publicKey, otherKey: other.privateKey };
}

/** The test clients, `netbank` with the keys' public half registered and `kommune` with a secret. */
export async function enrolmentClients(keys: Keys): Promise<ClientConfig[]> {
  return [
    { ...TEST_CLIENTS[0]!, auth: { jwks: { keys: [{ ...(await exportJWK(keys.keyPublic)), kid: 'bank-1' }] } } },
    { ...TEST_CLIENTS[1]!, auth: { secretSha256: sha256(SECRET) } },
    { id: 'plain', name: 'Uden nøgle', origins: [BANK_ORIGIN] },
  ];
}

export async function enrolmentBroker(keys: Keys, rateLimits: Partial<RateLimitSettings> = {}): Promise<TestBroker> {
  return startBroker({ clients: await enrolmentClients(keys), rateLimits });
}

export interface AssertionOverrides {
  aud?: string;
  iss?: string;
  exp?: number;
  iat?: number;
  /** null: no jti at all. */
  jti?: string | null;
}

/** A client assertion of `netbank` at the broker's time, signed with `key` (the registered one by default). */
export function assertion(broker: TestBroker, key: CryptoKey, overrides: AssertionOverrides = {}): Promise<string> {
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

/** `POST /v1/enrolments` with the customer and `body` (the client's id and credentials). */
export function create(
  broker: TestBroker,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return broker.app.inject({ method: 'POST', url: '/v1/enrolments', headers, payload: { ...CUSTOMER, ...body } });
}

/** A new enrolment of `netbank`, by client assertion; its token. */
export async function createdToken(broker: TestBroker, keys: Keys): Promise<string> {
  const response = await create(broker, {
    client_id: 'netbank',
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await assertion(broker, keys.key),
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ enrolment_token: string }>().enrolment_token;
}

/** One of the page's calls, `/v1/enrol/<path>`, with the token, from the bank's origin unless told. */
export function step(
  broker: TestBroker,
  token: string,
  path: string,
  payload?: object,
  origin = BANK_ORIGIN,
): Promise<LightMyRequestResponse> {
  return broker.app.inject({
    method: path === 'current' ? 'GET' : 'POST',
    url: `/v1/enrol/${path}`,
    headers: { authorization: `Bearer ${token}`, origin },
    ...(payload ? { payload } : {}),
  });
}

export function errorOf(response: LightMyRequestResponse): { code: string; reason?: string } {
  return response.json<{ error: { code: string; reason?: string } }>().error;
}

/** `fetch` over `inject`: the helper of mitid-login/verify talks to the test broker without a socket. */
export function injectFetch(app: FastifyInstance): typeof fetch {
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
