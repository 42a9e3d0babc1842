import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorBody } from '../../protocol/page-api.js';
import type { AppDevice } from '../../testing/node/index.js';
import { activateByLetter } from './support/identity.js';
import { BANK_ORIGIN, identity, startBroker, type TestBroker } from './support/broker.js';
import { BAD_INPUT_CASES } from './support/bad-input-cases.js';

describe('bad input: every case a 4xx JSON error with a stable code, never a 5xx', () => {
  let broker: TestBroker;
  let id: string;
  let codeId: string;
  let token: string;
  let codeToken: string;
  let device: AppDevice;
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
    device = await activateByLetter(broker, anna.userId, 'Test phone');
  });
  after(() => broker.close());

  it('answers the table', async () => {
    const table = BAD_INPUT_CASES;
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
