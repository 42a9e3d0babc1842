import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activateByLetter } from './support/identity.js';
import { identity, loginByCode, startBroker } from './support/broker.js';

describe('logs', () => {
  it('carry requests and statuses, never a user ID, code, password, token or assertion', async () => {
    const lines: string[] = [];
    const broker = await startBroker({ logger: { level: 'debug', stream: { write: (line) => lines.push(line) } } });
    const secrets: string[] = [];
    const seed = identity('bo.kodeviser');
    const { session, status } = await loginByCode(broker);
    secrets.push(seed.userId, seed.password, session.token, status.assertion ?? '', seed.totp?.['code-display'] ?? '');
    secrets.push(broker.totp(seed.totp?.['code-display'] ?? ''));
    const anna = identity('anna.app');
    const phone = await activateByLetter(broker, anna.userId, 'Test phone');
    secrets.push(anna.userId, anna.password, phone.token);
    // Bad input that echoes secrets must not echo them into the log either.
    await broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { 'content-type': 'application/json' },
      payload: `{"user_id":"${anna.userId}","password":"${anna.password}"`,
    });
    await broker.call('GET', `/v1/sessions/${session.id}?wait=0&after=0`, session.token);
    await broker.close();

    assert.ok(lines.length > 10, 'requests are logged');
    assert.ok(lines.some((line) => line.includes('"statusCode":201')));
    for (const secret of secrets) {
      assert.ok(secret.length >= 6);
      const leaking = lines.find((line) => line.includes(secret));
      assert.equal(leaking, undefined, `a secret reached the log: ${leaking}`);
    }
    assert.ok(!lines.some((line) => /authorization|bearer/i.test(line)), 'no headers in logs');
  });
});
