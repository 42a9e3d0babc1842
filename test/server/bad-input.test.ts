import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorBody } from '../../src/protocol/wire.js';
import { SimulatedApp } from './support/app-device.js';
import { BANK_ORIGIN, identity, startBroker, type TestBroker } from './support/broker.js';

interface Case {
  name: string;
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT';
  url: string;
  body?: string;
  contentType?: string | null;
  auth?: 'session' | 'none' | 'wrong' | 'malformed' | 'device';
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const GOOD_SESSION = { client_id: 'netbank', mode: 'login', user_id: 'bo.kodeviser', nonce: 'n'.repeat(16) };
const json = (value: unknown) => JSON.stringify(value);
const session = (patch: Record<string, unknown>) => json({ ...GOOD_SESSION, ...patch });

describe('bad input: every case a 4xx JSON error with a stable code, never a 5xx', () => {
  let broker: TestBroker;
  let id: string;
  let codeId: string;
  let token: string;
  let codeToken: string;
  let device: SimulatedApp;
  before(async () => {
    broker = await startBroker({ rateLimits: { sessionsPerAddress: 10_000, attemptsPerAddress: 10_000 } });
    const created = await broker.createSession();
    id = created.id;
    token = created.token;
    const other = await broker.createSession();
    codeId = other.id;
    codeToken = other.token;
    await broker.call('POST', `/v1/sessions/${codeId}/method`, codeToken, { method: 'code-display' });
    const anna = identity('anna.app');
    device = await SimulatedApp.activate(broker, anna.userId, anna.password);
  });
  after(() => broker.close());

  const cases = (): Case[] => [
    // Body format
    { name: 'malformed JSON', url: '/v1/sessions', body: '{"client_id":', status: 400, code: 'invalid_json' },
    { name: 'JSON with a trailing comma', url: '/v1/sessions', body: '{"a":1,}', status: 400, code: 'invalid_json' },
    { name: 'empty JSON body', url: '/v1/sessions', body: '', status: 400, code: 'invalid_json' },
    {
      name: 'text/plain body',
      url: '/v1/sessions',
      body: 'hello',
      contentType: 'text/plain',
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'form body',
      url: '/v1/sessions',
      body: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'XML body',
      url: '/v1/sessions',
      body: '<a/>',
      contentType: 'application/xml',
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'oversized body',
      url: '/v1/sessions',
      body: session({ user_id: 'x'.repeat(20_000) }),
      status: 413,
      code: 'body_too_large',
    },
    { name: 'JSON null', url: '/v1/sessions', body: 'null', status: 400, code: 'invalid_request' },
    { name: 'JSON array', url: '/v1/sessions', body: '[]', status: 400, code: 'invalid_request' },
    { name: 'JSON string', url: '/v1/sessions', body: '"x"', status: 400, code: 'invalid_request' },
    {
      name: 'deep nesting',
      url: '/v1/sessions',
      body: '['.repeat(2000) + ']'.repeat(2000),
      status: 400,
      code: 'invalid_request',
    },
    // Create session fields
    {
      name: 'missing client_id',
      url: '/v1/sessions',
      body: json({ ...GOOD_SESSION, client_id: undefined }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'missing nonce',
      url: '/v1/sessions',
      body: json({ ...GOOD_SESSION, nonce: undefined }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'unknown field',
      url: '/v1/sessions',
      body: session({ admin: true }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: '__proto__ field (refused by the JSON parser)',
      url: '/v1/sessions',
      body: '{"__proto__":{"x":1},' + session({}).slice(1),
      status: 400,
      code: 'invalid_json',
    },
    {
      name: 'user_id a number',
      url: '/v1/sessions',
      body: session({ user_id: 12345 }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'mode unknown',
      url: '/v1/sessions',
      body: session({ mode: 'steal' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'nonce too short',
      url: '/v1/sessions',
      body: session({ nonce: 'short' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'nonce with spaces',
      url: '/v1/sessions',
      body: session({ nonce: 'n n n n n n n n n n' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'transaction not an object',
      url: '/v1/sessions',
      body: session({ mode: 'approve', transaction: 'x' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'transaction extra field',
      url: '/v1/sessions',
      body: session({ mode: 'approve', transaction: { text: 'a', b: 1 } }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'CPR user ID',
      url: '/v1/sessions',
      body: session({ user_id: '010190-1234' }),
      status: 400,
      code: 'cpr_user_id',
    },
    {
      name: 'user ID with markup',
      url: '/v1/sessions',
      body: session({ user_id: '<script>' }),
      status: 400,
      code: 'invalid_user_id',
    },
    {
      name: 'user ID too long',
      url: '/v1/sessions',
      body: session({ user_id: 'a'.repeat(65) }),
      status: 400,
      code: 'invalid_user_id',
    },
    {
      name: 'text with control characters',
      url: '/v1/sessions',
      body: session({ mode: 'approve', transaction: { text: 'a\u0000b' } }),
      status: 400,
      code: 'invalid_transaction_text',
    },
    {
      name: 'unknown client',
      url: '/v1/sessions',
      body: session({ client_id: 'ghost' }),
      status: 400,
      code: 'unknown_client',
    },
    {
      name: 'foreign origin',
      url: '/v1/sessions',
      body: session({}),
      headers: { origin: 'https://evil.example' },
      status: 403,
      code: 'origin_not_allowed',
    },
    // Session calls: who and when
    {
      name: 'unknown session',
      url: '/v1/sessions/AAAAAAAAAAAAAAAAAAAAAA/method',
      body: json({ method: 'app' }),
      auth: 'session',
      status: 404,
      code: 'session_not_found',
    },
    {
      name: 'unknown session, odd id',
      url: `/v1/sessions/${'A'.repeat(60)}/extend`,
      auth: 'session',
      status: 404,
      code: 'session_not_found',
    },
    {
      name: 'session id longer than any',
      url: `/v1/sessions/${'A'.repeat(300)}/extend`,
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'broken URL encoding',
      url: '/v1/sessions/%00%ff/extend',
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'no token',
      url: '/v1/sessions/{id}/method',
      body: json({ method: 'app' }),
      auth: 'none',
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'wrong token',
      url: '/v1/sessions/{id}/method',
      body: json({ method: 'app' }),
      auth: 'wrong',
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'malformed Authorization',
      url: '/v1/sessions/{id}/method',
      body: json({ method: 'app' }),
      auth: 'malformed',
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'token in the query is ignored',
      url: '/v1/sessions/{id}?token=abc',
      method: 'GET',
      auth: 'none',
      status: 401,
      code: 'invalid_token',
    },
    {
      name: 'unknown method',
      url: '/v1/sessions/{id}/method',
      body: json({ method: 'sms' }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'device for a code method',
      url: '/v1/sessions/{id}/method',
      body: json({ method: 'chip', device: 'same' }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'device unknown',
      url: '/v1/sessions/{id}/method',
      body: json({ method: 'app', device: 'tv' }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'code before a method',
      url: '/v1/sessions/{id}/code',
      body: json({ code: '123456' }),
      auth: 'session',
      status: 409,
      code: 'wrong_step',
    },
    {
      name: 'password before a method',
      url: '/v1/sessions/{id}/password',
      body: json({ password: 'x' }),
      auth: 'session',
      status: 409,
      code: 'wrong_step',
    },
    {
      name: 'WebAuthn options before a method',
      url: '/v1/sessions/{id}/webauthn/options',
      auth: 'session',
      status: 409,
      code: 'wrong_step',
    },
    {
      name: 'QR before the app',
      url: '/v1/sessions/{id}/qr',
      method: 'GET',
      auth: 'session',
      status: 409,
      code: 'wrong_step',
    },
    {
      name: 'extend with a body',
      url: '/v1/sessions/{id}/extend',
      body: json({ minutes: 60 }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'cancel with an array',
      url: '/v1/sessions/{id}/cancel',
      body: '[1]',
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'code of 5 digits',
      url: '/v1/sessions/{code}/code',
      body: json({ code: '12345' }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'code with letters',
      url: '/v1/sessions/{code}/code',
      body: json({ code: '12345a' }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'code as a number',
      url: '/v1/sessions/{code}/code',
      body: json({ code: 123456 }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'password too long',
      url: '/v1/sessions/{code}/password',
      body: json({ password: 'p'.repeat(129) }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'WebAuthn response of the wrong shape',
      url: '/v1/sessions/{code}/webauthn',
      body: json({ response: { id: 1 } }),
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'long-poll wait not a number',
      url: '/v1/sessions/{id}?wait=soon',
      method: 'GET',
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'long-poll wait too long',
      url: '/v1/sessions/{id}?wait=3600',
      method: 'GET',
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'long-poll negative after',
      url: '/v1/sessions/{id}?after=-1',
      method: 'GET',
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'long-poll unknown parameter',
      url: '/v1/sessions/{id}?x=1',
      method: 'GET',
      auth: 'session',
      status: 400,
      code: 'invalid_request',
    },
    // Routing
    { name: 'unknown endpoint', url: '/v1/nothing', method: 'GET', status: 404, code: 'not_found' },
    { name: 'wrong verb', url: '/v1/sessions', method: 'DELETE', status: 404, code: 'not_found' },
    { name: 'PUT a session', url: '/v1/sessions/{id}', method: 'PUT', body: '{}', status: 404, code: 'not_found' },
    // App API
    {
      name: 'app without a device token',
      url: '/v1/app/requests',
      method: 'GET',
      auth: 'none',
      status: 401,
      code: 'invalid_device',
    },
    {
      name: 'app with a session token',
      url: '/v1/app/requests',
      method: 'GET',
      auth: 'session',
      status: 401,
      code: 'invalid_device',
    },
    {
      name: 'scan without a frame',
      url: '/v1/app/scan',
      body: '{}',
      auth: 'device',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'scan a forged frame',
      url: '/v1/app/scan',
      body: json({ frame: 'MQR1.AAAAAAAAAAAAAAAAAAAAAA.0.AAAAAAAAAAAAAAAAAAAAAA' }),
      auth: 'device',
      status: 400,
      code: 'qr_invalid',
    },
    {
      name: 'open an unknown request',
      url: '/v1/app/requests/nope/open',
      auth: 'device',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'decision unknown',
      url: '/v1/app/requests/nope/decision',
      body: json({ decision: 'maybe', signature: 'x' }),
      auth: 'device',
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'activate with a bad key',
      url: '/v1/app/activate',
      body: json({ user_id: 'a', password: 'b', device_public_key: { kty: 'RSA' }, device_name: 'x' }),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: 'activate with control characters in the name',
      url: '/v1/app/activate',
      body: json({
        user_id: 'a',
        password: 'b',
        device_public_key: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' },
        device_name: 'a\u0000',
      }),
      status: 400,
      code: 'invalid_request',
    },
    // Enrolment
    {
      name: 'enrol without a body',
      url: '/v1/enrol/chip/options',
      status: 400,
      code: 'invalid_request',
      headers: { origin: BANK_ORIGIN },
    },
    {
      name: 'enrol with an unknown token',
      url: '/v1/enrol/chip',
      body: json({
        enrolment_token: 'x'.repeat(43),
        response: {
          id: 'a',
          rawId: 'a',
          type: 'public-key',
          response: { clientDataJSON: 'a', attestationObject: 'a' },
          clientExtensionResults: {},
        },
      }),
      status: 401,
      code: 'invalid_token',
    },
  ];

  it('answers the table', async () => {
    const table = cases();
    assert.ok(table.length >= 60, `${table.length} cases`);
    for (const entry of table) {
      const sessionId = entry.url.includes('{code}') ? codeId : id;
      const sessionToken = entry.url.includes('{code}') ? codeToken : token;
      const headers: Record<string, string> = { origin: BANK_ORIGIN, ...entry.headers };
      if (entry.body !== undefined && entry.contentType !== null)
        headers['content-type'] = entry.contentType ?? 'application/json';
      if (entry.auth === 'session') headers.authorization = `Bearer ${sessionToken}`;
      if (entry.auth === 'wrong') headers.authorization = `Bearer ${'w'.repeat(43)}`;
      if (entry.auth === 'malformed') headers.authorization = `Basic ${sessionToken}`;
      if (entry.auth === 'device') headers.authorization = `Bearer ${device.token}`;
      const response = await broker.app.inject({
        method: entry.method ?? 'POST',
        url: entry.url.replace('{id}', sessionId).replace('{code}', sessionId),
        headers,
        ...(entry.body !== undefined ? { payload: entry.body } : {}),
      });
      assert.equal(response.statusCode, entry.status, `${entry.name}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /^application\/json/, entry.name);
      const body = response.json<ErrorBody>();
      assert.equal(body.error.code, entry.code, entry.name);
      assert.equal(typeof body.error.message, 'string');
      assert.doesNotMatch(body.error.message, /\bat .*\.(ts|js):\d+/, 'no stack trace');
    }
  });

  it('random JSON to every body endpoint never gives a 5xx', async () => {
    const urls = [
      '/v1/sessions',
      `/v1/sessions/{id}/method`,
      `/v1/sessions/{code}/code`,
      `/v1/sessions/{code}/password`,
      `/v1/sessions/{id}/webauthn`,
      `/v1/sessions/{id}/extend`,
      '/v1/app/activate',
      '/v1/app/scan',
      '/v1/enrol/chip/options',
      '/v1/enrol/chip',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...urls), fc.jsonValue({ maxDepth: 4 }), async (url, value) => {
        const useCode = url.includes('{code}');
        const response = await broker.app.inject({
          method: 'POST',
          url: url.replace('{id}', id).replace('{code}', codeId),
          headers: {
            origin: BANK_ORIGIN,
            'content-type': 'application/json',
            authorization: `Bearer ${url.startsWith('/v1/app') ? device.token : useCode ? codeToken : token}`,
          },
          payload: JSON.stringify(value),
        });
        assert.ok(
          response.statusCode < 500,
          `${url} ${JSON.stringify(value)} → ${response.statusCode} ${response.body}`,
        );
        if (response.statusCode >= 400) assert.equal(typeof response.json<ErrorBody>().error.code, 'string');
      }),
      { numRuns: 300 },
    );
  });
});
